/**
 * `coherency analyze [DATASET]`: the toolkit's main job. Binned ξ(q²) measurements → per-bin α
 * intervals and p-values for complete coherency (α = 1) and decoherency (α = 0), combined results,
 * and the comparison with the paper's CsI numbers. Default dataset: the shipped COHERENT CsI fixture.
 */
import type { Command } from 'commander';
import * as z from 'zod';
import { DEFAULT_DATASET, loadAnalysisInput, type Dataset } from '../../data/index.js';
import {
  analysisGoodnessOfFit,
  describeAnalysisMethods,
  analyzeDataset,
  analyzeTemplateDataset,
  analyzeWorkspace,
  compareWithPaper,
  nuisanceImpacts,
  templateFigureData,
  describeIntervalMethod,
  describePValueMethod,
  type AnalysisResult,
  type BinAnalysis,
  type GoodnessOfFit,
} from '../../likelihood/index.js';
import {
  bandRows,
  impactsReport,
  PARAMETER_COLUMNS,
  templateJson,
  alphaEstimateJson,
  PHI_CONVENTION,
  templateReport,
  bandColumns,
  type Calibration,
  workspaceReport,
} from './analyzeReports.js';
import { progressReporter } from '../progress.js';
import { CHANNELS_HELP, withChannels } from '../channels.js';
import { fmtInterval, fmtP, fmtZ } from './resultText.js';
import {
  alphaFigure,
  alphaScanFigure,
  pValueFigure,
  renderTable,
  templateProjectionFigure,
  type Column,
} from '../../report/index.js';
import { checkOutputDir, OutputSet, print } from '../io.js';
import { parseOptions } from '../options.js';
import { countArg, effectiveWorkers, workersArg } from '../toyRun.js';
import { calibrateAnalysis, type CalibratedAnalysis, type ToyPValue } from '../../toys/index.js';
import { SpecError } from '../../errors.js';

const AnalyzeOptionsSchema = z
  .object({
    systematics: z.enum(['profiled', 'none']).default('profiled'),
    json: z.boolean().default(false),
    csv: z.boolean().default(false),
    out: z.string().min(1).optional(),
    toys: countArg('a number of toys').optional(),
    seed: z.string().min(1).default('1'),
    workers: workersArg,
    poi: z.string().min(1).optional(),
    measurement: z.string().min(1).optional(),
    muTest: z.coerce.number().finite().optional(),
    channels: z.string().optional(),
    impacts: z.boolean().default(false),
    fix: z
      .string()
      .min(1)
      .transform((v) => v.split(',').map((x) => x.trim()))
      .refine((names) => names.every((n) => n.length > 0), 'a comma-separated list of parameter names')
      .optional(),
  })
  .strict();

/** Files written by `analyze --out`. */
const ANALYZE_FILES = [
  'analysis.json',
  ...['fig5-alpha', 'fig6-pvalues', 'projections', 'alpha-scan'].flatMap((f) => [
    `${f}.svg`,
    `${f}.png`,
    `${f}.vl.json`,
  ]),
];

type Row = {
  bin: number;
  q2Range: string;
  q2CenterMeV2: number;
  nOn: number | null;
  nOff: number | null;
  sCoh: number | null;
  xi: string;
  alphaHat: number;
  alpha68: string;
  alpha90: string;
  pAlpha1: string;
  pAlpha0: string;
  alphaHelm: number | null;
};

/** A toy p-value with its binomial Monte Carlo error, or the 95 % upper limit when no toy exceeded. */
const fmtToyP = (t: ToyPValue): string =>
  t.nToys === 0
    ? 'n/a'
    : t.nExceed === 0
      ? `< ${(t.pUpper95 ?? 3 / t.nToys).toExponential(1)}`
      : `${fmtP(t.pValue)} ± ${t.mcError < 1e-3 ? t.mcError.toExponential(1) : t.mcError.toFixed(3)}`;

