/**
 * `coherency fit DATASET... --model NAME [--free R,s] [--set s=0.9] [--separate s] [--json] [--out DIR]`:
 * Levenberg–Marquardt fits of a ξ(q²)/α(q²) model to one or several binned datasets (Poisson
 * likelihood for counts, χ² for ξ ± σ), parameters shared by name across datasets. Prints values with
 * covariance and profile-likelihood errors, correlations, goodness of fit and every warning; with
 * --out also writes fit.json and plots (data with the fitted curve and 1σ band; ΔS profiles).
 */
import type { Command } from 'commander';
import * as z from 'zod';
import { loadDataset } from '../../data/index.js';
import { refuseDuplicateDatasets } from '../duplicateDatasets.js';
import { SpecError } from '../../errors.js';
import {
  MODEL_NAMES,
  configureModel,
  dataAsXi,
  fitDatasets,
  fittedXiCurve,
  resolveModel,
  summarizeFit,
  type DatasetsFit,
  type FitSummary,
} from '../../fit/index.js';
import {
  bandLayer,
  errorBarLayer,
  layeredChart,
  lineLayer,
  panelGrid,
  pointLayer,
  renderTable,
  textLayer,
  type Column,
  type Layer,
  type TopLevelSpec,
} from '../../report/index.js';
import { checkOutputDir, OutputSet, print } from '../io.js';
import { parseOptions, positiveArg } from '../options.js';

const list = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== ''),
  )
  .refine((xs) => xs.length > 0, { message: 'expected a comma-separated list of parameter names' });

