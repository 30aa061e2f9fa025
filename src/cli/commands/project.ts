/**
 * `coherency project --setup PRESET|FILE`: projected sensitivity of a setup to the coherency parameter —
 * expected counts per bin (α = 0, α = 1, the true model, background), the α and q² ranges covered
 * (Eq. 10, Fig. 7), median expected p-values/significances for excluding α = 1, α = 0 (and `--test-alpha`),
 * with ±1σ/±2σ bands (Asimov; from toys with `--toys N`), expected α intervals, and with `--scan exposure`
 * the significance against exposure and the exposures for 3σ and 5σ. `--out DIR` writes the JSON, CSV
 * tables and the figures (dR/dT for several α — the paper's Fig. 8 for the setup —, counts per bin,
 * significance against exposure).
 */
import type { Command } from 'commander';
import * as z from 'zod';
import { loadSetup, parseExposure, requireInputDirectory } from '../../data/index.js';
import {
  countsFigure,
  exposureText,
  formatNumber,
  ratesFigure,
  renderTable,
  scanFigure,
  type Column,
  type TopLevelSpec,
} from '../../report/index.js';
import {
  buildResponse,
  CROSSING_SEARCH,
  PRESET_NAMES,
  projectResponse,
  type HypothesisTest,
  type Projection,
} from '../../sensitivity/index.js';
import { checkOutputDir, OutputSet, print } from '../io.js';
import { parseOptions } from '../options.js';
import { readSetupInput, type SetupInput } from '../setupInput.js';

const exposureArg = z.string().transform((s, ctx) => {
  const e = parseExposure(s);
  if (e !== undefined && !(Number.isFinite(e.kgS) && e.kgS > 0)) {
    ctx.addIssue({ code: 'custom', message: 'expected a finite exposure > 0' });
    return z.NEVER;
  }
  if (e === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'expected an exposure like "10 kg·yr", "3 t·yr" or "365 kg day"',
    });
    return z.NEVER;
  }
  return e.kgS;
});

const ProjectOptionsSchema = z
  .object({
    setup: z.string().min(1),
    exposure: exposureArg.optional(),
    model: z
      .string()
      .regex(/^(helm|alpha=(0(\.\d+)?|1(\.0*)?))$/, 'expected helm or alpha=<value in [0, 1]>')
      .optional(),
    testAlpha: z.coerce.number().min(0).max(1).optional(),
    scan: z.literal('exposure').optional(),
    scanFrom: exposureArg.optional(),
    scanTo: exposureArg.optional(),
    scanPoints: z.coerce.number().int().min(2).max(1000).default(50),
    toys: z.coerce.number().int().min(0).max(1_000_000).default(0),
    seed: z.string().min(1).default('1'),
    spectra: z.string().min(1).optional(),
    json: z.boolean().default(false),
    csv: z.boolean().default(false),
    out: z.string().min(1).optional(),
  })
  .strict();
type ProjectCliOptions = z.infer<typeof ProjectOptionsSchema>;

/** Files written by `project --out`. */
const PROJECT_FILES = [
  'projection.json',
  'counts.csv',
  ...['rates', 'counts', 'sensitivity-vs-exposure'].flatMap((f) => [`${f}.svg`, `${f}.png`, `${f}.vl.json`]),
];

/** The setup JSON (preset or file) with the --model override applied, and where it came from. */
function setupInput(o: ProjectCliOptions): SetupInput {
  const input = readSetupInput(o.setup);
  if (o.model === undefined) return input;
  const model = o.model === 'helm' ? { kind: 'helm' } : { kind: 'alpha', value: Number(o.model.slice(6)) };
  return { ...input, raw: { ...input.raw, model } };
}

/** Exposure in a readable unit: t·yr from 1 t, else kg·yr. */
const f3 = (x: number) => formatNumber(x, { digits: 3 });
const range = (r: readonly [number, number] | null, d = 3) =>
  r === null ? null : `${formatNumber(r[0], { digits: d })}–${formatNumber(r[1], { digits: d })}`;
