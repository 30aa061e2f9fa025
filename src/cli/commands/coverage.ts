/**
 * `coherency coverage [INPUT] [--alpha-step 0.25] [--experiments 1000] [--inner-toys 1000] ...`:
 * for true α on a grid (0 and 1 included) or at `--truth` values, the fraction of pseudo-experiments
 * whose Feldman–Cousins, asymptotic and Δχ² intervals (and with --limit the one-sided limits) cover
 * it, with binomial Monte Carlo errors, and a plot. INPUT as for `toys` (../toyInput.ts): per bin for
 * counts datasets (with --combined also the combined fit), combined and per bin for ξ ± σ, combined
 * and per band for templates, the POI (or a 2-D region) of a pyhf workspace.
 *
 * Files with --out DIR: coverage.json (byte-identical for any worker count and to `coherency merge`
 * of the shards), coverage.csv, coverage.svg/png; with --shard k/n only shard-k-of-n.json.
 */
import type { Command } from 'commander';
import * as z from 'zod';
import {
  errorBarLayer,
  layeredChart,
  lineLayer,
  panelGrid,
  renderTable,
  type Column,
  type Datum,
} from '../../report/index.js';
import {
  COVERAGE_DEFAULTS,
  COVERAGE_METHODS,
  coverageResult,
  planCoverage,
  resultJson,
  TOYS_DEFAULTS,
} from '../../toys/index.js';
import type { CoverageMethod, CoverageResult } from '../../toys/index.js';
import { SpecError } from '../../errors.js';
import { checkOutputDir, OutputSet, print } from '../io.js';
import { parseOptions } from '../options.js';
import { loadToyInput } from '../toyInput.js';
import { CHANNELS_HELP } from '../channels.js';
import { analysisCoverageTable } from './toyAnalyses.js';
import {
  countArg,
  gridStepArg,
  clListArg,
  limitArg,
  numberListArg,
  poiListArg,
  truthListArg,
  removeChunkFiles,
  runJobOrShard,
  shardArg,
  systematicsArg,
  workersArg,
  addRunOptions,
  runSettings,
  toyOutputNames,
} from '../toyRun.js';

const METHOD_LABEL: Record<CoverageMethod, string> = {
  feldmanCousins: 'Feldman–Cousins',
  asymptotic: 'asymptotic',
  deltaChi2: 'Δχ²',
};

type Row = Record<string, string | number>;

function pct(cl: number): string {
  return `${(cl * 100).toFixed(2)} %`;
}

export function coverageTable(r: CoverageResult, format: 'text' | 'csv'): string {
  // No per-bin points (ξ, template and workspace studies report their analyses' table instead).
  if (r.points.length === 0) return '';
  if (format === 'csv') {
    const rows: Row[] = r.points.map((p) => ({
      bin: p.bin,
      label: p.label,
      alpha: p.poi,
      cl: p.cl,
      method: p.method,
      coverage: p.coverage.value,
      mcError: p.coverage.mcError,
      covered: p.coverage.k,
      experiments: p.coverage.n,
      failed: p.failed,
    }));
    const cols: Column<Row>[] = Object.keys(rows[0] ?? {}).map((key) => ({ key, header: key }));
    return renderTable('csv', cols, rows);
  }
  const byKey = new Map<string, Row>();
  for (const p of r.points) {
    const key = `${p.bin}/${p.poi}`;
    const row = byKey.get(key) ?? { bin: p.bin, label: p.label, alpha: p.poi.toFixed(3) };
    const c = r.settings.cls.indexOf(p.cl);
    row[`${p.method}${c}`] = `${p.coverage.value.toFixed(3)} ± ${p.coverage.mcError.toFixed(3)}`;
    byKey.set(key, row);
  }
  const cols: Column<Row>[] = [
    { key: 'bin', header: 'bin' },
    { key: 'label', header: 'T range' },
    { key: 'alpha', header: 'true α' },
    ...r.settings.cls.flatMap((cl, c) =>
      COVERAGE_METHODS.map((m): Column<Row> => ({
        key: `${m}${c}`,
        header: `${METHOD_LABEL[m]} ${pct(cl)}`,
      })),
    ),
  ];
  return renderTable('text', cols, [...byKey.values()]);
}

export function printCoverageResult(r: CoverageResult): void {
  const s = r.settings;
  print(
    `Coverage for ${r.source.id}: seed ${s.seed}; ${s.nExperiments} pseudo-experiments per true α, ${s.innerToys} toys per FC construction${r.complete ? '' : `; INCOMPLETE: ${r.missingUnits} units missing`}`,
  );
  if (r.points.length > 0) print(coverageTable(r, 'text'));
  if (r.analyses.length > 0) {
    print(
      'Profile-likelihood analyses (pseudo-experiments at θ̂̂(truth) of the data; ± binomial MC error; upperLimit/lowerLimit: the one-sided CLs+b limit lies beyond the truth)',
    );
    print(analysisCoverageTable(r.analyses, s.cls, 'text'));
  }
  const fc = [...r.points, ...r.analyses].filter((p) => p.method === 'feldmanCousins');
  const worst = fc.reduce((a, p) => (Math.abs(p.pull ?? 0) > Math.abs(a.pull ?? 0) ? p : a), fc[0]!);
  if (worst !== undefined) {
    print(
      `Feldman–Cousins: largest deviation from nominal ${((worst.coverage.value - worst.cl) * 100).toFixed(1)} points = ${(worst.pull ?? 0).toFixed(1)} σ_MC (${'bin' in worst ? `bin ${worst.bin}, α = ${worst.poi}` : `${worst.label}, ${worst.pois.join(', ')} = ${worst.truth.join(', ')}`}, CL ${pct(worst.cl)}); ${fc.filter((p) => Math.abs(p.pull ?? 0) <= 3).length}/${fc.length} points within 3 σ_MC.`,
    );
  }
}