const assignments = z.string().transform((s, ctx) => {
  const out: Record<string, number> = {};
  for (const part of s.split(',')) {
    const m = /^\s*([\w:@#.-]+)\s*=\s*([^=]+?)\s*$/.exec(part);
    const v = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(v)) {
      ctx.addIssue({ code: 'custom', message: `expected NAME=NUMBER[,NAME=NUMBER…], got "${part}"` });
      return z.NEVER;
    }
    out[m[1] as string] = v;
  }
  return out;
});

const FitOptionsSchema = z
  .object({
    model: z.string().min(1),
    free: list.optional(),
    set: assignments.optional(),
    separate: list.optional(),
    constraint: z.enum(['gaussian', 'lognormal']).default('gaussian'),
    q2Treatment: z.enum(['calibrated', 'centre']).optional(),
    delta: positiveArg('ΔS of the profile intervals').default(1),
    json: z.boolean().default(false),
    out: z.string().min(1).optional(),
  })
  .strict();

/** Files written by `fit --out`. */
const FIT_FILES = [
  'fit.json',
  ...['fit-xi', 'fit-profiles'].flatMap((f) => [`${f}.svg`, `${f}.png`, `${f}.vl.json`]),
];

type Row = { name: string; unit: string; value: string; cov: string; profile: string; note: string };

const COLUMNS: Column<Row>[] = [
  { key: 'name', header: 'parameter' },
  { key: 'unit', header: 'unit' },
  { key: 'value', header: 'value' },
  { key: 'cov', header: '± (covariance)' },
  { key: 'profile', header: 'profile interval' },
  { key: 'note', header: 'note' },
];

const g = (x: number, digits = 4): string =>
  Number.isFinite(x) ? Number(x.toPrecision(digits)).toString() : String(x);

function rows(s: FitSummary): Row[] {
  return s.parameters.map((p) => {
    const iv = p.profile;
    // −a / +b when both ends were found; otherwise the interval itself, naming the bound it ran into.
    const profile = !iv
      ? ''
      : (iv.lowerOpen || iv.upperOpen
          ? `[${iv.lowerOpen ? 'bound ' : ''}${g(iv.lower, 3)}, ${iv.upperOpen ? 'bound ' : ''}${g(iv.upper, 3)}]`
          : `−${g(iv.errorLow, 3)} / +${g(iv.errorHigh, 3)}`) + (iv.valid ? '' : ' (invalid)');
    const note = [
      p.fixed ? 'fixed' : '',
      p.role === 'nuisance' ? 'nuisance' : '',
      p.atLimit ? 'AT LIMIT' : '',
      p.unconstrained ? 'UNCONSTRAINED' : '',
    ].filter((x) => x !== '');
    return {
      name: p.name,
      unit: p.unit ?? '',
      value: g(p.value, 5),
      cov: p.fixed ? '' : p.error === null ? 'n/a' : g(p.error, 3),
      profile,
      note: note.join(', '),
    };
  });
}

function printHuman(f: DatasetsFit, s: FitSummary, modelName: string): void {
  const names = f.entries.map(
    (e, i) => `${f.datasets[i]!.id} (${e.dataset.kind}, ${f.datasets[i]!.nBins} bins)`,
  );
  const stat =
    s.statistic === 'chi2'
      ? 'χ² of ξ ± σ'
      : s.statistic === 'deviance'
        ? 'Poisson likelihood (Baker–Cousins χ²)'
        : 'χ² + Poisson likelihood';
  print(`Fit of ${modelName} to ${names.join(' + ')}: ${stat}, Levenberg–Marquardt`);
  print(`model: ${f.entries[0]!.model.description}`);
  const d = s.diagnostics;
  print(
    `status: ${d.converged ? 'converged' : `NOT CONVERGED (${d.reason})`} after ${d.iterations} steps, EDM = ${g(d.edm, 2)}; covariance ${d.covariancePosDef ? 'positive-definite' : 'NOT positive-definite'}${s.trusted ? '' : ' — RESULT NOT TRUSTED, see warnings'}`,
  );
  print(renderTable('text', COLUMNS, rows(s)));
  if (s.profileDelta !== null)
    print(`profile intervals: ΔS = ${s.profileDelta} (other parameters refitted at each point)`);
  if (s.correlation && s.correlation.order.length > 1) {
    const o = s.correlation.order;
    const corrRows: Record<string, string>[] = o.map((name, a) => ({
      ' ': name,
      ...Object.fromEntries(o.map((b, j) => [b, s.correlation!.matrix[a]![j]!.toFixed(3)])),
    }));
    const cols: Column<Record<string, string>>[] = [' ', ...o].map((key) => ({
      key,
      header: key === ' ' ? 'correlation' : key,
    }));
    print(renderTable('text', cols, corrRows));
  }
  const pv = s.pValue === null ? 'n/a' : g(s.pValue, 3);
  print(
    `goodness of fit: S = ${g(s.chi2)} for ndf = ${s.ndf} (S/ndf = ${s.chi2PerNdf === null ? 'n/a' : g(s.chi2PerNdf, 3)}), p = ${pv}`,
  );
  if (f.datasets.length > 1)
    print(`  per dataset: ${f.datasets.map((x) => `${x.id} S = ${g(x.chi2)}`).join('; ')}`);
  for (const m of s.messages) print(`warning: ${m}`);
}

/** ξ range always shown; wider only to take in data points within [−2, 3] (beyond: off-scale markers). */
const XI_VIEW = { lo: -0.5, hi: 1.5, maxLo: -2, maxHi: 3 } as const;

function xiPanel(f: DatasetsFit, e: number): TopLevelSpec {
  const ds = f.entries[e]!.dataset;
  const data = dataAsXi(f, e);
  const q2Max = Math.max(...data.map((p) => p.q2HiMeV2));
  const grid = Array.from({ length: 121 }, (_, i) => (q2Max * i) / 120);
  const curve = fittedXiCurve(f, e, grid);
  const hasBand = curve.every((c) => Number.isFinite(c.xiLow));
  // A robust ξ range: one outlying bin (e.g. ξ̂ = −33 ± 30) must not squash the others flat.
  const centres = data.map((p) => p.xi).filter((x) => x >= XI_VIEW.maxLo && x <= XI_VIEW.maxHi);
  const yLo = Math.min(XI_VIEW.lo, ...centres.map((x) => x - 0.2));
  const yHi = Math.max(
    XI_VIEW.hi,
    ...curve.map((c) => (hasBand ? c.xiHigh : c.xi)),
    ...centres.map((x) => x + 0.2),
  );
  const inView = data.filter((p) => p.xi >= yLo && p.xi <= yHi);
  const off = data.filter((p) => p.xi < yLo || p.xi > yHi);
  const offRows = off.map((p) => ({
    q2: p.q2MeV2,
    xi: p.xi < yLo ? yLo + 0.04 * (yHi - yLo) : yHi - 0.04 * (yHi - yLo),
    text: `off scale: ξ = ${g(p.xi, 3).replace('-', '−')} −${g(p.xi - p.xiLow, 2)} +${g(p.xiHigh - p.xi, 2)}`,
  }));
  const layers: Layer[] = [
    ...(hasBand
      ? [
          bandLayer({
            data: curve.map((c) => ({ q2: c.q2MeV2, lo: c.xiLow, hi: c.xiHigh })),
            yLow: 'lo',
            yHigh: 'hi',
            label: 'fit',
          }),
        ]
      : []),
    lineLayer({ data: curve.map((c) => ({ q2: c.q2MeV2, xi: c.xi })), label: 'fit' }),
    errorBarLayer({
      data: inView.map((p) => ({
        q2: p.q2MeV2,
        xi: p.xi,
        lo: p.xiLow,
        hi: p.xiHigh,
        x0: p.q2LoMeV2,
        x1: p.q2HiMeV2,
      })),
      yLow: 'lo',
      yHigh: 'hi',
      xLow: 'x0',
      xHigh: 'x1',
      label: 'data',
    }),
  ];
  if (off.length > 0) {
    layers.push(
      pointLayer({
        data: offRows,
        label: 'data off scale (value given)',
        shape: off[0]!.xi < yLo ? 'triangle-down' : 'triangle-up',
      }),
      textLayer({
        data: offRows,
        text: 'text',
        align: 'right',
        dx: -8,
        label: 'data off scale (value given)',
      }),
    );
  }
  return layeredChart({
    title: `${ds.experiment} ${ds.id}: ξ(q²)`,
    subtitle: `${f.entries[e]!.model.name} fit, band ±1σ (covariance); ${ds.kind === 'counts' ? 'points: (n_{on} − b̂ − θ̂_{beam} f)/(θ̂_{sig} s_{coh})' : 'points: ξ ± σ'}`,
    x: { field: 'q2', title: 'q² [MeV²]', domain: [0, q2Max] },
    y: { field: 'xi', title: 'ξ', domain: [yLo, yHi] },
    colors: { fit: '#D55E00', data: '#000000', 'data off scale (value given)': '#000000' },
    layers,
  });
}

/** "−0.24 +0.21", with "at its lower bound" / "ΔS < 1 up to the bound 1.1" where the scan ran into a bound. */
function profileErrors(iv: NonNullable<DatasetsFit['profiles'][string]>, unit: string): string {
  const side = (open: boolean, err: number, bound: number, sign: '−' | '+', word: 'lower' | 'upper') =>
    !open
      ? `${sign}${g(err, 3)}`
      : err === 0
        ? `at its ${word} bound`
        : `ΔS < ${iv.delta} ${word === 'lower' ? 'down' : 'up'} to the ${word} bound ${g(bound, 3)}${unit}`;
  return `${side(iv.lowerOpen, iv.errorLow, iv.lower, '−', 'lower')}, ${side(iv.upperOpen, iv.errorHigh, iv.upper, '+', 'upper')}`;
}

function profilePanel(f: DatasetsFit, name: string, delta: number): TopLevelSpec | undefined {
  const iv = f.profiles[name];
  if (!iv?.curve) return undefined;
  const unit = f.parameters.find((q) => q.name === name)?.unit;
  const u = unit ? ` ${unit}` : '';
  const xs = iv.curve.map((c) => c.value);
  const open = iv.lowerOpen || iv.upperOpen;
  return layeredChart({
    title: `profile of ${name}: ${[...new Set(f.entries.map((e) => e.dataset.id))].join(' + ')}`,
    subtitle: open
      ? `${name} = ${g(iv.value)}${u} (${profileErrors(iv, u)}), interval at ΔS = ${delta}`
      : `${name} = ${g(iv.value)} ${profileErrors(iv, u).replace(', ', ' ')}${u}, interval at ΔS = ${delta}`,
    x: {
      field: 'v',
      title: `${name}${unit ? ` [${unit}]` : ''}`,
      domain: [Math.min(...xs), Math.max(...xs)],
    },
    y: { field: 'dS', title: 'ΔS', domain: [0, Math.max(1.2 * delta, ...iv.curve.map((c) => c.deltaChi2))] },
    legend: 'none',
    layers: [
      lineLayer({ data: iv.curve.map((c) => ({ v: c.value, dS: c.deltaChi2 })), label: 'ΔS', points: true }),
      lineLayer({
        data: [
          { v: Math.min(...xs), dS: delta },
          { v: Math.max(...xs), dS: delta },
        ],
        label: `ΔS = ${delta}`,
        dash: [6, 4],
      }),
    ],
  });
}

export function registerFit(program: Command): void {
  program
    .command('fit')
    .description(
      'Levenberg–Marquardt fit of a ξ(q²)/α(q²) model to binned datasets (joint fits share parameters by name)',
    )
    .argument(
      '<datasets...>',
      'shipped dataset names (coherent-csi-2017, coherent-ar-2020-1d) or dataset JSON files',
    )
    .requiredOption('--model <name>', `model: ${MODEL_NAMES.join(', ')}, or a product like helm-r0*norm`)
    .option('--free <names>', 'comma-separated model parameters to fit (the others are held at their values)')
    .option('--set <assignments>', 'starting/held values, e.g. s=0.9,Rn=5')
    .option(
      '--separate <names>',
      'model parameters NOT shared between datasets (each gets NAME@<dataset id>)',
    )
    .option(
      '--constraint <kind>',
      "constraint of the normalisation nuisances: 'gaussian' or 'lognormal'",
      'gaussian',
    )
    .option('--q2-treatment <t>', "counts bins: 'calibrated' (default when sHelm is given) or 'centre'")
    .option('--delta <dS>', 'ΔS of the profile intervals (1 → 68.27 %, 2.706 → 90 %)', '1')
    .option('--json', 'machine-readable JSON on stdout')
    .option('--out <dir>', 'also write fit.json, fit-xi.{svg,png} and fit-profiles.{svg,png} to DIR')
    .action(async (datasetArgs: string[], raw: Record<string, unknown>) => {
      const o = parseOptions(FitOptionsSchema, raw);
      if (o.out !== undefined) checkOutputDir(o.out, '--out', FIT_FILES);
      const datasets = datasetArgs.map((a) => loadDataset(a));
      refuseDuplicateDatasets(datasets, datasetArgs);
      const base = resolveModel(o.model);
      const known = new Set(base.parameters.map((q) => q.name));
      for (const [flag, names] of [
        ['free', o.free],
        ['separate', o.separate],
      ] as const) {
        const bad = (names ?? []).find((nm) => !known.has(nm));
        if (bad !== undefined) {
          throw new SpecError(
            'invalid_input',
            `--${flag}: model ${base.name} has no parameter "${bad}" (it has ${[...known].join(', ')})`,
            [flag],
          );
        }
      }
      const values = Object.fromEntries(Object.entries(o.set ?? {}).filter(([k]) => known.has(k)));
      const unknownSet = Object.keys(o.set ?? {}).filter((k) => !known.has(k));
      if (unknownSet.length > 0) {
        throw new SpecError(
          'invalid_input',
          `--set: model ${base.name} has no parameter "${unknownSet[0]}" (it has ${[...known].join(', ')})`,
          ['set'],
        );
      }
      const model = configureModel(base, { ...(o.free ? { free: o.free } : {}), values });
      if (model.parameters.every((q) => q.fixed))
        throw new SpecError('invalid_input', '--free: no parameter left to fit', ['free']);
      const entries = datasets.map((dataset) => ({
        dataset,
        model,
        rename: Object.fromEntries((o.separate ?? []).map((nm) => [nm, `${nm}@${dataset.id}`])),
      }));
      const fit = fitDatasets(entries, {
        terms: { constraint: o.constraint, ...(o.q2Treatment ? { q2Treatment: o.q2Treatment } : {}) },
        profileDelta: o.delta,
        profileCurvePoints: o.out === undefined ? 0 : 25,
      });
      const summary = summarizeFit(fit);
      const json = {
        model: { name: model.name, description: model.description },
        inputs: datasets.map((d) => ({ id: d.id, title: d.title, kind: d.kind, publication: d.publication })),
        ...summary,
      };
      if (o.out !== undefined) {
        const out = new OutputSet(o.out);
        out.add('fit.json', `${JSON.stringify(json, null, 2)}\n`);
        const xi =
          fit.entries.length === 1
            ? xiPanel(fit, 0)
            : panelGrid({ panels: fit.entries.map((_, e) => xiPanel(fit, e)), columns: 2 });
        const profs = Object.keys(fit.profiles).flatMap((nm) => profilePanel(fit, nm, o.delta) ?? []);
        const specs: [string, TopLevelSpec][] = [['fit-xi', xi]];
        if (profs.length > 0)
          specs.push([
            'fit-profiles',
            profs.length === 1 ? profs[0]! : panelGrid({ panels: profs, columns: 2 }),
          ]);
        for (const [name, spec] of specs) await out.addFigure(name, spec);
        const written = out.commit();
        if (!o.json) print(`wrote ${written.join(', ')}`);
      }
      if (o.json) return print(JSON.stringify(json, null, 2));
      printHuman(fit, summary, model.name);
    });
}