const fmtP = (p: number) => (p === 0 ? '< 1e-300' : p < 1e-3 ? p.toExponential(1) : p.toFixed(3));

type BinRow = {
  bin: number;
  e: string;
  t: string | null;
  q2: string | null;
  alpha: string | null;
  b: number;
  s0: number;
  s1: number;
  sm: number;
  alphaEff: number | null;
  int68: string | null;
};

function binRows(p: Projection): BinRow[] {
  return p.expected.bins.map((b) => {
    const i = p.bins[b.index]?.interval68;
    return {
      bin: b.index,
      e: `${f3(b.loKeV)}–${f3(b.hiKeV)}`,
      t: range(b.tKeVnr),
      q2: range(b.q2MeV2),
      alpha: range(b.alphaModel),
      b: b.background,
      s0: b.signal0,
      s1: b.signal1,
      sm: b.signalModel,
      alphaEff: b.alphaEff,
      int68: i == null ? null : `[${i.lower.toFixed(2)}, ${i.upper.toFixed(2)}]`,
    };
  });
}

function columns(p: Projection): Column<BinRow>[] {
  const num = (v: number) => formatNumber(v, { digits: 3 });
  return [
    { key: 'bin', header: 'bin' },
    { key: 'e', header: 'E', unit: p.setup.observedUnit },
    { key: 't', header: 'T', unit: 'keVnr' },
    { key: 'q2', header: 'q²', unit: 'MeV²' },
    { key: 'alpha', header: 'α model' },
    { key: 'b', header: 'bkg', format: num },
    { key: 's0', header: 's(α=0)', format: num },
    { key: 's1', header: 's(α=1)', format: num },
    { key: 'sm', header: 's(model)', format: num },
    { key: 'alphaEff', header: 'α_eff', format: (v) => v.toFixed(3) },
    { key: 'int68', header: 'α 68.27 % (exp.)' },
  ];
}

function testLine(t: HypothesisTest): string {
  const name =
    t.kind === 'exclude-1'
      ? 'exclude α = 1'
      : t.kind === 'exclude-0'
        ? 'exclude α = 0'
        : `test α = ${t.alpha}`;
  const b = t.bands;
  let line = `  ${name}: median Z = ${t.z.toFixed(2)} (p = ${fmtP(t.pValue)}); Asimov ±1σ [${b.m1.toFixed(2)}, ${b.p1.toFixed(2)}], ±2σ [${b.m2.toFixed(2)}, ${b.p2.toFixed(2)}]`;
  if (t.toys !== undefined) {
    const z = t.toys.z;
    line += `\n      toys (${t.toys.nToys}, seed ${t.toys.seed}${t.toys.failed > 0 ? `, ${t.toys.failed} failed` : ''}): median Z = ${z.median.toFixed(2)} (95 % MC interval [${t.toys.medianCi95[0].toFixed(2)}, ${t.toys.medianCi95[1].toFixed(2)}]), ±1σ [${z.m1.toFixed(2)}, ${z.p1.toFixed(2)}], ±2σ [${z.m2.toFixed(2)}, ${z.p2.toFixed(2)}]; median α̂ = ${t.toys.medianAlphaHat.toFixed(3)}`;
  }
  return line;
}