/**
 * Wilson score interval of a binomial proportion k/n at ±z σ (E.B. Wilson, JASA 22 (1927) 209): unlike
 * p ± √(p(1−p)/n) it does not collapse to zero width at k = 0 or k = n (coverage 1.000 has an error).
 */
export function wilsonInterval(k: number, n: number, z = 1): { lo: number; hi: number } {
  if (!(n > 0)) return { lo: 0, hi: 1 };
  const z2 = z * z;
  const centre = (k + z2 / 2) / (n + z2);
  const half = (z / (n + z2)) * Math.sqrt((k * (n - k)) / n + z2 / 4);
  return { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}

/**
 * Coverage vs true α, one panel per CL; bins and one-POI analyses pooled (Σ covered / Σ experiments)
 * when there are several (analyses in units of their POI range, so α stays α).
 */
export function coverageChart(r: CoverageResult) {
  const bins = [...new Set(r.points.map((p) => p.bin))];
  const oneDim = r.analyses.filter((p) => p.truth.length === 1);
  const nAnalyses = new Set(oneDim.map((p) => p.key)).size;
  const panels = r.settings.cls.map((cl) => {
    const all: Datum[] = [];
    const layers = COVERAGE_METHODS.map((method, m) => {
      const byPoi = new Map<number, { k: number; n: number }>();
      const add = (poi: number, k: number, n: number) => {
        const acc = byPoi.get(poi) ?? { k: 0, n: 0 };
        byPoi.set(poi, { k: acc.k + k, n: acc.n + n });
      };
      for (const p of r.points)
        if (p.cl === cl && p.method === method) add(p.poi, p.coverage.k, p.coverage.n);
      for (const p of oneDim)
        if (p.cl === cl && p.method === method) add(p.truth[0]!, p.coverage.k, p.coverage.n);
      const data: Datum[] = [...byPoi.entries()].map(([poi, { k, n }]) => {
        const { lo, hi } = wilsonInterval(k, n);
        return { alpha: poi + (m - 1) * 0.012, coverage: n > 0 ? k / n : 0, lo, hi };
      });
      all.push(...data);
      return errorBarLayer({
        data,
        yLow: 'lo',
        yHigh: 'hi',
        label: METHOD_LABEL[method],
        shape: (['circle', 'square', 'diamond'] as const)[m % 3]!,
      });
    });
    const nominal = lineLayer({
      data: [
        { alpha: -0.05, coverage: cl },
        { alpha: 1.05, coverage: cl },
      ],
      label: `nominal ${pct(cl)}`,
      dash: [6, 4],
    });
    // Room around every bar: nothing touches the frame.
    const lo = Math.min(cl, ...all.map((d) => Number(d.lo)));
    const hi = Math.max(cl, ...all.map((d) => Number(d.hi)));
    const pad = 0.08 * Math.max(hi - lo, 0.05);
    return layeredChart({
      title: `Coverage at ${pct(cl)} CL: ${r.source.id}`,
      subtitle: `${[
        ...(bins.length === 1 ? [`bin ${bins[0]}`] : bins.length > 1 ? [`${bins.length} bins`] : []),
        ...(nAnalyses > 0 ? [`${nAnalyses} analyses`] : []),
      ].join(
        ' + ',
      )}${bins.length + nAnalyses > 1 ? ' pooled' : ''}, ${r.settings.nExperiments} pseudo-experiments per true α; bars: 68.27 % Wilson intervals`,
      x: { field: 'alpha', title: 'true α', domain: [-0.05, 1.05] },
      y: { field: 'coverage', title: 'coverage', domain: [Math.max(0, lo - pad), Math.min(1, hi) + pad] },
      colors: {
        [`nominal ${pct(cl)}`]: '#666666',
        [METHOD_LABEL.feldmanCousins]: '#0072B2',
        [METHOD_LABEL.asymptotic]: '#D55E00',
        [METHOD_LABEL.deltaChi2]: '#009E73',
      },
      layers: [nominal, ...layers],
    });
  });
  return panelGrid({ panels, columns: panels.length });
}

/** Run `plan`, naming the --truth option (as the user wrote it) in an error about the truths. */
function withTruthFlag<T>(truthText: unknown, plan: () => T): T {
  try {
    return plan();
  } catch (e) {
    if (e instanceof SpecError && e.path[0] === 'truths')
      throw new SpecError(e.code, `--truth ${JSON.stringify(truthText)}: ${e.message}`, [
        'truth',
        ...e.path.slice(1),
      ]);
    throw e;
  }
}

const CoverageOptionsSchema = z
  .object({
    alphaStep: gridStepArg.default(COVERAGE_DEFAULTS.alphaStep),
    experiments: countArg('a number of pseudo-experiments').default(COVERAGE_DEFAULTS.nExperiments),
    innerToys: countArg('a number of toys').default(COVERAGE_DEFAULTS.innerToys),
    cl: clListArg.default([...TOYS_DEFAULTS.cls]),
    bins: numberListArg('bin indices').optional(),
    seed: z.string().min(1).default('1'),
    workers: workersArg,
    shard: shardArg.optional(),
    out: z.string().min(1).optional(),
    systematics: systematicsArg,
    json: z.boolean().default(false),
    csv: z.boolean().default(false),
    truth: truthListArg.optional(),
    poi: poiListArg.optional(),
    measurement: z.string().min(1).optional(),
    channels: z.string().optional(),
    limit: limitArg.optional(),
    combined: z.boolean().default(false),
  })
  .strict();

export function registerCoverage(program: Command): void {
  addRunOptions(
    program
      .command('coverage')
      .description(
        'coverage of the Feldman–Cousins, asymptotic and Δχ² α intervals for true α on a grid (0 and 1 included)',
      )
      .argument(
        '[input]',
        'shipped dataset name, dataset file (counts, ξ, template) or pyhf workspace file (default coherent-csi-2017)',
      )
      .option('--alpha-step <x>', 'spacing of the true-α grid (1/n)', String(COVERAGE_DEFAULTS.alphaStep))
      .option(
        '--experiments <N>',
        'pseudo-experiments per true α and bin',
        String(COVERAGE_DEFAULTS.nExperiments),
      )
      .option(
        '--inner-toys <N>',
        'toys of the FC construction of each pseudo-experiment',
        String(COVERAGE_DEFAULTS.innerToys),
      )
      .option('--csv', 'print the table as CSV on stdout')
      .option(
        '--truth <list>',
        'true POI values (own units), e.g. 0,0.5,0.9,1 (per-bin α of a counts dataset: values in [0, 1]); for a 2-D region pairs a:b (default: the --alpha-step grid)',
      )
      .option(
        '--poi <names>',
        "pyhf workspace: POI name (default the measurement's); two names: a 2-D region",
      )
      .option('--measurement <name>', 'pyhf workspace: the measurement (default the first)')
      .option('--channels <list>', CHANNELS_HELP)
      .option('--limit <side>', "also the coverage of one-sided limits: 'upper' or 'lower' (CLs+b)")
      .option('--combined', 'counts datasets: also the combined one-α fit (general engine)'),
    'write coverage.json/.csv and the plot (or shard-k-of-n.json) here',
  ).action(async (datasetArg: string | undefined, raw: Record<string, unknown>) => {
    const o = parseOptions(CoverageOptionsSchema, raw);
    if (o.out !== undefined) checkOutputDir(o.out, '--out', toyOutputNames('coverage', o.shard));
    const input = loadToyInput(datasetArg, {
      systematics: o.systematics,
      poi: o.poi,
      measurement: o.measurement,
      channels: o.channels,
      combined: o.combined,
    });
    const job = withTruthFlag(raw['truth'], () =>
      planCoverage(input.counting, {
        seed: o.seed,
        alphaStep: o.alphaStep,
        nExperiments: o.experiments,
        innerToys: o.innerToys,
        cls: o.cl,
        ...(o.bins === undefined ? {} : { bins: o.bins }),
        source: input.source,
        analyses: input.analyses,
        ...(o.truth === undefined ? {} : { truths: o.truth }),
        ...(o.limit === undefined ? {} : { limit: o.limit }),
      }),
    );
    const done = await runJobOrShard(job, runSettings(o, 'coverage'));
    if (done === undefined) return;
    const { run, seconds } = done;
    const result = coverageResult(job, run.units);
    if (o.out !== undefined) {
      const out = new OutputSet(o.out);
      out.add('coverage.json', resultJson(result));
      if (result.points.length > 0) out.add('coverage.csv', coverageTable(result, 'csv'));
      if (result.analyses.length > 0)
        out.add('coverage-analyses.csv', analysisCoverageTable(result.analyses, result.settings.cls, 'csv'));
      await out.addFigure('coverage', coverageChart(result));
      out.commit();
      removeChunkFiles(o.out, job);
    }
    if (o.json) print(resultJson(result));
    else if (o.csv)
      print(
        [coverageTable(result, 'csv'), analysisCoverageTable(result.analyses, result.settings.cls, 'csv')]
          .filter((x) => x !== '' && result.points.length + result.analyses.length > 0)
          .join('\n'),
      );
    else printCoverageResult(result);
    process.stderr.write(
      `${run.totalUnits} units in ${seconds.toFixed(1)} s with ${run.workers} worker(s)\n`,
    );
  });
}
