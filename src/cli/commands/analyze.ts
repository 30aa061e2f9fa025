/**
 * `coherency analyze [DATASET]`: the toolkit's main job. Binned ξ(q²) measurements → per-bin α
 * intervals and p-values for complete coherency (α = 1) and decoherency (α = 0), combined results,
 * and the comparison with the paper's CsI numbers. Default dataset: the shipped COHERENT CsI fixture.
 */
import type { Command } from 'commander';
import * as z from 'zod';
import {
  DEFAULT_DATASET,
  loadAnalysisInput,
  parseChannelList,
  selectChannels,
  selectTemplateChannels,
  type AnalysisInput,
  type Dataset,
} from '../../data/index.js';
import {
  analyzeDataset,
  analyzeTemplateDataset,
  analyzeWorkspace,
  compareWithPaper,
  nuisanceImpacts,
  templateFigureData,
  type AnalysisResult,
  type BinAnalysis,
} from '../../likelihood/index.js';
import { impactsReport, templateJson, templateReport, workspaceReport } from './analyzeReports.js';
import { progressReporter } from '../progress.js';
import {
  alphaFigure,
  alphaScanFigure,
  pValueFigure,
  renderTable,
  templateProjectionFigure,
  type Column,
} from '../../report/index.js';
import { OutputSet, print } from '../io.js';
import { parseOptions } from '../options.js';
import { countArg, workersArg } from '../toyRun.js';
import { calibrateAnalysis, type CalibratedAnalysis } from '../../toys/index.js';
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
  })
  .strict();

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
  pAlpha1: number;
  pAlpha0: number;
  alphaHelm: number | null;
};

/** An interval; * marks the hull of an accepted set with gaps. */
const fmtInterval = (i: { lo: number; hi: number; connected?: boolean }) =>
  `[${i.lo.toFixed(2)}, ${i.hi.toFixed(2)}]${i.connected === false ? '*' : ''}`;
/** Z, or a bound when p underflowed double precision (Z > 37.5 for p < 1e-307). */
const fmtZ = (z: number): string => (Number.isFinite(z) ? z.toFixed(2) : '> 37');
const fmtP = (p: number) => (p < 1e-3 ? p.toExponential(1) : p.toFixed(3));

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
  { key: 'pAlpha1', header: 'p(α=1)', format: fmtP },
  { key: 'pAlpha0', header: 'p(α=0)', format: fmtP },
  { key: 'alphaHelm', header: 'α_Helm', format: (v) => v.toFixed(2) },
];

function toRow(b: BinAnalysis): Row {
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
    pAlpha1: b.pAlpha1,
    pAlpha0: b.pAlpha0,
    alphaHelm: b.alphaHelm ?? null,
  };
}

/** The machine-readable result (the issue's `--json` layout plus the extra per-bin fields). */
export function analysisJson(
  dataset: Dataset,
  r: AnalysisResult,
  calibration?: CalibratedAnalysis['calibration'],
) {
  return {
    dataset: { ...r.dataset, publication: dataset.publication },
    systematics: r.systematics,
    method:
      calibration === undefined
        ? 'asymptotic profile likelihood; intervals by t̃_α test inversion; one-sided ½χ²₁ boundary tests'
        : 'toy-calibrated profile likelihood: toy p-values of the one-sided boundary tests, Feldman–Cousins intervals on the α grid',
    ...(calibration === undefined ? {} : { calibration }),
    bins: r.bins.map((b) => ({
      q2LoMeV2: b.q2LoMeV2,
      q2HiMeV2: b.q2HiMeV2,
      q2CenterMeV2: b.q2CenterMeV2,
      nOn: b.nOn ?? null,
      nOff: b.nOff ?? null,
      ...(b.knownBackground === undefined ? {} : { knownBackground: b.knownBackground }),
      sCoh: b.sCoh ?? null,
      xiHat: b.xiHat,
      xiSigma: b.xiSigma,
      alphaHat: b.alphaHat,
      alpha68: [b.alpha68.lo, b.alpha68.hi],
      alpha90: [b.alpha90.lo, b.alpha90.hi],
      alpha68Connected: b.alpha68.connected,
      alpha90Connected: b.alpha90.connected,
      pAlpha1: b.pAlpha1,
      pAlpha0: b.pAlpha0,
      ...(b.alphaHelm === undefined ? {} : { alphaHelm: b.alphaHelm }),
    })),
    combined: r.combined,
  };
}

