/**
 * `analyze` output for the round-2 inputs: a template dataset (α per true-q² band, the fitted CEvNS
 * count and signal significance beside the collaboration's published numbers) and a user's pyhf
 * workspace (MLE ± σ, the toolkit's t̃ intervals and boundary tests, and pyhf's own q̃/CLs, q0 and
 * Wilks intervals). The binned ξ datasets keep their report in analyze.ts.
 */
import type { TemplateDataset } from '../../data/index.js';
import type {
  AlphaEstimate,
  AnalysisResult,
  NuisanceImpacts,
  TemplateExtras,
  WorkspaceAnalysis,
} from '../../likelihood/index.js';
import { renderTable, type Column } from '../../report/index.js';
import type { CalibratedAnalysis } from '../../toys/index.js';
import { fmtInterval, fmtP, fmtZ } from './resultText.js';

/** The toy calibration of `analyze --toys N` (absent: asymptotic). */
export type Calibration = CalibratedAnalysis['calibration'];
/** Monte Carlo errors of a toy-calibrated band (calibrateAnalysis adds them to each bin). */
type McErrors = { readonly pAlpha1McError?: number; readonly pAlpha0McError?: number };

interface BandRow {
  band: number;
  q2LoMeV2: number;
  q2HiMeV2: number;
  q2MeanMeV2: number;
  sCoh: number;
  xiHat: number;
  xiSigma: number;
  alphaHat: number;
  alpha68: string;
  alpha90: string;
  pAlpha1: number;
  pAlpha0: number;
  /** ± the binomial Monte Carlo error of a toy p-value (null: asymptotic). */
  pAlpha1Mc: number | null;
  pAlpha0Mc: number | null;
  alphaHelm: number | null;
}

export const BAND_COLUMNS: Column<BandRow>[] = [
  { key: 'band', header: 'band' },
  { key: 'q2LoMeV2', header: 'q²_lo', unit: 'MeV²', format: (v) => v.toFixed(0) },
  { key: 'q2HiMeV2', header: 'q²_hi', unit: 'MeV²', format: (v) => v.toFixed(0) },
  { key: 'q2MeanMeV2', header: 'q²_mean', unit: 'MeV²', format: (v) => v.toFixed(0) },
  { key: 'sCoh', header: 's_coh', unit: 'events', format: (v) => v.toFixed(1) },
  { key: 'xiHat', header: 'ξ̂', format: (v) => v.toFixed(2) },
  { key: 'xiSigma', header: 'σ(ξ̂)', format: (v) => v.toFixed(2) },
  { key: 'alphaHat', header: 'α̂', format: (v) => v.toFixed(2) },
  { key: 'alpha68', header: 'α 68.27 %' },
  { key: 'alpha90', header: 'α 90 %' },
  { key: 'pAlpha1', header: 'p(α=1)', format: fmtP },
  { key: 'pAlpha0', header: 'p(α=0)', format: fmtP },
  { key: 'alphaHelm', header: 'α_Helm', format: (v) => v.toFixed(2) },
];

/** The band columns with the toy p-values' Monte Carlo errors beside them (`analyze --toys`). */
const MC_COLUMN = (key: 'pAlpha1Mc' | 'pAlpha0Mc'): Column<BandRow> => ({
  key,
  header: '± MC',
  format: (v: number) => v.toExponential(1),
});
const BAND_COLUMNS_TOYS: Column<BandRow>[] = [];
for (const c of BAND_COLUMNS) {
  BAND_COLUMNS_TOYS.push(c);
  if (c.key === 'pAlpha1') BAND_COLUMNS_TOYS.push(MC_COLUMN('pAlpha1Mc'));
  if (c.key === 'pAlpha0') BAND_COLUMNS_TOYS.push(MC_COLUMN('pAlpha0Mc'));
}

export function bandColumns(calibration: Calibration | undefined): Column<BandRow>[] {
  return calibration === undefined ? BAND_COLUMNS : BAND_COLUMNS_TOYS;
}