/** Columns of the CSV (unchanged layout). */
const COLUMNS: Column<Row>[] = [
  { key: 'bin', header: 'bin' },
  { key: 'q2Range', header: 'q² range', unit: 'MeV²' },
  { key: 'q2CenterMeV2', header: 'q²_c', unit: 'MeV²', format: (v) => v.toFixed(0) },
  { key: 'nOn', header: 'n_on' },
  { key: 'nOff', header: 'n_off' },
  { key: 'sCoh', header: 's_coh', format: (v) => v.toFixed(1) },
  { key: 'xi', header: 'ξ̂ ± σ' },
  { key: 'alphaHat', header: 'α̂', format: (v) => v.toFixed(2) },
  { key: 'alpha68', header: 'α 68.27 %' },
  { key: 'alpha90', header: 'α 90 %' },
  { key: 'pAlpha1', header: 'p(α=1)', align: 'right' },
  { key: 'pAlpha0', header: 'p(α=0)', align: 'right' },
  { key: 'alphaHelm', header: 'α_Helm', format: (v) => v.toFixed(2) },
];

/** A toy p-value rebuilt from the calibrated bin (p and its MC error; N from the calibration). */
function toyP(p: number, mcError: number, nToys: number): ToyPValue {
  const nExceed = Math.round(p * nToys);
  return {
    pValue: p,
    mcError,
    z: null,
    nExceed,
    nToys,
    nFailed: 0,
    pUpper95: nExceed === 0 ? 1 - 0.05 ** (1 / nToys) : null,
  };
}

type TextRow = Row & { observable: string; phi68: string };

/** Columns of the human table: observable edges, φ beside α, toy p-values with their MC error. */
const TEXT_COLUMNS: Column<TextRow>[] = [
  { key: 'bin', header: 'bin' },
  { key: 'observable', header: 'observable' },
  ...COLUMNS.slice(1, 9),
  { key: 'phi68', header: 'φ 68.27 %', unit: 'deg' },
  ...COLUMNS.slice(9),
];

const fmtEdge = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(1));

function toTextRow(b: BinAnalysis, calibration?: CalibratedAnalysis['calibration']): TextRow {
  const o = b.observable;
  return {
    ...toRow(b, calibration),
    observable: o ? `${fmtEdge(o.lo)}–${fmtEdge(o.hi)} ${o.unit}` : '',
    phi68: `[${b.alpha68.phi.deg[0].toFixed(0)}, ${b.alpha68.phi.deg[1].toFixed(0)}]`,
  };
}

function toRow(b: BinAnalysis, calibration?: CalibratedAnalysis['calibration']): Row {
  const c = b as Partial<CalibratedAnalysis['bins'][number]>;
  const p = (v: number, err: number | undefined) =>
    calibration === undefined || err === undefined ? fmtP(v) : fmtToyP(toyP(v, err, calibration.nToys));
  return {
    bin: b.index,
    q2Range: `${b.q2LoMeV2.toFixed(0)}–${b.q2HiMeV2.toFixed(0)}`,
    q2CenterMeV2: b.q2CenterMeV2,
    nOn: b.nOn ?? null,
    nOff: b.nOff ?? null,
    sCoh: b.sCoh ?? null,
    xi: `${b.xiHat.toFixed(2)} ± ${b.xiSigma.toFixed(2)}`,
    alphaHat: b.alphaHat,
    alpha68: fmtInterval(b.alpha68),
    alpha90: fmtInterval(b.alpha90),
    pAlpha1: p(b.pAlpha1, c.pAlpha1McError),
    pAlpha0: p(b.pAlpha0, c.pAlpha0McError),
    alphaHelm: b.alphaHelm ?? null,
  };
}

/** One CSV row per bin: every number in its own column, units in the header (no ranges as text). */
type CsvRow = {
  bin: number;
  q2Lo: number;
  q2Hi: number;
  q2Centre: number;
  tLo: number | null;
  tHi: number | null;
  nOn: number | null;
  nOff: number | null;
  sCoh: number | null;
  xiHat: number;
  xiSigma: number;
  alphaHat: number;
  alpha68Lo: number;
  alpha68Hi: number;
  alpha90Lo: number;
  alpha90Hi: number;
  pAlpha1: number;
  pAlpha1McError: number | null;
  pAlpha0: number;
  pAlpha0McError: number | null;
  alphaHelm: number | null;
  deviance: number;
  pGoodnessOfFit: number;
};

