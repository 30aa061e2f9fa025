/**
 * The CLI's commands, in the order `coherency --help` lists them, each loaded on demand.
 *
 * Start-up (issue 13): a command module imports the library layers it needs (zod schemas, the
 * statistics, toys, plots), so importing all ten for every invocation cost most of a second. The CLI
 * loads only the module of the command it runs. The top-level help lists every command from a help
 * index (name, term, description) written beside the built CLI by `scripts/build-cli.mjs`, which
 * computes it from the real commands; without an index (running from the sources) every module is
 * loaded and the listing is built from the real commands directly.
 */
import { readFileSync } from 'node:fs';
import { Help, type Command } from 'commander';

type Register = (program: Command) => void;

/** Name → loader of the module that registers the command. Order = order in the help listing. */
export const COMMAND_MODULES: readonly { readonly name: string; readonly load: () => Promise<Register> }[] = [
  { name: 'analyze', load: async () => (await import('./commands/analyze.js')).registerAnalyze },
  { name: 'alpha', load: async () => (await import('./commands/alpha.js')).registerAlpha },
  { name: 'table', load: async () => (await import('./commands/table.js')).registerTable },
  { name: 'figures', load: async () => (await import('./commands/figures.js')).registerFigures },
  { name: 'toys', load: async () => (await import('./commands/toys.js')).registerToys },
  { name: 'coverage', load: async () => (await import('./commands/coverage.js')).registerCoverage },
  { name: 'merge', load: async () => (await import('./commands/merge.js')).registerMerge },
  { name: 'project', load: async () => (await import('./commands/project.js')).registerProject },
  { name: 'export-pyhf', load: async () => (await import('./commands/exportPyhf.js')).registerExportPyhf },
  { name: 'dataset', load: async () => (await import('./commands/dataset.js')).registerDataset },
  { name: 'fit', load: async () => (await import('./commands/fit.js')).registerFit },
];

/** What the top-level help shows of one command (commander's subcommand term and description). */
export interface HelpEntry {
  readonly name: string;
  readonly term: string;
  readonly description: string;
}

/** File name of the help index, written beside the built entry point. */
export const HELP_INDEX_FILE = 'help-index.json';

/** The help entries of a program whose commands are all registered (used to write the index). */
export function helpEntries(program: Command): HelpEntry[] {
  const help = new Help();
  return program.commands.map((cmd) => ({
    name: cmd.name(),
    term: help.subcommandTerm(cmd),
    description: help.subcommandDescription(cmd),
  }));
}

/** The help index beside `moduleUrl`, or undefined if there is none (sources) or it does not list every command. */
export function readHelpIndex(moduleUrl: string): Map<string, HelpEntry> | undefined {
  let entries: HelpEntry[];
  try {
    entries = JSON.parse(readFileSync(new URL(HELP_INDEX_FILE, moduleUrl), 'utf8')) as HelpEntry[];
  } catch {
    return undefined;
  }
  const byName = new Map(entries.map((e) => [e.name, e]));
  return COMMAND_MODULES.every((m) => byName.has(m.name)) ? byName : undefined;
}

/** The command a command line runs: its first operand, or the operand after `help`. */
export function requestedCommand(argv: readonly string[]): string | undefined {
  const operands = argv.filter((a) => !a.startsWith('-'));
  return operands[0] === 'help' ? operands[1] : operands[0];
}

/**
 * Register the commands on `program`: the one `argv` runs for real, the others as listing-only
 * stubs that show the indexed term and description. With no index, or `argv` undefined, every
 * command is registered for real.
 */
export async function registerCommands(
  program: Command,
  argv: readonly string[] | undefined,
  index: Map<string, HelpEntry> | undefined,
): Promise<void> {
  const wanted = argv === undefined ? undefined : requestedCommand(argv);
  const stubTerms = new Map<Command, string>();
  for (const { name, load } of COMMAND_MODULES) {
    const entry = index?.get(name);
    if (entry === undefined || argv === undefined || name === wanted) {
      (await load())(program);
      continue;
    }
    const stub = program
      .command(name)
      .description(entry.description)
      .action(() => {
        throw new Error(`command '${name}' was listed but not loaded`);
      });
    stubTerms.set(stub, entry.term);
  }
  if (stubTerms.size > 0) {
    const term = Help.prototype.subcommandTerm;
    program.configureHelp({
      subcommandTerm(cmd) {
        return stubTerms.get(cmd) ?? term.call(this, cmd);
      },
    });
  }
}