/** `--channels`: the template dataset or workspace restricted to the listed channels. */
function withChannels(input: AnalysisInput, list: string | undefined): AnalysisInput {
  if (list === undefined) return input;
  if (input.kind === 'workspace') {
    return { ...input, workspace: selectChannels(input.workspace, parseChannelList(input.workspace, list)) };
  }
  if (input.dataset.kind !== 'template') {
    throw new SpecError(
      'invalid_input',
      `--channels: ${input.dataset.id} is a ${input.dataset.kind} dataset; expected a template dataset or a pyhf workspace`,
      ['channels'],
    );
  }
  return { kind: 'dataset', dataset: selectTemplateChannels(input.dataset, list) };
}

function humanReport(
  dataset: Dataset,
  r: AnalysisResult,
  other: AnalysisResult | undefined,
  calibration: CalibratedAnalysis['calibration'] | undefined,
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
      : `Toy-calibrated (seed ${calibration.seed}, ${calibration.nToys} toys per test, Feldman–Cousins grid step ${calibration.alphaStep} with ${calibration.fcToys} toys per point): p-values from toys, Feldman–Cousins intervals.`,
  );
  print(renderTable('text', COLUMNS, r.bins.map(toRow)));
  const c = r.combined;
  // A toy p-value of 0 means "below 1/N": say so rather than print 0.
  const fmtC = (p: number): string =>
    calibration !== undefined && p === 0 ? `< ${(1 / calibration.combinedToys).toExponential(0)}` : fmtP(p);
  print(
    `Combined, one α for all bins: α̂ = ${c.alphaHat.toFixed(3)}, 68.27 % CL ${fmtInterval(c.alpha68)}, 90 % CL ${fmtInterval(c.alpha90)} (asymptotic); p(α=1) = ${fmtC(c.pAlpha1)}, p(α=0) = ${fmtC(c.pAlpha0)}`,
  );
  for (const [name, g] of [
    ['α = 1', c.allBinsAlpha1],
    ['α = 0', c.allBinsAlpha0],
  ] as const) {
    const b = r.bins[g.mostSignificantBin]!;
    print(
      `"${name} in every bin" vs free α_i: Λ = ${g.statistic.toFixed(2)}, ${g.dof} bins, p = ${fmtC(g.pValue)} (${calibration ? 'toys' : `Z = ${fmtZ(g.z)}, χ̄² asymptotics`}); ` +
        `most significant bin ${g.mostSignificantBin} (q² ${b.q2LoMeV2.toFixed(0)}–${b.q2HiMeV2.toFixed(0)} MeV²): p_local = ${fmtP(g.pLocal)}, p_global = ${fmtC(g.pGlobal)} (${calibration ? 'toy-calibrated look-elsewhere' : `Šidák, ${g.dof} bins`})`,
    );
  }
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
      'calibrate with N toys per bin: toy p-values and Feldman–Cousins intervals (counts datasets)',
    )
    .option('--seed <seed>', 'seed of the toys (recorded in the output)', '1')
    .option('--workers <N>', 'worker threads for the toys (results do not depend on it)')
    .option('--poi <name>', "pyhf workspace: the parameter of interest (default: the measurement's)")
    .option(
      '--measurement <name>',
      'pyhf workspace or template dataset: the measurement (default: the first)',
    )
    .option('--mu-test <value>', "pyhf workspace: the POI value of pyhf's q̃ test (default 1)")
    .option(
      '--channels <list>',
      'template dataset or pyhf workspace: analyse only these channels, comma-separated (e.g. sr0,sr1)',
    )
    .option(
      '--impacts',
      'template dataset: rank the nuisance parameters by the change of each result when each is fixed in turn',
    )
    .action(async (datasetArg: string, raw: Record<string, unknown>) => {
      const o = parseOptions(AnalyzeOptionsSchema, raw);
      const input = withChannels(loadAnalysisInput(datasetArg), o.channels);
      if (o.impacts && !(input.kind === 'dataset' && input.dataset.kind === 'template')) {
        throw new SpecError('invalid_input', '--impacts: expected a template dataset', ['impacts']);
      }
      if (input.kind === 'workspace' || input.dataset.kind === 'template') {
        if (o.toys !== undefined) {
          throw new SpecError(
            'invalid_input',
            '--toys: use `coherency toys` for workspaces and template datasets',
            ['toys'],
          );
        }
        let json: unknown;
        let text: string;
        let figures: [string, ReturnType<typeof alphaFigure>][] = [];
        if (input.kind === 'workspace') {
          const w = analyzeWorkspace(input.workspace, {
            ...(o.poi === undefined ? {} : { poi: o.poi }),
            ...(o.measurement === undefined ? {} : { measurement: o.measurement }),
            ...(o.muTest === undefined ? {} : { muTest: o.muTest }),
          });
          json = { input: input.file, ...w };
          text = workspaceReport(input.file, w);
        } else {
          const ds = input.dataset as Extract<typeof input.dataset, { kind: 'template' }>;
          const r = analyzeTemplateDataset(ds);
          json = templateJson(ds, r);
          text = templateReport(ds, r);
          if (o.impacts) text += `\n${impactsReport(nuisanceImpacts(ds))}`;
          figures = [
            ['fig5-alpha', alphaFigure(ds, r)],
            ['fig6-pvalues', pValueFigure(ds, r)],
          ];
          if (o.out !== undefined) {
            const fd = templateFigureData(ds);
            figures.push(
              ['projections', templateProjectionFigure(ds, fd)],
              ['alpha-scan', alphaScanFigure(ds, fd)],
            );
          }
        }
        const stdout = o.json ? JSON.stringify(json, null, 2) : text;
        if (o.out !== undefined) {
          const out = new OutputSet(o.out);
          out.add('analysis.json', `${JSON.stringify(json, null, 2)}\n`);
          for (const [name, spec] of figures) await out.addFigure(name, spec);
          const written = out.commit();
          if (!o.json) print(`wrote ${written.join(', ')}`);
        }
        print(stdout);
        return;
      }
      const dataset = input.dataset;
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
        if (dataset.kind !== 'counts') {
          throw new SpecError(
            'invalid_input',
            `--toys needs a counts dataset; ${dataset.id} is a ξ ± σ dataset`,
            ['toys'],
          );
        }
        const calibrated = await calibrateAnalysis(dataset, asymptotic, {
          seed: o.seed,
          nToys: o.toys,
          combinedToys: Math.max(1000, Math.round(o.toys / 10)),
          workers: o.workers,
        });
        result = calibrated;
        calibration = calibrated.calibration;
      }
      const json = analysisJson(dataset, result, calibration);
      // Everything that can fail runs before any file is written (nothing half-written).
      let stdout: string;
      if (o.json) stdout = JSON.stringify(json, null, 2);
      else if (o.csv) stdout = renderTable('csv', COLUMNS, result.bins.map(toRow));
      else {
        const other =
          dataset.id === 'coherent-csi-2017'
            ? analyzeDataset(dataset, { systematics: o.systematics === 'profiled' ? 'none' : 'profiled' })
            : undefined;
        stdout = humanReport(dataset, result, other, calibration);
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
