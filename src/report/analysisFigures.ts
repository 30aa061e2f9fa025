/**
 * The paper's Figures 5 and 6 for any analysed dataset (Sharma et al. 2021, Sec. IV):
 * Fig. 5 — α intervals per q² bin (68.27 % and 90 % CL) with the Helm expectation (Eq. 9) and its
 * ±10 % band; Fig. 6 — p-values of complete coherency (α = 1) and decoherency (α = 0) per bin, on a
 * log scale with the 1σ, 2σ, 3σ levels.
 *
 * What the horizontal bars show: for counts datasets each point sits at the signal-weighted mean TRUE
 * q² of the events reconstructed in the bin, and its bar spans ± the rms of their true q² — what the
 * bin probes after the detector resolution (wider than the nominal bin, and shifted below it at high
 * q², which is why nominal-edge bars looked a bin off). ξ ± σ datasets are published per q² bin: their
 * bars are the bin ranges. Independent bins are never joined by lines. Colours are fixed per meaning
 * (68.27 %, 90 %, α̂, each test), the Helm curves take colours none of those use.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { AnyDataset as Dataset } from '../data/index.js';
import { describePValueMethod, type AnalysisResult } from '../likelihood/index.js';
import { alphaFromFormFactors, paperHelm, type Nucleus } from '../physics/index.js';
import { bandLayer, errorBarLayer, layeredChart, lineLayer, pointLayer, textLayer } from './charts.js';
import type { Datum, LegendEntry } from './chartTypes.js';

/** Relative uncertainty of the Helm expectation drawn as a band (the paper's "±1σ uncertainty of 10 %"). */
export const HELM_BAND_RELATIVE = 0.1;

/** Colours by meaning (Okabe–Ito). */
export const ANALYSIS_COLOURS = {
  cl68: '#0072B2',
  cl90: '#56B4E9',
  alphaHat: '#000000',
  spread: '#888888',
  testAlpha1: '#D55E00',
  testAlpha0: '#0072B2',
  helm: ['#009E73', '#CC79A7', '#E69F00', '#666666'],
} as const;

function nucleiOf(dataset: Dataset): Nucleus[] {
  return dataset.target.nuclei.map((n) => ({
    label: n.label,
    Z: n.Z,
    N: n.N,
    A: n.A,
    massMeV: n.massMeV,
    atomicMassU: n.A,
  }));
}

/**
 * Each bin's q² as `analyze` places it (likelihood/coherencyAnalysis.ts): the signal-weighted mean true
 * q² over the nuclei when every nucleus carries it, else the middle of the bin.
 */
export function binQ2Centres(dataset: Dataset): number[] {
  // Template datasets: each true-q² band at the mean true q² of its α = 1 signal.
  if (dataset.kind === 'template') return dataset.bands.map((b) => b.q2MeanMeV2);
  return dataset.bins.map((b) => {
    if (dataset.kind === 'counts') {
      const n = (b as Extract<Dataset, { kind: 'counts' }>['bins'][number]).nuclei;
      const w = n.reduce((s, x) => s + x.sCoh, 0);
      if (w > 0 && n.every((x) => x.q2MeanMeV2 !== undefined && x.sCoh > 0))
        return n.reduce((s, x) => s + x.sCoh * x.q2MeanMeV2!, 0) / w;
    } else {
      const c = (b as Extract<Dataset, { kind: 'xi' }>['bins'][number]).q2CentreMeV2;
      if (c !== undefined) return c;
    }
    return 0.5 * (b.q2LoMeV2 + b.q2HiMeV2);
  });
}

/** True-q² spread of each bin: [mean − rms, mean + rms] for counts bins that carry it, else the bin range. */
export function binQ2Spreads(dataset: Dataset): { lo: number; hi: number; kind: 'rms' | 'range' }[] {
  // Template datasets: the band itself is the true-q² range (the bands are defined in true q²).
  if (dataset.kind === 'template') {
    return dataset.bands.map((b) => ({ lo: b.q2LoMeV2, hi: b.q2HiMeV2, kind: 'range' as const }));
  }
  return dataset.bins.map((b) => {
    if (dataset.kind === 'counts') {
      const n = (b as Extract<Dataset, { kind: 'counts' }>['bins'][number]).nuclei;
      if (n.every((x) => x.q2MeanMeV2 !== undefined && x.q2RmsMeV2 !== undefined && x.sCoh > 0)) {
        const w = n.reduce((s, x) => s + x.sCoh, 0);
        const mean = n.reduce((s, x) => s + x.sCoh * x.q2MeanMeV2!, 0) / w;
        const second = n.reduce((s, x) => s + x.sCoh * (x.q2RmsMeV2! ** 2 + x.q2MeanMeV2! ** 2), 0) / w;
        const rms = Math.sqrt(Math.max(0, second - mean * mean));
        return { lo: Math.max(0, mean - rms), hi: mean + rms, kind: 'rms' };
      }
    }
    return { lo: b.q2LoMeV2, hi: b.q2HiMeV2, kind: 'range' };
  });
}