const CSV_COLUMNS: Column<CsvRow>[] = [
  { key: 'bin', header: 'bin' },
  { key: 'q2Lo', header: 'q2_lo', unit: 'MeV2' },
  { key: 'q2Hi', header: 'q2_hi', unit: 'MeV2' },
  { key: 'q2Centre', header: 'q2_centre', unit: 'MeV2' },
  { key: 'tLo', header: 'T_lo', unit: 'keVnr' },
  { key: 'tHi', header: 'T_hi', unit: 'keVnr' },
  { key: 'nOn', header: 'n_on', unit: 'events' },
  { key: 'nOff', header: 'n_off', unit: 'events' },
  { key: 'sCoh', header: 's_coh', unit: 'events' },
  { key: 'xiHat', header: 'xi_hat' },
  { key: 'xiSigma', header: 'xi_sigma' },
  { key: 'alphaHat', header: 'alpha_hat' },
  { key: 'alpha68Lo', header: 'alpha68_lo' },
  { key: 'alpha68Hi', header: 'alpha68_hi' },
  { key: 'alpha90Lo', header: 'alpha90_lo' },
  { key: 'alpha90Hi', header: 'alpha90_hi' },
  { key: 'pAlpha1', header: 'p_alpha1' },
  { key: 'pAlpha1McError', header: 'p_alpha1_mc_error' },
  { key: 'pAlpha0', header: 'p_alpha0' },
  { key: 'pAlpha0McError', header: 'p_alpha0_mc_error' },
  { key: 'alphaHelm', header: 'alpha_helm' },
  { key: 'deviance', header: 'deviance' },
  { key: 'pGoodnessOfFit', header: 'p_gof' },
];

function csvRows(r: AnalysisResult, gof: GoodnessOfFit): CsvRow[] {
  return r.bins.map((b, i) => {
    const c = b as Partial<CalibratedAnalysis['bins'][number]>;
    return {
      bin: b.index,
      q2Lo: b.q2LoMeV2,
      q2Hi: b.q2HiMeV2,
      q2Centre: b.q2CenterMeV2,
      tLo: b.tLoKeV ?? null,
      tHi: b.tHiKeV ?? null,
      nOn: b.nOn ?? null,
      nOff: b.nOff ?? null,
      sCoh: b.sCoh ?? null,
      xiHat: b.xiHat,
      xiSigma: b.xiSigma,
      alphaHat: b.alphaHat,
      alpha68Lo: b.alpha68.lo,
      alpha68Hi: b.alpha68.hi,
      alpha90Lo: b.alpha90.lo,
      alpha90Hi: b.alpha90.hi,
      pAlpha1: b.pAlpha1,
      pAlpha1McError: c.pAlpha1McError ?? null,
      pAlpha0: b.pAlpha0,
      pAlpha0McError: c.pAlpha0McError ?? null,
      alphaHelm: b.alphaHelm ?? null,
      deviance: gof.bins[i]!.deviance,
      pGoodnessOfFit: gof.bins[i]!.pValue,
    };
  });
}

