#!/usr/bin/env node
/**
 * `coherency`: the command-line tool. Commands are thin wrappers over the library; this file only
 * wires them and maps errors to exit codes (0 ok, 2 bad input with one line, 1 internal error).
 */
import { Command, CommanderError } from 'commander';
import { COMMAND_MODULES, readHelpIndex, registerCommands } from './commandIndex.js';
import { EXIT_BAD_INPUT, installPipeGuards, oneLine, reportError } from './io.js';

/**
 * The program with its commands. Given `argv`, only the command it runs is loaded (the others are
 * listed from the help index, commandIndex.ts); without `argv`, every command is loaded.
 */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
  const program = new Command();
  program
    .name('coherency')
    .description(
      'Quantum-mechanical coherency α(q²) of neutrino–nucleus elastic scattering (Sharma et al., PRD 103, 092002)',
    )
    .version('0.1.0')
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      // Usage errors on one line ("error: unknown option '--x' (Did you mean --y?)").
      outputError: (s, write) => write(`coherency: ${oneLine(s)}\n`),
    });
  await registerCommands(program, argv, argv === undefined ? undefined : readHelpIndex(import.meta.url));
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  if (argv.length === 0) {
    process.stderr.write(
      `coherency: error: no command given; expected one of ${COMMAND_MODULES.map((c) => c.name).join(', ')} (coherency --help describes them)\n`,
    );
    return EXIT_BAD_INPUT;
  }
  try {
    const program = await buildProgram(argv);
    await program.parseAsync(argv as string[], { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit through here with code 0; usage errors were already printed.
      return err.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    }
    return reportError(err);
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly || process.argv[1]?.endsWith('/coherency')) {
  installPipeGuards();
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