/** Element symbol of a nucleus label ("Xe-124" → "Xe", "Cs-133" → "Cs", "Ar" → "Ar"). */
function elementOf(label: string): string {
  return label.split(/[-\s]/)[0] ?? label;
}

/**
 * α_Helm(q²) curves and ±10 % bands, one per element of the dataset over [q2Lo, q2Hi]: an element with
 * several isotopes (natural Xe: nine) is drawn once — its line the α averaged over the isotopes with
 * their abundances (atoms per formula unit), its band from the lowest to the highest isotope's ±10 %
 * (isotopes differ by < 1 % in α; nine overlaid translucent bands read as one opaque block).
 */
function helmCurves(dataset: Dataset, q2Lo: number, q2Hi: number): Datum[] {
  const abundance = new Map(dataset.target.nuclei.map((n) => [n.label, n.atomsPerFormulaUnit]));
  const elements = new Map<string, Nucleus[]>();
  for (const n of nucleiOf(dataset)) {
    const e = elementOf(n.label);
    elements.set(e, [...(elements.get(e) ?? []), n]);
  }
  const rows: Datum[] = [];
  for (const [element, isotopes] of elements) {
    const weights = isotopes.map((n) => abundance.get(n.label) ?? 1);
    const total = weights.reduce((a, b) => a + b, 0);
    const label =
      isotopes.length === 1
        ? `Helm (Eq. 9) ±${HELM_BAND_RELATIVE * 100} %, ${isotopes[0]!.label}`
        : `Helm (Eq. 9) ±${HELM_BAND_RELATIVE * 100} %, ${element} (${isotopes.length} isotopes)`;
    for (let i = 0; i <= 100; i++) {
      const q2 = q2Lo + ((q2Hi - q2Lo) * i) / 100;
      const alphas = isotopes.map((n) => {
        const f = paperHelm(q2, n);
        return alphaFromFormFactors(n, f, f, dataset.epsilon);
      });
      const mean = alphas.reduce((sum, a, k) => sum + a * weights[k]!, 0) / total;
      rows.push({
        q2,
        alpha: mean,
        lo: Math.max(0, Math.min(...alphas) * (1 - HELM_BAND_RELATIVE)),
        hi: Math.min(1, Math.max(...alphas) * (1 + HELM_BAND_RELATIVE)),
        nucleus: label,
      });
    }
  }
  return rows;
}

const isCalibrated = (r: AnalysisResult): boolean => 'calibration' in r;

function spreadEntry(kind: 'rms' | 'range'): LegendEntry {
  return {
    label: kind === 'rms' ? 'true q² of the bin (mean ± rms)' : 'bin q² range',
    colour: ANALYSIS_COLOURS.spread,
    hBar: true,
  };
}

/** Figure 5: α(q²) per bin with its intervals, and the Helm expectation. */
export function alphaFigure(dataset: Dataset, result: AnalysisResult): TopLevelSpec {
  const spreads = binQ2Spreads(dataset);
  const q2Lo = Math.max(0, Math.min(...spreads.map((s) => s.lo)) * 0.97);
  const q2Hi = Math.max(...spreads.map((s) => s.hi)) * 1.02;
  const bins: Datum[] = result.bins.map((b, i) => ({
    q2: b.q2CenterMeV2,
    q2Lo: spreads[i]!.lo,
    q2Hi: spreads[i]!.hi,
    alpha: b.alphaHat,
    lo68: b.alpha68.lo,
    hi68: b.alpha68.hi,
    lo90: b.alpha90.lo,
    hi90: b.alpha90.hi,
  }));
  const helm = helmCurves(dataset, q2Lo, q2Hi);
  const helmLabels = [...new Set(helm.map((r) => String(r.nucleus)))];
  const colors: Record<string, string> = {
    '68.27 % CL': ANALYSIS_COLOURS.cl68,
    '90 % CL': ANALYSIS_COLOURS.cl90,
    'α̂ (bounded MLE)': ANALYSIS_COLOURS.alphaHat,
    spread: ANALYSIS_COLOURS.spread,
    ...Object.fromEntries(
      helmLabels.map((l, i) => [l, ANALYSIS_COLOURS.helm[i % ANALYSIS_COLOURS.helm.length]!]),
    ),
  };
  const method = isCalibrated(result) ? 'Feldman–Cousins (toys)' : 'asymptotic';
  return layeredChart({
    title: `Fig. 5: α(q²), ${dataset.experiment} ${dataset.id}`,
    subtitle: `per-bin ${method} intervals, systematics ${result.systematics}; points at the bin's mean true q²`,
    x: { field: 'q2', title: 'q² [MeV²]', domain: [q2Lo, q2Hi] },
    y: { field: 'alpha', title: 'coherency α', domain: [-0.03, 1.03] },
    colors,
    legend: 'auto',
    legendExtra: [spreadEntry(spreads[0]?.kind ?? 'range')],
    width: 520,
    layers: [
      bandLayer({ data: helm, yLow: 'lo', yHigh: 'hi', series: 'nucleus', opacity: 0.2 }),
      lineLayer({ data: helm, series: 'nucleus' }),
      errorBarLayer({
        data: bins,
        yLow: 'alpha',
        yHigh: 'alpha',
        xLow: 'q2Lo',
        xHigh: 'q2Hi',
        label: 'spread',
        points: false,
        strokeWidth: 1,
        legend: false,
      }),
      errorBarLayer({
        data: bins,
        yLow: 'lo90',
        yHigh: 'hi90',
        label: '90 % CL',
        points: false,
        strokeWidth: 1.5,
      }),
      errorBarLayer({
        data: bins,
        yLow: 'lo68',
        yHigh: 'hi68',
        label: '68.27 % CL',
        points: false,
        strokeWidth: 4,
      }),
      errorBarLayer({ data: bins, yLow: 'alpha', yHigh: 'alpha', label: 'α̂ (bounded MLE)' }),
    ],
  });
}