export function bandRows(r: AnalysisResult): BandRow[] {
  return r.bins.map((b) => ({
    band: b.index,
    q2LoMeV2: b.q2LoMeV2,
    q2HiMeV2: b.q2HiMeV2,
    q2MeanMeV2: b.q2CenterMeV2,
    sCoh: b.sCoh ?? NaN,
    xiHat: b.xiHat,
    xiSigma: b.xiSigma,
    alphaHat: b.alphaHat,
    alpha68: fmtInterval(b.alpha68),
    alpha90: fmtInterval(b.alpha90),
    pAlpha1: b.pAlpha1,
    pAlpha0: b.pAlpha0,
    pAlpha1Mc: (b as McErrors).pAlpha1McError ?? null,
    pAlpha0Mc: (b as McErrors).pAlpha0McError ?? null,
    alphaHelm: b.alphaHelm ?? null,
  }));
}

interface ChannelRow {
  channel: string;
  observed: number;
  smSignal: number;
  smBackground: number;
  smTotal: number;
  fitSignal: number;
  fitBackground: number;
  fitTotal: number;
}

const f2 = (v: number) => v.toFixed(2);
const CHANNEL_COLUMNS: Column<ChannelRow>[] = [
  { key: 'channel', header: 'channel' },
  { key: 'observed', header: 'observed' },
  { key: 'smSignal', header: 'SM CEvNS', format: f2 },
  { key: 'smBackground', header: 'SM bkg', format: f2 },
  { key: 'smTotal', header: 'SM total', format: f2 },
  { key: 'fitSignal', header: 'fit CEvNS', format: f2 },
  { key: 'fitBackground', header: 'fit bkg', format: f2 },
  { key: 'fitTotal', header: 'fit total', format: f2 },
];

function channelRows(channels: TemplateExtras['channels']): ChannelRow[] {
  const rows = channels.map((c) => ({
    channel: c.name,
    observed: c.observed,
    smSignal: c.nominalSignal,
    smBackground: c.nominalBackground,
    smTotal: c.nominalSignal + c.nominalBackground,
    fitSignal: c.fittedSignal,
    fitBackground: c.fittedBackground,
    fitTotal: c.fitted,
  }));
  if (rows.length < 2) return rows;
  const total = (k: keyof Omit<ChannelRow, 'channel'>) => rows.reduce((t, r) => t + r[k], 0);
  return [
    ...rows,
    {
      channel: 'all',
      observed: total('observed'),
      smSignal: total('smSignal'),
      smBackground: total('smBackground'),
      smTotal: total('smTotal'),
      fitSignal: total('fitSignal'),
      fitBackground: total('fitBackground'),
      fitTotal: total('fitTotal'),
    },
  ];
}

/** How the φ fields of `--json` are given (counts, ξ and template datasets alike). */
export const PHI_CONVENTION = 'φ = arccos α; *Deg fields in degrees, *Rad fields in radians';

/**
 * The α estimate of one bin or band in `--json`, the same for every kind of dataset: α̂, intervals
 * with their method, φ = arccos α (from the result: likelihood/phi.ts), and each p-value's method.
 */
export function alphaEstimateJson(b: AlphaEstimate) {
  return {
    alphaHat: b.alphaHat,
    alpha68: [b.alpha68.lo, b.alpha68.hi],
    alpha90: [b.alpha90.lo, b.alpha90.hi],
    alpha68Connected: b.alpha68.connected,
    alpha90Connected: b.alpha90.connected,
    intervalMethod: b.alpha68.method,
    phiHatDeg: b.phiHat.deg,
    phi68Deg: b.alpha68.phi.deg,
    phi90Deg: b.alpha90.phi.deg,
    phiHatRad: b.phiHat.rad,
    phi68Rad: b.alpha68.phi.rad,
    phi90Rad: b.alpha90.phi.rad,
    pAlpha1: b.pAlpha1,
    pAlpha0: b.pAlpha0,
    pAlpha1Method: b.pAlpha1Method,
    pAlpha0Method: b.pAlpha0Method,
  };
}

