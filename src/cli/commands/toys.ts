/**
 * `coherency toys [INPUT] --n 100000 --seed 1 [--workers N] [--shard k/n] [--out DIR]`:
 * toy-calibrated p-values and Feldman–Cousins intervals beside the asymptotic ones (src/toys); the
 * run machinery is in ../toyRun.ts, the input (shipped dataset, dataset file of any kind, pyhf
 * workspace file with --poi/--measurement) in ../toyInput.ts.
 *
 * - counts datasets: α = 1 and α = 0 per bin (closed-form kernels) and combined, FC intervals per bin,
 *   and the combined one-α fit's FC interval (general engine);
 * - ξ ± σ datasets: the combined fit and each bin; template datasets: the combined fit and each band
 *   (other bands profiled); pyhf workspaces: the POI (two names: a 2-D FC region);
 * - `--limit upper|lower` adds one-sided limits (q̃_μ), `--cls` makes them CLs = CLs+b/CLb.
 *
 * Files with --out DIR: toys.json (the result; byte-identical for any worker count and to
 * `coherency merge` of the shards), toys.csv (per bin), toys-analyses.csv, toys.md, and plots
 * (toys-intervals, toys-analyses, toys-region-<key>, toys-limit-<key>: .svg/.png/.vl.json); with
 * --shard k/n only shard-k-of-n.json. Finished units go to DIR/.chunks/<job hash>/ as they complete; a rerun of the
 * same command reuses them (resume) and the folder is removed once the outputs are written.
 */
import type { Command } from 'commander';
import * as z from 'zod';
import { intervalsChart, renderTable, type Column } from '../../report/index.js';
import { analysisToysOptions, planToys, resultJson, TOYS_DEFAULTS, toysResult } from '../../toys/index.js';
import type { ToysResult } from '../../toys/index.js';
import { checkOutputDir, OutputSet, print } from '../io.js';
import { parseOptions } from '../options.js';
import { SpecError } from '../../errors.js';
import { loadToyInput } from '../toyInput.js';
import { CHANNELS_HELP } from '../channels.js';
import {
  analysisIntervalsChart,
  analysisTables,
  fmtP,
  fmtToyP,
  limitChart,
  regionChart,
} from './toyAnalyses.js';
import {
  countArg,
  gridStepArg,
  clListArg,
  limitArg,
  numberListArg,
  poiListArg,
  removeChunkFiles,
  runJobOrShard,
  shardArg,
  systematicsArg,
  workersArg,
  addRunOptions,
  runSettings,
  toyOutputNames,
} from '../toyRun.js';

// ---------------------------------------------------------------------------------------------
// Tables and plot of a toys result (also used by `merge`).

const f3 = (v: number) => v.toFixed(3);

function fmtInterval(lo: number | null, hi: number | null): string {
  return lo === null || hi === null ? '—' : `[${lo.toFixed(3)}, ${hi.toFixed(3)}]`;
}

type Row = Record<string, string | number>;