/** The machine-readable result (the issue's `--json` layout plus the extra per-bin fields). */
export function analysisJson(
  dataset: Dataset,
  r: AnalysisResult,
  calibration?: CalibratedAnalysis['calibration'],
  gof?: GoodnessOfFit,
) {
  const cal = r as Partial<CalibratedAnalysis>;
  return {
    dataset: { ...r.dataset, publication: dataset.publication },
    systematics: r.systematics,
    method:
      calibration === undefined
        ? 'asymptotic profile likelihood; intervals by t̃_α test inversion; one-sided boundary tests with the two-boundary t̃ distribution (far branch point from the Asimov data at the far boundary); every p-value and interval carries its method'
        : 'toy-calibrated profile likelihood: toy p-values of the one-sided boundary tests, Feldman–Cousins intervals on the α grid; every p-value and interval carries its method',
    phiConvention: PHI_CONVENTION,
    ...(calibration === undefined ? {} : { calibration }),
    bins: r.bins.map((b) => ({
      observable: b.observable ?? null,
      tLoKeVnr: b.tLoKeV ?? null,
      tHiKeVnr: b.tHiKeV ?? null,
      q2LoMeV2: b.q2LoMeV2,
      q2HiMeV2: b.q2HiMeV2,
      q2CenterMeV2: b.q2CenterMeV2,
      nOn: b.nOn ?? null,
      nOff: b.nOff ?? null,
      ...(b.knownBackground === undefined ? {} : { knownBackground: b.knownBackground }),
      sCoh: b.sCoh ?? null,
      xiHat: b.xiHat,
      xiSigma: b.xiSigma,
      ...alphaEstimateJson(b),
      ...(calibration === undefined
        ? {}
        : {
            pAlpha1McError: (b as CalibratedAnalysis['bins'][number]).pAlpha1McError,
            pAlpha0McError: (b as CalibratedAnalysis['bins'][number]).pAlpha0McError,
          }),
      ...(b.alphaHelm === undefined ? {} : { alphaHelm: b.alphaHelm }),
    })),
    combined: {
      ...r.combined,
      // With toys the combined intervals are Feldman–Cousins (nuisances profiled), else asymptotic.
      intervalMethod: describeIntervalMethod(r.combined.alpha68.method),
      pValueMethod: calibration === undefined ? 'asymptotic' : 'toys',
      ...(cal.combinedToys === undefined ? {} : { toys: cal.combinedToys }),
    },
    ...(gof === undefined
      ? {}
      : {
          goodnessOfFit: {
            method: gof.method,
            oneAlpha: gof.oneAlpha,
            sensitivity: gof.sensitivity,
            bins: gof.bins,
          },
          warnings: gof.warnings,
        }),
  };
}