export function templateJson(
  ds: TemplateDataset,
  r: AnalysisResult & { template: TemplateExtras },
  calibration?: Calibration,
) {
  return {
    dataset: { ...r.dataset, publication: ds.publication, provenance: ds.provenance },
    ...(calibration === undefined ? {} : { calibration }),
    method:
      'template likelihood (HistFactory, pyhf semantics); per band α with the other bands and the nuisances profiled; intervals by t̃ inversion with two-boundary asymptotics; one-sided boundary tests',
    systematics: r.systematics,
    fixed: r.template.fixed,
    phiConvention: PHI_CONVENTION,
    bands: r.bins.map((b) => ({
      q2LoMeV2: b.q2LoMeV2,
      q2HiMeV2: b.q2HiMeV2,
      q2MeanMeV2: b.q2CenterMeV2,
      sCoh: b.sCoh,
      xiHat: b.xiHat,
      xiSigma: b.xiSigma,
      alphaHatUnbounded: b.alphaHatUnbounded,
      ...alphaEstimateJson(b),
      zAlpha1: b.zAlpha1,
      zAlpha0: b.zAlpha0,
      ...((b as McErrors).pAlpha1McError === undefined
        ? {}
        : {
            pAlpha1McError: (b as McErrors).pAlpha1McError,
            pAlpha0McError: (b as McErrors).pAlpha0McError,
            asymptotic: (b as { asymptotic?: unknown }).asymptotic,
          }),
      ...(b.alphaHelm === undefined ? {} : { alphaHelm: b.alphaHelm }),
    })),
    combined: r.combined,
    channels: r.template.channels,
    signal: r.template.signal,
    published: r.template.published ?? [],
  };
}

/** The true q² the detected signal probes, when the dataset records it (analysisChoices q2Central90, q2Median). */
function probedQ2(ds: TemplateDataset): string | undefined {
  const range = ds.analysisChoices.q2Central90 as { value?: unknown } | undefined;
  const median = ds.analysisChoices.q2Median as { value?: unknown } | undefined;
  const v = range?.value;
  if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'number' || typeof v[1] !== 'number')
    return undefined;
  const med = typeof median?.value === 'number' ? `, median ${median.value.toFixed(0)} MeV²` : '';
  const subset =
    ds.analysisChoices.channels === undefined
      ? ''
      : ' (all channels of the dataset, not recomputed for the subset)';
  return `The detected Standard-Model signal probes true q² = ${v[0].toFixed(0)}–${v[1].toFixed(0)} MeV² (central 90 %${med})${subset}; α below is one α over that range.`;
}

