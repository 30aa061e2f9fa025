/**
 * `coherency figures --out DIR [--spectra DIR] [--format svg,png] [--only 1,3]`: the paper's Figures
 * 1, 2, 3, 4, 7, 8 and 9 (Sharma et al., PRD 103, 092002) as SVG and PNG, with each Vega-Lite spec
 * beside them (`figN.vl.json`). Every file is rendered in memory first and written only when all
 * succeeded (OutputSet), so a failure leaves no partial output.
 */
import { basename } from 'node:path';
import type { Command } from 'commander';
import * as z from 'zod';
import { loadPaperSpectra } from '../../data/paperSpectra.js';
import { requireInputDirectory } from '../../data/index.js';
import { renderVegaLite } from '../../report/index.js';
import {
  PAPER_FIGURE_NUMBERS,
  buildPaperFigures,
  type PaperFigureNumber,
} from '../../report/figures/index.js';
import { checkOutputDir, OutputSet, print } from '../io.js';
import { parseOptions } from '../options.js';

const FORMATS = ['svg', 'png'] as const;
type Format = (typeof FORMATS)[number];

/** A comma-separated list of items, each checked by `accept`; duplicates dropped, order kept. */
const listArg = <T>(what: string, accept: (item: string) => T | undefined) =>
  z.string().transform((raw, ctx): T[] => {
    const items = raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const parsed = items.map(accept);
    if (items.length === 0 || parsed.some((p) => p === undefined)) {
      ctx.addIssue({ code: 'custom', message: `expected a comma-separated list of ${what}` });
      return z.NEVER;
    }
    return [...new Set(parsed as T[])];
  });

const formatArg = listArg<Format>(FORMATS.join(', '), (s) => FORMATS.find((f) => f === s.toLowerCase()));
const figureArg = listArg<PaperFigureNumber>(`figure numbers (${PAPER_FIGURE_NUMBERS.join(', ')})`, (s) =>
  PAPER_FIGURE_NUMBERS.find((n) => String(n) === s.replace(/^fig/i, '')),
);

const FiguresOptionsSchema = z
  .object({
    out: z.string().min(1, { message: 'expected a directory' }),
    spectra: z.string().optional(),
    format: formatArg.default(['svg', 'png']),
    only: figureArg.optional(),
    json: z.boolean().default(false),
  })
  .strict();

export function registerFigures(program: Command): void {
  program
    .command('figures')
    .description(
      "the paper's Figures 1, 2, 3, 4, 7, 8, 9 as SVG and PNG (Vega-Lite; the spec is written as figN.vl.json)",
    )
    .requiredOption('--out <dir>', 'output directory (created if missing)')
    .option(
      '--spectra <dir>',
      'directory with b8.csv, hep.csv, atmos_extrapolated.txt (default ../shared/data/spectra)',
    )
    .option('--format <list>', "image formats, comma-separated: 'svg', 'png'", 'svg,png')
    .option('--only <list>', `figures to make, e.g. '1,3' (default all: ${PAPER_FIGURE_NUMBERS.join(', ')})`)
    .option('--json', 'print the figures made and the files written as JSON on stdout')
    .action(async (raw: Record<string, unknown>) => {
      const o = parseOptions(FiguresOptionsSchema, raw);
      const names = (o.only ?? PAPER_FIGURE_NUMBERS).flatMap((n) =>
        ['vl.json', ...o.format].map((ext) => `fig${n}.${ext}`),
      );
      checkOutputDir(o.out, '--out', names);
      if (o.spectra !== undefined) requireInputDirectory(o.spectra, '--spectra');
      const started = performance.now();
      const spectra = loadPaperSpectra(o.spectra === undefined ? {} : { spectraDir: o.spectra });
      const figures = buildPaperFigures(spectra, o.only === undefined ? {} : { only: o.only });
      const files = new OutputSet(o.out);
      const warnings: string[] = [];
      for (const fig of figures) {
        files.add(`${fig.name}.vl.json`, `${JSON.stringify(fig.spec)}\n`);
        const rendered = await renderVegaLite(fig.spec);
        if (o.format.includes('svg')) files.add(`${fig.name}.svg`, rendered.svg);
        if (o.format.includes('png')) files.add(`${fig.name}.png`, rendered.png);
        warnings.push(...rendered.warnings.map((w) => `${fig.name}: ${w}`));
      }
      const written = files.commit();
      for (const w of warnings) process.stderr.write(`coherency: warning: ${w}\n`);
      if (o.json) {
        const json = figures.map((f) => ({
          number: f.number,
          caption: f.caption,
          files: written.filter((p) => basename(p).startsWith(`${f.name}.`)),
        }));
        print(JSON.stringify({ out: o.out, figures: json, warnings }, null, 2));
        return;
      }
      for (const fig of figures) print(`Fig. ${fig.number}: ${fig.caption}`);
      print(written.join('\n'));
      print(
        `${written.length} files written in ${((performance.now() - started) / 1000).toFixed(1)} s ` +
          '(Helm form factor, paper mean-A nuclei Ar 40, Ge 73, Xe 131).',
      );
    });
}