function printHuman(p: Projection): void {
  const s = p.setup;
  const unit = s.observedUnit;
  print(`Setup ${s.name} (${s.source}): ${s.description}`);
  print(
    `  target ${s.target}; ${formatNumber(s.massKg, { digits: 4 })} kg × ${formatNumber(s.liveTimeDays, { digits: 4 })} d; exposure ${exposureText(p.exposureKgDay * 86_400, s.massKg)}`,
  );
  print(
    `  ν: ${s.neutrinos}; total flux ${s.totalFluxPerCm2PerS.toExponential(3)} cm⁻² s⁻¹, end point ${f3(s.endPointMeV)} MeV`,
  );
  const thrNr = [...new Set(s.thresholdKeVnr.map((t) => f3(t)))].join('/');
  print(
    `  threshold ${s.threshold}${unit === 'keVee' ? ` (= ${thrNr} keVnr)` : ''}${s.quenching === null ? '' : `; quenching ${s.quenching}`}${s.resolution === null ? '' : `; resolution ${s.resolution}`}`,
  );
  print(
    `  ${s.efficiency}; background: ${s.background}; signal normalisation ±${(100 * s.signalNormRelUncertainty).toFixed(1)} %`,
  );
  print(`  true model: ${s.model}; ε = ${s.epsilon}`);
  print(renderTable('text', columns(p), binRows(p)));
  const t = p.expected.totals;
  print(
    `Totals: background ${f3(t.background)}; signal α=0 ${f3(t.signal0)}, α=1 ${f3(t.signal1)}, model ${f3(t.signalModel)}`,
  );
  const c = p.coverage;
  const cov = (name: string, r: typeof c.kinematic) =>
    r === null
      ? `  ${name}: —`
      : `  ${name}: T ∈ [${f3(r.tKeVnr[0])}, ${f3(r.tKeVnr[1])}] keVnr, q² ∈ [${f3(r.q2MeV2[0])}, ${f3(r.q2MeV2[1])}] MeV², α ∈ [${r.alpha[0].toFixed(3)}, ${r.alpha[1].toFixed(3)}]`;
  print('Coverage (Eq. 10, Fig. 7; α of the true model):');
  print(cov('kinematic window (T_min = 0)', c.kinematic));
  print(cov('above threshold', c.aboveThreshold));
  print(cov('central 90 % of the detected signal', c.detected90));
  print(
    `  ⟨α⟩ = ${c.meanAlphaKinematic.toFixed(3)} at T_min = 0 (the paper's Table II/Fig. 4 weighting); ${c.meanAlphaDetected === null ? '—' : c.meanAlphaDetected.toFixed(3)} for the detected signal`,
  );
  print('Sensitivity (median expected, Asimov dataset of the true model):');
  for (const x of p.tests) print(testLine(x));
  if (p.combined !== null) {
    const i68 = p.combined.interval68;
    const i90 = p.combined.interval90;
    print(
      `  expected α (one α for all bins): α̂ = ${i68.alphaHat.toFixed(3)}, 68.27 % CL [${i68.lower.toFixed(3)}, ${i68.upper.toFixed(3)}], 90 % CL [${i90.lower.toFixed(3)}, ${i90.upper.toFixed(3)}]`,
    );
  }
  if (p.scan !== undefined) {
    const sc = p.scan;
    print('Exposure scan (median Z, Asimov):');
    const rows = sc.points.map((x) => ({
      exposure: exposureText(x.exposureKgS, s.massKg),
      z1: x.zAlpha1,
      z0: x.zAlpha0,
    }));
    print(
      renderTable(
        'text',
        [
          { key: 'exposure', header: 'exposure' },
          { key: 'z1', header: 'Z(exclude α=1)', format: (v: number) => v.toFixed(2) },
          { key: 'z0', header: 'Z(exclude α=0)', format: (v: number) => v.toFixed(2) },
        ],
        rows,
      ),
    );
    for (const [name, x] of [
      ['α = 1', sc.alpha1],
      ['α = 0', sc.alpha0],
    ] as const) {
      const at = (v: number | null) => (v === null ? 'not reached' : `at ${exposureText(v, s.massKg)}`);
      const limit =
        x.z3KgS === null || x.z5KgS === null
          ? ` (Z = ${x.zAtSearchMax.toFixed(2)} at ${exposureText(sc.searchMaxKgS, s.massKg)}, ${CROSSING_SEARCH.above}× the nominal exposure)`
          : '';
      print(`  exclude ${name}: 3σ ${at(x.z3KgS)}, 5σ ${at(x.z5KgS)}${limit}`);
    }
  }
}