export function templateReport(
  ds: TemplateDataset,
  r: AnalysisResult & { template: TemplateExtras },
  calibration?: Calibration,
): string {
  const out: string[] = [];
  const fixed = r.template.fixed;
  const sys =
    r.systematics === 'none'
      ? 'statistics only (every constrained nuisance at nominal)'
      : fixed.length > 0
        ? `nuisances profiled except ${fixed.join(', ')} (at nominal)`
        : 'all nuisances profiled';
  out.push(
    `${ds.title} [${ds.id}], ${r.bins.length} true-q² band(s), ${ds.channels.length} channel(s); ${sys}`,
  );
  out.push(
    calibration === undefined
      ? 'Template likelihood: per band α̂ in [0, 1] with the other bands profiled; intervals by inverting t̃_α (asymptotic); one-sided tests of α = 1 and α = 0.'
      : `Template likelihood, toy-calibrated (seed ${calibration.seed}): per band α̂ in [0, 1] with the other bands and the nuisances profiled; ${calibration.combinedToys} toys for each of the tests α = 1 and α = 0, Feldman–Cousins intervals on an α grid of step ${calibration.alphaStep} with ${calibration.fcToys} toys per interior point (toys at θ̂̂ of each tested α); the one-α fit likewise. p-values ± their binomial Monte Carlo error; the asymptotic ones in --json.`,
  );
  out.push(renderTable('text', bandColumns(calibration), bandRows(r)));
  const q2 = probedQ2(ds);
  if (q2 !== undefined) out.push(q2);
  const c = r.combined;
  out.push(
    `Combined, one α for all bands: α̂ = ${c.alphaHat.toFixed(3)}, 68.27 % CL ${fmtInterval(c.alpha68)}, 90 % CL ${fmtInterval(c.alpha90)}; p(α=1) = ${fmtP(c.pAlpha1)}, p(α=0) = ${fmtP(c.pAlpha0)}${calibration === undefined ? '' : r.bins.length > 1 ? ' (toys; the "every band" tests below stay asymptotic)' : ' (toys)'}`,
  );
  if (r.bins.length > 1) {
    for (const [name, g] of [
      ['α = 1', c.allBinsAlpha1],
      ['α = 0', c.allBinsAlpha0],
    ] as const) {
      out.push(
        `"${name} in every band" vs free α_j: Λ = ${g.statistic.toFixed(2)}, ${g.dof} bands, p = ${fmtP(g.pValue)} (Z = ${fmtZ(g.z)}, χ̄² asymptotics); most significant band ${g.mostSignificantBin}: p_local = ${fmtP(g.pLocal)}, p_global = ${fmtP(g.pGlobal)} (Šidák)`,
      );
    }
  }
  const s = r.template.signal;
  out.push(
    `CEvNS with a free signal strength on the Standard-Model (Helm) shape (signal systematics shape-only${s.heldAtNominal.length > 0 ? `; held at nominal, degenerate with μ: ${s.heldAtNominal.join(', ')}` : ''}): μ̂ = ${s.mu.toFixed(3)} [${s.muLo.toFixed(3)}, ${s.muHi.toFixed(3)}] (68.27 % profile), ` +
      `fitted ${s.fittedEvents.toFixed(1)} (+${(s.fittedEventsHi - s.fittedEvents).toFixed(1)} −${(s.fittedEvents - s.fittedEventsLo).toFixed(1)}) events, SM prediction ${s.predictedEvents.toFixed(1)}; ` +
      `against background only q0 = ${s.q0.toFixed(2)}, p0 = ${fmtP(s.p0)}, Z = ${fmtZ(s.z)}`,
  );
  const flux = (ds.analysisChoices.b8Flux as { value?: unknown } | undefined)?.value;
  if (typeof flux === 'number') {
    // μ scales the whole CEvNS signal at the dataset's ⁸B flux (hep: < 0.2 % of the events); the pure
    // signal normalisations (the flux prior, and the yields' normalisation if it is one) are held at
    // nominal in this fit, so the interval is that of the data and the shape systematics alone.
    const e = (v: number) => (v * flux).toExponential(2);
    out.push(
      `⁸B flux implied by μ̂ (× the dataset's ${flux.toExponential(3)} cm⁻² s⁻¹): ${e(s.mu)} [${e(s.muLo)}, ${e(s.muHi)}] cm⁻² s⁻¹ (68.27 %${s.heldAtNominal.length > 0 ? `; ${s.heldAtNominal.join(', ')} at nominal` : ''})`,
    );
  }
  out.push(
    `Fitted yields at that fit: ${s.yields.map((y) => `${y.sample} ${y.fitted.toFixed(1)}`).join(', ')}; total ${s.yields.reduce((a, y) => a + y.fitted, 0).toFixed(1)}`,
  );
  out.push(
    'Events per channel: observed; Standard-Model expectation (α_Helm, nominal nuisances); combined best fit',
  );
  out.push(renderTable('text', CHANNEL_COLUMNS, channelRows(r.template.channels)));
  // Published numbers as printed in their source: 4 significant digits, large/small ones as 4.70e+6.
  const num = (v: number) =>
    Math.abs(v) >= 1e5 || (v !== 0 && Math.abs(v) < 1e-3)
      ? v.toExponential(2)
      : String(Number(v.toPrecision(4)));
  for (const p of r.template.published ?? []) {
    const unc =
      p.uncertainty !== undefined
        ? ` ± ${num(p.uncertainty)}`
        : p.uncertaintyHi !== undefined
          ? ` +${num(p.uncertaintyHi)} −${num(p.uncertaintyLo ?? p.uncertaintyHi)}`
          : '';
    out.push(
      `  published ${p.name}: ${num(p.value)}${unc} ${p.unit} (${p.source})${p.note ? ` — ${p.note}` : ''}`,
    );
  }
  return out.join('\n');
}

/** `--csv` of a workspace analysis: the fitted parameters. */
export const PARAMETER_COLUMNS: Column<{
  name: string;
  value: number;
  error: number | null;
  fixed: boolean;
  atLimit: boolean;
}>[] = [
  { key: 'name', header: 'parameter' },
  { key: 'value', header: 'value' },
  { key: 'error', header: 'error' },
  { key: 'fixed', header: 'fixed' },
  { key: 'atLimit', header: 'at_limit' },
];

