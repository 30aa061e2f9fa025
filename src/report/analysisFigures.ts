/**
 * The paper's Figures 5 and 6 for any analysed dataset (Sharma et al. 2021, Sec. IV):
 * Fig. 5 — α intervals per q² bin (68.27 % and 90 % CL, bin widths as horizontal bars) with the Helm
 * expectation (Eq. 9) and its ±10 % band; Fig. 6 — p-values of complete coherency (α = 1) and
 * decoherency (α = 0) per bin against q², on a log scale.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { AnyDataset as Dataset } from '../data/index.js';
import type { AnalysisResult } from '../likelihood/index.js';
import { alphaFromFormFactors, paperHelm, type Nucleus } from '../physics/index.js';
import { bandLayer, errorBarLayer, layeredChart, lineLayer, pointLayer } from './charts.js';
import type { Datum } from './chartTypes.js';

/** Relative uncertainty of the Helm expectation drawn as a band (the paper's "±1σ uncertainty of 10 %"). */
export const HELM_BAND_RELATIVE = 0.1;

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

/** α_Helm(q²) curves and ±10 % bands for each nucleus of the dataset over [q2Lo, q2Hi]. */
function helmCurves(dataset: Dataset, q2Lo: number, q2Hi: number): Datum[] {
  const rows: Datum[] = [];
  for (const n of nucleiOf(dataset)) {
    for (let i = 0; i <= 100; i++) {
      const q2 = q2Lo + ((q2Hi - q2Lo) * i) / 100;
      const f = paperHelm(q2, n);
      const a = alphaFromFormFactors(n, f, f, dataset.epsilon);
      rows.push({
        q2,
        alpha: a,
        lo: Math.max(0, a * (1 - HELM_BAND_RELATIVE)),
        hi: Math.min(1, a * (1 + HELM_BAND_RELATIVE)),
        nucleus: `Helm (Eq. 9), ${n.label}`,
      });
    }
  }
  return rows;
}

/** "bin" for the binned ξ datasets, "band" (of true q²) for template datasets; and the bars' meaning. */
function unitWords(dataset: Dataset): { unit: string; bars: string } {
  return dataset.kind === 'template'
    ? { unit: 'band', bars: 'bars: true-q² band' }
    : { unit: 'bin', bars: 'bars: nominal bin q² range' };
}

/** Figure 5: α(q²) per bin with its intervals, and the Helm expectation. */
export function alphaFigure(dataset: Dataset, result: AnalysisResult): TopLevelSpec {
  const w = unitWords(dataset);
  const q2Lo = Math.min(...result.bins.map((b) => b.q2LoMeV2));
  const q2Hi = Math.max(...result.bins.map((b) => b.q2HiMeV2));
  const bins: Datum[] = result.bins.map((b) => ({
    q2: b.q2CenterMeV2,
    q2Lo: b.q2LoMeV2,
    q2Hi: b.q2HiMeV2,
    alpha: b.alphaHat,
    lo68: b.alpha68.lo,
    hi68: b.alpha68.hi,
    lo90: b.alpha90.lo,
    hi90: b.alpha90.hi,
  }));
  const helm = helmCurves(dataset, q2Lo, q2Hi);
  return layeredChart({
    title: `Fig. 5: α(q²) from ${dataset.experiment} (${dataset.id})`,
    subtitle: `per-${w.unit} intervals (asymptotic, systematics ${result.systematics}) at the signal-weighted mean true q²; ${w.bars}; Helm ±${HELM_BAND_RELATIVE * 100} %`,
    x: { field: 'q2', title: 'q² [MeV²]', domain: [q2Lo, q2Hi] },
    y: { field: 'alpha', title: 'coherency α', domain: [0, 1] },
    legend: 'top-right',
    layers: [
      bandLayer({ data: helm, yLow: 'lo', yHigh: 'hi', series: 'nucleus', opacity: 0.25 }),
      lineLayer({ data: helm, series: 'nucleus' }),
      errorBarLayer({ data: bins, yLow: 'lo90', yHigh: 'hi90', label: '90 % CL' }),
      errorBarLayer({
        data: bins,
        yLow: 'lo68',
        yHigh: 'hi68',
        xLow: 'q2Lo',
        xHigh: 'q2Hi',
        label: '68.27 % CL',
      }),
      pointLayer({ data: bins, label: 'α̂ (bounded MLE)' }),
    ],
  });
}

/** Figure 6: one-sided p-values of α = 1 and α = 0 per bin. */
export function pValueFigure(dataset: Dataset, result: AnalysisResult): TopLevelSpec {
  const w = unitWords(dataset);
  // p = 0.5 at q = 0 by convention; clip tiny p to keep the log axis finite.
  const rows: Datum[] = result.bins.flatMap((b) => [
    {
      q2: b.q2CenterMeV2,
      q2Lo: b.q2LoMeV2,
      q2Hi: b.q2HiMeV2,
      p: Math.max(b.pAlpha1, 1e-12),
      p2: Math.max(b.pAlpha1, 1e-12),
      test: 'α = 1 (coherency)',
    },
    {
      q2: b.q2CenterMeV2,
      q2Lo: b.q2LoMeV2,
      q2Hi: b.q2HiMeV2,
      p: Math.max(b.pAlpha0, 1e-12),
      p2: Math.max(b.pAlpha0, 1e-12),
      test: 'α = 0 (decoherency)',
    },
  ]);
  return layeredChart({
    title: `Fig. 6: p-values of complete coherency and decoherency, ${dataset.experiment} (${dataset.id})`,
    subtitle: `one-sided profile-likelihood tests per q² ${w.unit} (asymptotic ½χ²₁); ${w.bars}`,
    x: { field: 'q2', title: 'q² [MeV²]' },
    y: { field: 'p', title: 'p-value', scale: 'log' },
    colors: { 'α = 1 (coherency)': '#D55E00', 'α = 0 (decoherency)': '#0072B2' },
    legend: 'bottom-right',
    layers: [
      errorBarLayer({ data: rows, yLow: 'p', yHigh: 'p2', xLow: 'q2Lo', xHigh: 'q2Hi', series: 'test' }),
      lineLayer({ data: rows, series: 'test', points: true }),
    ],
  });
}