export function toysTables(r: ToysResult): {
  tests: string;
  intervals: string;
  combined: string;
  csv: string;
} {
  const testRows: Row[] = r.bins.map((b) => ({
    bin: b.bin,
    label: b.label,
    alphaHat: b.poiHat,
    q1: b.alpha1.q,
    p1a: fmtP(b.alpha1.asymptotic.pValue),
    p1t: fmtToyP(b.alpha1.toys),
    q0: b.alpha0.q,
    p0a: fmtP(b.alpha0.asymptotic.pValue),
    p0t: fmtToyP(b.alpha0.toys),
  }));
  const testCols: Column<Row>[] = [
    { key: 'bin', header: 'bin' },
    { key: 'label', header: 'T range' },
    { key: 'alphaHat', header: 'α̂', format: (v) => f3(v as number) },
    { key: 'q1', header: 'q1', format: (v) => f3(v as number) },
    { key: 'p1a', header: 'p(α=1) asym' },
    { key: 'p1t', header: 'p(α=1) toys' },
    { key: 'q0', header: 'q0', format: (v) => f3(v as number) },
    { key: 'p0a', header: 'p(α=0) asym' },
    { key: 'p0t', header: 'p(α=0) toys' },
  ];
  const ivRows: Row[] = r.bins.map((b) => {
    const row: Row = { bin: b.bin, label: b.label };
    b.fc.intervals.forEach((iv, c) => {
      row[`fc${c}`] = fmtInterval(iv.lower, iv.upper) + (iv.connected ? '' : '*');
      row[`as${c}`] = fmtInterval(iv.asymptotic.lower, iv.asymptotic.upper);
    });
    return row;
  });
  const ivCols: Column<Row>[] = [
    { key: 'bin', header: 'bin' },
    { key: 'label', header: 'T range' },
    ...r.settings.cls.flatMap((cl, c): Column<Row>[] => [
      { key: `fc${c}`, header: `FC ${(cl * 100).toFixed(2)} %` },
      { key: `as${c}`, header: `asymptotic ${(cl * 100).toFixed(2)} %` },
    ]),
  ];
  const combRows: Row[] = r.combined.flatMap((c) => [
    {
      test: `α = ${c.poi} in all bins (shared α)`,
      stat: `q = ${f3(c.shared.q)}`,
      pa: fmtP(c.shared.asymptotic.pValue),
      pt: fmtToyP(c.shared.toys),
    },
    {
      test: `α = ${c.poi} in all bins (α per bin, bounded χ̄² of ${c.global.dof} bins)`,
      stat: `Λ = ${f3(c.global.lambda)}`,
      pa: fmtP(c.global.asymptotic.pValue),
      pt: fmtToyP(c.global.toys),
    },
    {
      test: `most significant bin (${c.mostSignificant.bin}), look-elsewhere: Šidák vs toys`,
      stat: `q = ${f3(c.mostSignificant.q)}`,
      pa: fmtP(c.mostSignificant.asymptotic.pValue),
      pt: fmtToyP(c.mostSignificant.toys),
    },
  ]);
  const combCols: Column<Row>[] = [
    { key: 'test', header: 'combined test' },
    { key: 'stat', header: 'statistic' },
    { key: 'pa', header: 'p asymptotic' },
    { key: 'pt', header: 'p toys' },
  ];
  const csvRows: Row[] = r.bins.map((b) => {
    const row: Row = {
      bin: b.bin,
      label: b.label,
      alphaHat: b.poiHat,
      q1: b.alpha1.q,
      p1Asymptotic: b.alpha1.asymptotic.pValue,
      p1Toys: b.alpha1.toys.pValue,
      p1ToysError: b.alpha1.toys.mcError,
      q0: b.alpha0.q,
      p0Asymptotic: b.alpha0.asymptotic.pValue,
      p0Toys: b.alpha0.toys.pValue,
      p0ToysError: b.alpha0.toys.mcError,
    };
    b.fc.intervals.forEach((iv) => {
      const tag = String(Math.round(iv.cl * 10000));
      row[`fcLo${tag}`] = iv.lower ?? '';
      row[`fcHi${tag}`] = iv.upper ?? '';
      row[`asymLo${tag}`] = iv.asymptotic.lower;
      row[`asymHi${tag}`] = iv.asymptotic.upper;
    });
    return row;
  });
  const csvCols: Column<Row>[] = Object.keys(csvRows[0] ?? {}).map((key) => ({ key, header: key }));
  return {
    tests: renderTable('text', testCols, testRows),
    intervals: renderTable('text', ivCols, ivRows),
    combined: combRows.length > 0 ? renderTable('text', combCols, combRows) : '',
    csv: csvRows.length > 0 ? renderTable('csv', csvCols, csvRows) : '',
  };
}

export function printToysResult(r: ToysResult): void {
  const t = toysTables(r);
  const s = r.settings;
  print(
    `Toys for ${r.source.id}: seed ${s.seed}; ${[
      ...(r.bins.length > 0
        ? [
            `${s.nToys} toys per bin for α = 1 and α = 0, FC grid step ${s.alphaStep} with ${s.fcToys} toys per interior point`,
          ]
        : []),
      ...(r.analyses.some((a) => a.kind === 'interval')
        ? [
            `analyses: FC grid step ${s.alphaStep} of the POI range, ${s.analysisToys} toys at the bounds and ${s.analysisFcToys} per interior point`,
          ]
        : []),
      ...(r.analyses.some((a) => a.kind === 'region')
        ? [`2-D regions: grid step ${s.regionStep} of each POI range, ${s.analysisFcToys} toys per point`]
        : []),
    ].join('; ')}${r.complete ? '' : `; INCOMPLETE: ${r.missingUnits} units missing`}`,
  );
  if (r.bins.length > 0) {
    print(
      'One-sided tests per bin (q1 = t̃(1), q0 = t̃(0); asymptotic p: two-boundary t̃ distribution, far branch point from the Asimov data at the far boundary; toys: fraction of toys with t ≥ q ± binomial error)',
    );
    print(t.tests);
    print(
      'α intervals per bin: Feldman–Cousins from toys (edges interpolated between grid points; * = accepted set not connected) and asymptotic',
    );
    print(t.intervals);
  }
  if (t.combined !== '') {
    print(`Combined tests (${s.combinedToys} toys per hypothesis)`);
    print(t.combined);
  }
  printAnalyses(r);
}