export function workspaceReport(file: string, w: WorkspaceAnalysis): string {
  const out: string[] = [];
  const [lo, hi] = w.poiBounds;
  out.push(`pyhf workspace ${file}, measurement "${w.measurement}", POI "${w.poi}" in [${lo}, ${hi}]`);
  out.push(
    `Maximum-likelihood fit: −2 ln L = ${w.fit.twiceNll.toFixed(6)} (${w.fit.converged ? 'converged' : 'NOT converged'}, ${w.fit.iterations} iterations, EDM ${w.fit.edm.toExponential(1)})`,
  );
  const shown =
    w.fit.parameters.length > 40 ? w.fit.parameters.filter((p) => !p.name.includes('[')) : w.fit.parameters;
  for (const p of shown) {
    const err = p.error === undefined ? '' : ` ± ${p.error.toPrecision(3)}`;
    const flag = p.fixed ? ' (fixed)' : p.atLimit ? ' (at limit)' : '';
    out.push(`  ${p.name.padEnd(28)} ${p.value.toPrecision(6)}${err}${flag}`);
  }
  if (shown.length < w.fit.parameters.length) {
    out.push(`  … ${w.fit.parameters.length - shown.length} per-bin parameters in --json`);
  }
  const t = w.toolkit;
  out.push(
    `Toolkit (t̃ with two-boundary asymptotics): ${w.poi} = ${t.poiHat.toPrecision(4)}, 68.27 % CL [${t.interval68[0].toPrecision(4)}, ${t.interval68[1].toPrecision(4)}], 90 % CL [${t.interval90[0].toPrecision(4)}, ${t.interval90[1].toPrecision(4)}]; ` +
      `one-sided p(${w.poi} = ${lo}) = ${fmtP(t.pAtLower)}, p(${w.poi} = ${hi}) = ${fmtP(t.pAtUpper)}`,
  );
  const q = w.pyhf.qtilde;
  out.push(
    `pyhf hypotest(${q.muTest}, test_stat='qtilde', asymptotics): q̃ = ${q.qtilde.toFixed(4)}, q̃_A = ${q.qtildeAsimov.toFixed(4)}, CLs+b = ${fmtP(q.CLsb)}, CLb = ${fmtP(q.CLb)}, CLs = ${fmtP(q.CLs)}`,
  );
  out.push(
    `pyhf discovery (q0): q0 = ${w.pyhf.discovery.q0.toFixed(4)}, p0 = ${fmtP(w.pyhf.discovery.p0)}, Z = ${fmtZ(w.pyhf.discovery.z)}; Wilks intervals 68.27 % [${w.pyhf.wilks68.lo.toPrecision(4)}, ${w.pyhf.wilks68.hi.toPrecision(4)}], 90 % [${w.pyhf.wilks90.lo.toPrecision(4)}, ${w.pyhf.wilks90.hi.toPrecision(4)}]`,
  );
  return out.join('\n');
}

interface ImpactRow {
  fixed: string;
  bestFit: string;
  zAlpha0: number;
  pAlpha0: number;
  alpha68Lo: number;
  alpha90Lo: number;
  pAlpha1: number;
}

const IMPACT_COLUMNS: Column<ImpactRow>[] = [
  { key: 'fixed', header: 'fixed at its best fit' },
  { key: 'bestFit', header: 'θ̂' },
  { key: 'zAlpha0', header: 'Z(α=0)', format: (v) => v.toFixed(3) },
  { key: 'pAlpha0', header: 'p(α=0)', format: fmtP },
  { key: 'alpha68Lo', header: 'α_lo 68.27 %', format: (v) => v.toFixed(3) },
  { key: 'alpha90Lo', header: 'α_lo 90 %', format: (v) => v.toFixed(3) },
  { key: 'pAlpha1', header: 'p(α=1)', format: fmtP },
];

/** `analyze --impacts`: the combined results with each nuisance fixed in turn, ranked. */
export function impactsReport(r: NuisanceImpacts): string {
  const row = (fixed: string, bestFit: string, x: NuisanceImpacts['profiled']): ImpactRow => ({
    fixed,
    bestFit,
    zAlpha0: x.zAlpha0,
    pAlpha0: x.pAlpha0,
    alpha68Lo: x.alpha68Lo,
    alpha90Lo: x.alpha90Lo,
    pAlpha1: x.pAlpha1,
  });
  const rows = [
    row('(none: all profiled)', '', r.profiled),
    ...r.fixedOneAtATime.map((x) => row(x.name, x.bestFit.map((v) => v.toFixed(3)).join(', '), x)),
    row('(all: statistics only)', '', r.allFixed),
  ];
  return [
    'Systematics: the one-α results with each nuisance parameter fixed at its best fit in turn (ranked by Z of excluding α = 0)',
    renderTable('text', IMPACT_COLUMNS, rows),
  ].join('\n');
}