function humanReport(
  dataset: Dataset,
  r: AnalysisResult,
  other: AnalysisResult | undefined,
  calibration: CalibratedAnalysis['calibration'] | undefined,
  gof: GoodnessOfFit,
): string {
  const lines: string[] = [];
  const print = (line: string): void => {
    lines.push(line.endsWith('\n') ? line.slice(0, -1) : line);
  };
  const sys =
    r.systematics === 'profiled' && dataset.kind === 'counts'
      ? `systematics profiled (signal normalisation ±${(dataset.signalNormRelUncertainty * 100).toFixed(1)} %, beam background ±${(dataset.beamBackgroundRelUncertainty * 100).toFixed(1)} %)`
      : 'statistics only';
  print(`${dataset.title} [${dataset.id}], ${r.bins.length} bins; ${sys}`);
  print(
    calibration === undefined
      ? 'Asymptotic profile likelihood: α̂ bounded to [0, 1]; intervals by inverting t̃_α; one-sided tests of α = 1 and α = 0.'
      : `Toy-calibrated (seed ${calibration.seed}): per bin ${calibration.nToys} toys for each of the tests α = 1 and α = 0, Feldman–Cousins intervals on an α grid of step ${calibration.alphaStep} with ${calibration.fcToys} toys per interior point; combined tests ${calibration.combinedToys} toys per hypothesis. p-values ± their binomial Monte Carlo error.`,
  );
  print(
    renderTable(
      'text',
      TEXT_COLUMNS,
      r.bins.map((b) => toTextRow(b, calibration)),
    ),
  );
  const b0 = r.bins[0];
  if (b0 !== undefined) {
    print(`${describeAnalysisMethods(b0)}; φ = arccos α in degrees (radians in --json).`);
  }
  const c = r.combined;
  const toys = (r as Partial<CalibratedAnalysis>).combinedToys;
  /** "= 0.004 ± 0.002" or "< 3.0e-3": the relation and the value, for "p(α=1) …". */
  const pOf = (p: number, t: ToyPValue | undefined): string => {
    const text = t === undefined ? fmtP(p) : fmtToyP(t);
    return text.startsWith('<') ? text : `= ${text}`;
  };
  const pNote = calibration === undefined ? 'asymptotic' : `toys, ${calibration.combinedToys} per hypothesis`;
  // Beside the numbers, not only in the warnings at the end: data that cannot separate α = 0 from 1.
  const noSensitivity = gof.sensitivity.combinedInsensitive
    ? ' [NO SENSITIVITY TO α: driven by bins without sensitivity, see the warning]'
    : '';
  print(
    `Combined, one α for all bins: α̂ = ${c.alphaHat.toFixed(3)} (φ̂ = ${c.phiHat.deg.toFixed(1)}°), 68.27 % CL ${fmtInterval(c.alpha68)}, 90 % CL ${fmtInterval(c.alpha90)} (${describeIntervalMethod(c.alpha68.method)}); p(α=1) ${pOf(c.pAlpha1, toys?.alpha1?.shared)}, p(α=0) ${pOf(c.pAlpha0, toys?.alpha0?.shared)} (${calibration === undefined ? describePValueMethod(c.pAlpha1Method) : pNote})${noSensitivity}`,
  );
  for (const [name, g, t] of [
    ['α = 1', c.allBinsAlpha1, toys?.alpha1],
    ['α = 0', c.allBinsAlpha0, toys?.alpha0],
  ] as const) {
    const b = r.bins[g.mostSignificantBin]!;
    print(
      `"${name} in every bin" vs free α_i: Λ = ${g.statistic.toFixed(2)}, ${g.dof} bins, p ${pOf(g.pValue, t?.global)} (${t?.global ? 'toys' : `Z = ${fmtZ(g.z)}; ${describePValueMethod(g.pValueMethod)}`}); ` +
        `most significant bin ${g.mostSignificantBin} (q² ${b.q2LoMeV2.toFixed(0)}–${b.q2HiMeV2.toFixed(0)} MeV²): p_local = ${fmtP(g.pLocal)} (${describePValueMethod(g.pLocalMethod)}), p_global ${pOf(g.pGlobal, t?.mostSignificant)} (${t?.mostSignificant ? 'toy-calibrated look-elsewhere' : describePValueMethod(g.pGlobalMethod)})${noSensitivity}`,
    );
  }
  const o = gof.oneAlpha;
  print(
    `Goodness of fit (deviance to the saturated model): one α for all bins D = ${o.deviance.toFixed(2)} for ${o.dof} dof${o.pValue === null ? '' : `, p ${pOf(o.pValue, undefined)}`}; per bin with α̂ ∈ [0, 1], smallest p ${pOf(Math.min(...gof.bins.map((g) => g.pValue)), undefined)} (bins below 3σ are named in warnings)`,
  );
  for (const w of gof.warnings) print(`warning: ${w}`);
  if (other !== undefined) {
    print('Comparison with the paper (Sharma et al., PRD 103, 092002, Sec. IV):');
    const ours = compareWithPaper(r);
    const alt = compareWithPaper(other);
    for (let i = 0; i < ours.length; i++) {
      const o = ours[i]!;
      const a = alt[i]!;
      if (o.bin === null) continue;
      const b = r.bins[o.bin]!;
      print(
        `  exclude ${o.hypothesis.replace('alpha=', 'α = ')} at q² = ${o.q2MeV2.toExponential(1)} MeV²: paper p = ${o.paper}; ours (bin ${o.bin}, q² ${b.q2LoMeV2.toFixed(0)}–${b.q2HiMeV2.toFixed(0)}) p = ${fmtP(o.ours!)} (${r.systematics === 'profiled' ? 'systematics profiled' : 'statistics only'}), ${fmtP(a.ours!)} (${other.systematics === 'profiled' ? 'systematics profiled' : 'statistics only'})`,
      );
    }
  }
  return lines.join('\n');
}

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description(
      'α(q²) intervals and p-values for complete coherency (α=1) and decoherency (α=0) from a binned ξ dataset, a template dataset or a pyhf workspace',
    )
    .argument(
      '[dataset]',
      `shipped dataset name, dataset JSON file (counts, ξ ± σ or template kind) or pyhf workspace JSON (default ${DEFAULT_DATASET})`,
      DEFAULT_DATASET,
    )
    .option(
      '--systematics <mode>',
      "'profiled' (signal and beam normalisations constrained) or 'none'",
      'profiled',
    )
    .option('--json', 'machine-readable JSON on stdout')
    .option('--csv', 'per-bin CSV on stdout')
    .option(
      '--out <dir>',
      'also write analysis.json and Figures 5 and 6 (SVG, PNG) to DIR; template datasets also the projections of data and fit on each observable and the α likelihood scan',
    )
    .option(
      '--toys <N>',
      'calibrate with N toys per bin: toy p-values and Feldman–Cousins intervals, per bin and combined',
    )
    .option('--seed <seed>', 'seed of the toys (recorded in the output)', '1')
    .option('--workers <N>', 'worker threads for the toys (results do not depend on it)')
    .option('--poi <name>', "pyhf workspace: the parameter of interest (default: the measurement's)")
    .option(
      '--measurement <name>',
      'pyhf workspace or template dataset: the measurement (default: the first)',
    )
    .option('--mu-test <value>', "pyhf workspace: the POI value of pyhf's q̃ test (default 1)")
    .option('--channels <list>', CHANNELS_HELP)
    .option(
      '--impacts',
      'template dataset: rank the nuisance parameters by the change of each result when each is fixed in turn',
    )
    .option(
      '--fix <names>',
      'template dataset: nuisance parameters held at nominal, comma-separated (e.g. cevns_norm,brn_energy)',
    )
    .action(async (datasetArg: string, raw: Record<string, unknown>) => {
      const o = parseOptions(AnalyzeOptionsSchema, raw);
      if (o.out !== undefined) checkOutputDir(o.out, '--out', ANALYZE_FILES);
      if (o.toys === undefined && o.workers !== undefined) {
        throw new SpecError('invalid_input', '--workers only applies with --toys N', ['workers']);
      }
      const input = withChannels(loadAnalysisInput(datasetArg), o.channels);
      if (o.impacts && !(input.kind === 'dataset' && input.dataset.kind === 'template')) {
        throw new SpecError('invalid_input', '--impacts: expected a template dataset', ['impacts']);
      }
      if (o.impacts && (o.fix !== undefined || o.systematics === 'none')) {
        throw new SpecError(
          'invalid_input',
          '--impacts: not with --fix or --systematics none (it fixes each nuisance in turn itself)',
          ['impacts'],
        );
      }
      if (input.kind === 'workspace' || input.dataset.kind === 'template') {
        if (o.toys !== undefined && input.kind === 'workspace') {
          throw new SpecError('invalid_input', '--toys: use `coherency toys` for pyhf workspaces', ['toys']);
        }
        if (o.toys !== undefined && (o.fix !== undefined || o.systematics === 'none' || o.impacts)) {
          throw new SpecError(
            'invalid_input',
            '--toys: on a template dataset only with every nuisance profiled (not with --fix, --systematics none or --impacts)',
            ['toys'],
          );
        }
        let json: unknown;
        let text: string;
        let csv: string;
        let figures: [string, ReturnType<typeof alphaFigure>][] = [];
        if (input.kind === 'workspace') {
          if (o.fix !== undefined) {
            throw new SpecError('invalid_input', '--fix: only for template datasets', ['fix']);
          }
          const w = analyzeWorkspace(input.workspace, {
            ...(o.poi === undefined ? {} : { poi: o.poi }),
            ...(o.measurement === undefined ? {} : { measurement: o.measurement }),
            ...(o.muTest === undefined ? {} : { muTest: o.muTest }),
          });
          json = { input: input.file, ...w };
          text = workspaceReport(input.file, w);
          csv = renderTable(
            'csv',
            PARAMETER_COLUMNS,
            w.fit.parameters.map((p) => ({ ...p, error: p.error ?? null })),
          );
        } else {
          const ds = input.dataset as Extract<typeof input.dataset, { kind: 'template' }>;
          // --systematics none: every constrained nuisance at nominal; --fix: the named ones.
          if (o.fix !== undefined && o.systematics === 'none') {
            throw new SpecError('invalid_input', '--fix: not with --systematics none (all are fixed)', [
              'fix',
            ]);
          }
          const asymptotic = analyzeTemplateDataset(ds, {
            fix: o.systematics === 'none' ? 'constrained' : (o.fix ?? []),
          });
          let r = asymptotic;
          let calibration: Calibration | undefined;
          if (o.toys !== undefined) {
            // Per band and for the one-α fit: N toys at each bound, FC with min(N, 1000) per point.
            const bar = progressReporter('analyze --toys', 0);
            try {
              const calibrated = await calibrateAnalysis(ds, asymptotic, {
                seed: o.seed,
                nToys: o.toys,
                fcToys: Math.min(o.toys, 1000),
                workers: effectiveWorkers(o.workers, Infinity),
                onUnit: (_, p) => bar(p.doneCost, p.totalCost),
              });
              r = { ...calibrated, template: asymptotic.template };
              calibration = calibrated.calibration;
            } finally {
              bar.stop();
            }
          }
          json = templateJson(ds, r, calibration);
          text = templateReport(ds, r, calibration);
          csv = renderTable('csv', bandColumns(calibration), bandRows(r));
          if (o.impacts) text += `\n${impactsReport(nuisanceImpacts(ds))}`;
          figures = [
            ['fig5-alpha', alphaFigure(ds, r)],
            ['fig6-pvalues', pValueFigure(ds, r)],
          ];
          if (o.out !== undefined) {
            const fd = templateFigureData(ds, {
              fix: o.systematics === 'none' ? 'constrained' : (o.fix ?? []),
            });
            figures.push(
              ['projections', templateProjectionFigure(ds, fd)],
              ['alpha-scan', alphaScanFigure(ds, fd)],
            );
          }
        }
        const stdout = o.json ? JSON.stringify(json, null, 2) : o.csv ? csv : text;
        if (o.out !== undefined) {
          const out = new OutputSet(o.out);
          out.add('analysis.json', `${JSON.stringify(json, null, 2)}\n`);
          for (const [name, spec] of figures) await out.addFigure(name, spec);
          const written = out.commit();
          if (!o.json && !o.csv) print(`wrote ${written.join(', ')}`);
        }
        print(stdout);
        return;
      }
      const dataset = input.dataset;
      if (o.fix !== undefined) {
        throw new SpecError('invalid_input', '--fix: only for template datasets (use --systematics)', [
          'fix',
        ]);
      }
      const progress = progressReporter('analyze');
      let asymptotic: AnalysisResult;
      try {
        asymptotic = analyzeDataset(dataset, { systematics: o.systematics, onProgress: progress });
      } finally {
        progress.stop();
      }
      let result: AnalysisResult = asymptotic;
      let calibration: CalibratedAnalysis['calibration'] | undefined;
      if (o.toys !== undefined) {
        const calibrated = await calibrateAnalysis(dataset, asymptotic, {
          seed: o.seed,
          nToys: o.toys,
          combinedToys: Math.max(1000, Math.round(o.toys / 10)),
          workers: effectiveWorkers(o.workers, Infinity),
        });
        result = calibrated;
        calibration = calibrated.calibration;
      }
      const gof = analysisGoodnessOfFit(dataset, asymptotic);
      const json = analysisJson(dataset, result, calibration, gof);
      // Everything that can fail runs before any file is written (nothing half-written).
      let stdout: string;
      if (o.json) stdout = JSON.stringify(json, null, 2);
      else if (o.csv) {
        stdout = renderTable('csv', CSV_COLUMNS, csvRows(result, gof));
        for (const w of gof.warnings) process.stderr.write(`coherency: warning: ${w}\n`);
      } else {
        const other =
          dataset.id === 'coherent-csi-2017'
            ? analyzeDataset(dataset, { systematics: o.systematics === 'profiled' ? 'none' : 'profiled' })
            : undefined;
        stdout = humanReport(dataset, result, other, calibration, gof);
      }
      if (o.out !== undefined) {
        const out = new OutputSet(o.out);
        out.add('analysis.json', `${JSON.stringify(json, null, 2)}\n`);
        for (const [name, spec] of [
          ['fig5-alpha', alphaFigure(dataset, result)],
          ['fig6-pvalues', pValueFigure(dataset, result)],
        ] as const)
          await out.addFigure(name, spec);
        const written = out.commit();
        if (!o.json && !o.csv) print(`wrote ${written.join(', ')}`);
      }
      print(stdout);
    });
}