/** The general-engine analyses of a toys result. */
export function printAnalyses(r: ToysResult): void {
  if (r.analyses.length === 0) return;
  const a = analysisTables(r.analyses, r.settings.cls);
  const s = r.settings;
  if (a.tests !== '') {
    print(
      `Profile-likelihood analyses (nuisances profiled; toys at θ̂̂ of each tested point: ${s.analysisToys} at the bounds, ${s.analysisFcToys} per interior point). Tests of the POI's bounds (α = 1, α = 0): q = t̃, asymptotic p: two-boundary t̃ distribution (far branch point from the Asimov data at the far bound), toys ± binomial error`,
    );
    print(a.tests);
    print(
      'Feldman–Cousins intervals (t̃ ordering, edges interpolated; * = not connected, † = narrower than the grid)',
    );
    print(a.intervals);
  }
  if (a.limits !== '') {
    print(
      `One-sided limits (q̃_μ; ${s.clsMethod ? `CLs = CLs+b/CLb, CLb from ${s.analysisFcToys} toys at the reference bound` : 'CLs+b'}; linear interpolation between grid points)`,
    );
    print(a.limits);
  }
  if (a.regions !== '') print(a.regions);
}

// ---------------------------------------------------------------------------------------------
// The command.

const ToysOptionsSchema = z
  .object({
    n: countArg('a number of toys').default(TOYS_DEFAULTS.nToys),
    fcToys: countArg('a number of toys').default(TOYS_DEFAULTS.fcToys),
    combinedToys: countArg('a number of toys', 0).default(TOYS_DEFAULTS.combinedToys),
    alphaStep: gridStepArg.default(TOYS_DEFAULTS.alphaStep),
    regionStep: gridStepArg.default(TOYS_DEFAULTS.regionStep),
    cl: clListArg.default([...TOYS_DEFAULTS.cls]),
    bins: numberListArg('bin indices').optional(),
    poi: poiListArg.optional(),
    measurement: z.string().min(1).optional(),
    channels: z.string().optional(),
    analyses: z.string().min(1).optional(),
    limit: limitArg.optional(),
    cls: z.boolean().default(false),
    seed: z.string().min(1).default('1'),
    workers: workersArg,
    shard: shardArg.optional(),
    out: z.string().min(1).optional(),
    systematics: systematicsArg,
    json: z.boolean().default(false),
    csv: z.boolean().default(false),
  })
  .strict();