function csvOf(p: Projection): string {
  return renderTable(
    'csv',
    [
      { key: 'index', header: 'bin' },
      { key: 'loKeV', header: 'E_lo', unit: p.setup.observedUnit },
      { key: 'hiKeV', header: 'E_hi', unit: p.setup.observedUnit },
      { key: 'background', header: 'background' },
      { key: 'signal0', header: 'signal_alpha0' },
      { key: 'signal1', header: 'signal_alpha1' },
      { key: 'signalModel', header: 'signal_model' },
      { key: 'alphaEff', header: 'alpha_eff' },
    ],
    p.expected.bins.map((b) => ({ ...b })),
  );
}

export function registerProject(program: Command): void {
  program
    .command('project')
    .description(
      'projected sensitivity of a setup (preset or JSON file) to α(q²): expected counts, α/q² coverage, exclusion of α = 1 and α = 0',
    )
    .requiredOption('--setup <preset|file>', `preset (${PRESET_NAMES.join(', ')}) or setup JSON file`)
    .option('--exposure <exposure>', 'exposure instead of mass × live time, e.g. "10 kg·yr", "3 t·yr"')
    .option('--model <model>', "true model for the expected counts: 'helm' or 'alpha=<value>'")
    .option('--test-alpha <alpha>', 'also test this α (two-sided), besides α = 1 and α = 0')
    .option('--scan <what>', "'exposure': significance against exposure, exposures for 3σ and 5σ")
    .option('--scan-from <exposure>', 'lower end of the exposure scan (default nominal/100)')
    .option('--scan-to <exposure>', 'upper end of the exposure scan (default nominal×1000)')
    .option('--scan-points <n>', 'points of the exposure scan', '50')
    .option('--toys <n>', 'toy pseudo-experiments for the ±1σ/±2σ bands (0: Asimov bands only)', '0')
    .option('--seed <seed>', 'seed of the toys', '1')
    .option('--spectra <dir>', 'shared spectra directory (solar shape "tabulated")')
    .option('--json', 'machine-readable JSON on stdout')
    .option('--csv', 'per-bin CSV on stdout')
    .option('--out <dir>', 'also write projection.json, counts.csv and the figures (SVG, PNG) to DIR')
    .action(async (raw: Record<string, unknown>) => {
      const o = parseOptions(ProjectOptionsSchema, raw);
      if (o.out !== undefined) checkOutputDir(o.out, '--out', PROJECT_FILES);
      if (o.spectra !== undefined) requireInputDirectory(o.spectra, '--spectra');
      const input = setupInput(o);
      const setup = loadSetup(input.raw, input.source, {
        baseDir: input.baseDir,
        ...(o.spectra === undefined ? {} : { spectraDir: o.spectra }),
      });
      const resp = buildResponse(setup);
      const projection = projectResponse(resp, {
        ...(o.exposure === undefined ? {} : { exposureKgS: o.exposure }),
        ...(o.testAlpha === undefined ? {} : { alphaTest: o.testAlpha }),
        ...(o.toys > 0 ? { toys: { nToys: o.toys, seed: o.seed } } : {}),
        ...(o.scan === undefined
          ? {}
          : {
              scan: {
                points: o.scanPoints,
                ...(o.scanFrom === undefined ? {} : { fromKgS: o.scanFrom }),
                ...(o.scanTo === undefined ? {} : { toKgS: o.scanTo }),
              },
            }),
      });
      const json = { setupInput: input.raw, ...projection };
      if (o.out !== undefined) {
        const out = new OutputSet(o.out);
        out.add('projection.json', `${JSON.stringify(json, null, 2)}\n`);
        out.add('counts.csv', csvOf(projection));
        const figures: [string, TopLevelSpec | undefined][] = [
          ['rates', ratesFigure(resp, projection)],
          ['counts', countsFigure(projection)],
          ['sensitivity-vs-exposure', scanFigure(projection)],
        ];
        for (const [name, spec] of figures) if (spec !== undefined) await out.addFigure(name, spec);
        const written = out.commit();
        if (!o.json && !o.csv) print(`wrote ${written.join(', ')}`);
      }
      if (o.json) return print(JSON.stringify(json, null, 2));
      if (o.csv) return print(csvOf(projection));
      printHuman(projection);
    });
}