/** One-sided p-values at 1σ, 2σ, 3σ: Φ(−Z). */
const SIGMA_LEVELS = [
  { z: 1, p: 0.158655253931457 },
  { z: 2, p: 0.0227501319481792 },
  { z: 3, p: 0.00134989803163009 },
] as const;

/** Figure 6: one-sided p-values of α = 1 and α = 0 per bin. */
/** How the plotted p-values were computed (toys: without the per-bin MC error). */
function methodLabel(result: AnalysisResult): string {
  const m = result.bins[0]?.pAlpha1Method;
  if (m === undefined) return 'no bins';
  return m.kind === 'toys' ? `toys, ${m.nToys} per test` : describePValueMethod(m);
}

export function pValueFigure(dataset: Dataset, result: AnalysisResult): TopLevelSpec {
  const spreads = binQ2Spreads(dataset);
  const q2Lo = Math.max(0, Math.min(...spreads.map((s) => s.lo)) * 0.97);
  const q2Hi = Math.max(...spreads.map((s) => s.hi)) * 1.02;
  const FLOOR = 1e-12; // a toy p-value of 0 or an underflow is drawn at the floor of the axis
  const tests = [
    { label: 'exclude α = 1 (coherency)', key: 'pAlpha1', err: 'pAlpha1McError', shape: 'circle' },
    { label: 'exclude α = 0 (decoherency)', key: 'pAlpha0', err: 'pAlpha0McError', shape: 'square' },
  ] as const;
  const rows = (t: (typeof tests)[number]): Datum[] =>
    result.bins.map((b, i) => {
      const p = Math.max(b[t.key], FLOOR);
      const e = Number((b as unknown as Record<string, unknown>)[t.err] ?? 0);
      return {
        q2: b.q2CenterMeV2,
        q2Lo: spreads[i]!.lo,
        q2Hi: spreads[i]!.hi,
        p,
        lo: Math.max(p - e, FLOOR),
        hi: Math.min(p + e, 1),
      };
    });
  const pMin = Math.min(...result.bins.flatMap((b) => [b.pAlpha1, b.pAlpha0]).map((p) => Math.max(p, FLOOR)));
  const yLo = 10 ** Math.min(-3, Math.floor(Math.log10(pMin)) - 0.3);
  const levels = SIGMA_LEVELS.filter((l) => l.p > yLo);
  const levelRows = levels.flatMap((l) => [
    { q2: q2Lo, p: l.p, z: `${l.z}σ` },
    { q2: q2Hi, p: l.p, z: `${l.z}σ` },
  ]);
  const toys = isCalibrated(result);
  const method = toys ? 'toys (bars: Monte Carlo errors)' : methodLabel(result);
  return layeredChart({
    title: `Fig. 6: p(α = 1) and p(α = 0) per bin, ${dataset.experiment} ${dataset.id}`,
    subtitle: `one-sided profile-likelihood tests, ${method}; each point at its bin's mean true q² (spread: Fig. 5)`,
    x: { field: 'q2', title: 'q² [MeV²]', domain: [q2Lo, q2Hi] },
    y: { field: 'p', title: 'p-value', scale: 'log', domain: [yLo, 1] },
    colors: {
      [tests[0]!.label]: ANALYSIS_COLOURS.testAlpha1,
      [tests[1]!.label]: ANALYSIS_COLOURS.testAlpha0,
      spread: ANALYSIS_COLOURS.spread,
      levels: '#999999',
    },
    legend: 'auto',
    width: 520,
    layers: [
      ...levels.map((l) =>
        lineLayer({
          data: levelRows.filter((r) => r.p === l.p),
          label: 'levels',
          dash: [2, 3],
          legend: false,
        }),
      ),
      textLayer({
        data: levels.map((l) => ({ q2: q2Hi, p: l.p, z: `${l.z}σ` })),
        text: 'z',
        align: 'right',
        dx: -3,
        dy: -7,
        label: 'levels',
      }),
      ...tests.map((t) =>
        toys
          ? errorBarLayer({ data: rows(t), yLow: 'lo', yHigh: 'hi', label: t.label, shape: t.shape })
          : pointLayer({ data: rows(t), label: t.label, shape: t.shape }),
      ),
    ],
  });
}