export function registerToys(program: Command): void {
  addRunOptions(
    program
      .command('toys')
      .description(
        'toy-calibrated p-values and Feldman–Cousins intervals (per bin, combined, per band, any pyhf workspace POI; 2-D regions; one-sided limits), beside the asymptotic ones',
      )
      .argument(
        '[input]',
        'shipped dataset name, dataset file (counts, ξ, template) or pyhf workspace file (default coherent-csi-2017)',
      )
      .option(
        '--n <N>',
        'toys for the tests of α = 1 and α = 0 (per bin; per analysis)',
        String(TOYS_DEFAULTS.nToys),
      )
      .option(
        '--fc-toys <N>',
        'toys per interior point of the Feldman–Cousins grid (and per 2-D grid point, and for CLb)',
        String(TOYS_DEFAULTS.fcToys),
      )
      .option(
        '--alpha-step <x>',
        'spacing of the α grid as a fraction of the POI range (1/n: 0.025 → 41 points)',
        String(TOYS_DEFAULTS.alphaStep),
      )
      .option(
        '--combined-toys <N>',
        'toys per hypothesis for the combined tests of a counts dataset (0: skip them and the combined FC interval)',
        String(TOYS_DEFAULTS.combinedToys),
      )
      .option(
        '--poi <names>',
        "pyhf workspace: POI name (default the measurement's); two names: a 2-D FC region",
      )
      .option('--measurement <name>', 'pyhf workspace: the measurement (default the first)')
      .option('--channels <list>', CHANNELS_HELP)
      .option(
        '--analyses <keys>',
        'only these analyses, comma-separated keys (template datasets: combined, band0, band1, …; the same numbers as in the full job)',
      )
      .option(
        '--region-step <x>',
        'grid step of a 2-D region on each POI range (1/n)',
        String(TOYS_DEFAULTS.regionStep),
      )
      .option('--limit <side>', "one-sided limits: 'upper' (POI < x, with q̃_μ) or 'lower' (POI > x)")
      .option('--cls', 'limits by CLs = CLs+b/CLb (toys at the reference bound too), as for exclusion')
      .option('--csv', 'print the per-bin table as CSV on stdout (numbers in their own columns)'),
    'write toys.json/.csv/.md and plots (or shard-k-of-n.json) here',
  ).action(async (inputArg: string | undefined, raw: Record<string, unknown>) => {
    const o = parseOptions(ToysOptionsSchema, raw);
    if (o.cls && o.limit === undefined) {
      throw new SpecError('invalid_input', '--cls: needs --limit upper|lower (CLs is a limit method)', [
        'cls',
      ]);
    }
    if (o.out !== undefined) checkOutputDir(o.out, '--out');
    const input = loadToyInput(inputArg, {
      systematics: o.systematics,
      poi: o.poi,
      measurement: o.measurement,
      channels: o.channels,
      analyses: o.analyses,
      combined: o.combinedToys > 0,
    });
    if (o.out !== undefined) checkOutputDir(o.out, '--out', toyOutputNames('toys', o.shard, input.analyses));
    const job = planToys(input.counting, {
      seed: o.seed,
      nToys: o.n,
      fcToys: o.fcToys,
      combinedToys: o.combinedToys,
      alphaStep: o.alphaStep,
      regionStep: o.regionStep,
      cls: o.cl,
      ...(o.bins === undefined ? {} : { bins: o.bins }),
      source: input.source,
      ...analysisToysOptions(input, o.n, o.combinedToys),
      ...(o.limit === undefined ? {} : { limit: o.limit }),
      clsMethod: o.cls,
    });
    const done = await runJobOrShard(job, runSettings(o, 'toys'));
    if (done === undefined) return;
    const { run, seconds } = done;
    const result = toysResult(job, run.units);
    if (o.out !== undefined) {
      const out = new OutputSet(o.out);
      const tables = toysTables(result);
      const a = analysisTables(result.analyses, result.settings.cls);
      out.add('toys.json', resultJson(result));
      if (tables.csv !== '') out.add('toys.csv', tables.csv);
      if (a.csv !== '') out.add('toys-analyses.csv', a.csv);
      out.add(
        'toys.md',
        [tables.tests, tables.intervals, tables.combined, a.tests, a.intervals, a.limits, a.regions]
          .filter((x) => x !== '')
          .join('\n'),
      );
      if (result.bins.length > 0)
        await out.addFigure('toys-intervals', intervalsChart(result, input.binQ2MeV2, input.id));
      if (result.analyses.some((x) => x.kind === 'interval'))
        await out.addFigure('toys-analyses', analysisIntervalsChart(result.analyses, result.settings.cls));
      for (const x of result.analyses) {
        if (x.kind === 'region')
          await out.addFigure(`toys-region-${x.key}`, regionChart(x, result.settings.cls));
        else if (x.limit !== null)
          await out.addFigure(`toys-limit-${x.key}`, limitChart(x, result.settings.cls));
      }
      out.commit();
      removeChunkFiles(o.out, job);
    }
    if (o.json) {
      print(resultJson(result));
      return;
    }
    if (o.csv) {
      // The per-bin table; inputs without bins (workspaces, ξ, templates) print the analyses' table.
      const csv = toysTables(result).csv;
      print(csv !== '' ? csv : analysisTables(result.analyses, result.settings.cls).csv);
      return;
    }
    printToysResult(result);
    process.stderr.write(
      `${run.totalUnits} units in ${seconds.toFixed(1)} s with ${run.workers} worker(s)${o.out === undefined ? '' : `; outputs in ${o.out}`}\n`,
    );
  });
}
