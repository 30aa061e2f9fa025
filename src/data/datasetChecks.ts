/**
 * Cross-field rules of the dataset format (those a per-field schema cannot express):
 * - within a bin, every lo/hi edge pair is strictly increasing (observable, T, q², per-nucleus q²);
 * - bins are ordered and do not overlap: hi of bin i−1 ≤ lo of bin i, for every edge pair;
 * - each counts bin lists the target's nuclei, same labels in the same order, and Σ_k sCoh_k = sCoh
 *   (also for sHelm) to 1e-6 relative;
 * - each counts bin has its background: `nOff` and `tau` together, or `knownBackground`, or both;
 * - ξ bins give either `sigma` or both `sigmaLo` and `sigmaHi`;
 * - each nucleus' `decoherentXi` equals (ε²Z + N)/(εZ − N)² with the dataset's ε to 1e-6 relative;
 * - ε and every nucleus pass the same range checks as the CLI's options and setups (physics
 *   `epsilonProblem`, `nucleusProblem`);
 * - counts and predictions stay below {@link MAX_COUNT}, also the background estimate n_off/τ, and
 *   ξ ± σ values within {@link XI_MAGNITUDE_RANGE}, so that no later arithmetic overflows: a value the
 *   likelihood cannot use is refused here, under the field the user wrote.
 */
import { decoherentXi, epsilonProblem, nucleusProblem } from '../physics/index.js';
import type { DatasetProblem } from './datasetIssues.js';
import type { CountsDataset, Dataset, XiDataset } from './dataset.js';

/**
 * Largest count or predicted count accepted: 2^53 − 1 ≈ 9.0e15, the largest integer a double holds
 * exactly; beyond it Poisson terms n·ln μ lose their meaning and sums of bins overflow precision.
 */
export const MAX_COUNT = Number.MAX_SAFE_INTEGER;

/**
 * ξ and its uncertainties are cross-section ratios of order 1; magnitudes from 1e-30 to 1e30 take in
 * any real measurement and keep every squared pull (ξ − μ)²/σ² finite in double precision.
 */
export const XI_MAGNITUDE_RANGE = [1e-30, 1e30] as const;

/** Relative tolerance of the sum and consistency rules (values are written with 10 significant digits). */
const REL_TOL = 1e-6;

type Path = (string | number)[];

const close = (a: number, b: number): boolean =>
  Math.abs(a - b) <= REL_TOL * Math.max(Math.abs(a), Math.abs(b));

/** Check lo < hi within each item and hi(i−1) ≤ lo(i) across items, for one edge pair. */
function edgePair<T>(
  items: readonly T[],
  pathOf: (i: number) => Path,
  lo: (x: T) => number | undefined,
  hi: (x: T) => number | undefined,
  loKey: string,
  hiKey: string,
  out: DatasetProblem[],
): void {
  let prevHi: number | undefined;
  items.forEach((item, i) => {
    const l = lo(item);
    const h = hi(item);
    if (l === undefined || h === undefined) return;
    if (!(h > l)) {
      out.push({
        path: [...pathOf(i), hiKey],
        message: `${h} is not above ${loKey} = ${l}; expected ${loKey} < ${hiKey} (edges increasing within a bin)`,
      });
    }
    if (prevHi !== undefined && l < prevHi) {
      out.push({
        path: [...pathOf(i), loKey],
        message: `${l} is below ${hiKey} = ${prevHi} of bin ${i - 1}; expected bins ordered and non-overlapping`,
      });
    }
    prevHi = h;
  });
}

function checkNuclei(ds: Dataset, out: DatasetProblem[]): void {
  const eps = epsilonProblem(ds.epsilon);
  if (eps !== undefined) {
    out.push({ path: ['epsilon'], message: eps });
    return;
  }
  ds.target.nuclei.forEach((n, k) => {
    const why = nucleusProblem(n.Z, n.N);
    if (why !== undefined) {
      out.push({ path: ['target', 'nuclei', k], message: `not a nucleus that exists: ${why}` });
      return;
    }
    const d = decoherentXi(n, ds.epsilon);
    if (!close(n.decoherentXi, d)) {
      out.push({
        path: ['target', 'nuclei', k, 'decoherentXi'],
        message: `${n.decoherentXi} disagrees with (ε²Z + N)/(εZ − N)² = ${d} for Z = ${n.Z}, N = ${n.N}, ε = ${ds.epsilon}`,
      });
    }
  });
}

function checkCounts(ds: CountsDataset, out: DatasetProblem[]): void {
  const bins = ds.bins;
  const at = (i: number): Path => ['bins', i];
  const edges = [
    ['observableLo', 'observableHi'],
    ['tLoKeV', 'tHiKeV'],
    ['q2LoMeV2', 'q2HiMeV2'],
  ] as const;
  for (const [lo, hi] of edges)
    edgePair(
      bins,
      at,
      (b) => b[lo],
      (b) => b[hi],
      lo,
      hi,
      out,
    );
  const labels = ds.target.nuclei.map((n) => n.label);
  checkMagnitudes(ds, out);
  bins.forEach((bin, i) => {
    const got = bin.nuclei.map((n) => n.label);
    if (got.length !== labels.length || got.some((l, k) => l !== labels[k])) {
      out.push({
        path: ['bins', i, 'nuclei'],
        message: `labels ${JSON.stringify(got)} do not match the target; expected ${JSON.stringify(labels)} in that order`,
      });
      return;
    }
    const off = bin.nOff !== undefined;
    if (off !== (bin.tau !== undefined)) {
      out.push({
        path: ['bins', i, off ? 'tau' : 'nOff'],
        message: `is missing; expected nOff and tau together (the off-source measurement n_off ~ Poisson(tau·b))`,
      });
    }
    if (!off && bin.tau === undefined && bin.knownBackground === undefined) {
      out.push({
        path: ['bins', i, 'knownBackground'],
        message:
          'is missing and the bin has no off-source measurement; expected nOff and tau, or knownBackground {expected, sigma}, or both',
      });
    }
    if (!(bin.sCoh > 0)) {
      out.push({
        path: ['bins', i, 'sCoh'],
        message: `${bin.sCoh}: a bin without predicted signal carries no information on α; expected sCoh > 0 (drop the bin)`,
      });
    }
    const sumCoh = bin.nuclei.reduce((s, n) => s + n.sCoh, 0);
    if (!close(sumCoh, bin.sCoh)) {
      out.push({
        path: ['bins', i, 'sCoh'],
        message: `${bin.sCoh} differs from the per-nucleus sum ${sumCoh}; expected sCoh = Σ nuclei[k].sCoh`,
      });
    }
    if (bin.sHelm !== undefined) {
      const parts = bin.nuclei.map((n) => n.sHelm);
      const sum = parts.reduce<number>((s, x) => s + (x ?? NaN), 0);
      if (!close(sum, bin.sHelm)) {
        out.push({
          path: ['bins', i, 'sHelm'],
          message: `${bin.sHelm} differs from the per-nucleus sum ${sum}; expected sHelm = Σ nuclei[k].sHelm (each given)`,
        });
      }
    }
  });
  labels.forEach((label, k) => {
    edgePair(
      bins,
      (i) => ['bins', i, 'nuclei', k],
      (b) => (b.nuclei[k]?.label === label ? b.nuclei[k].q2LoMeV2 : undefined),
      (b) => (b.nuclei[k]?.label === label ? b.nuclei[k].q2HiMeV2 : undefined),
      'q2LoMeV2',
      'q2HiMeV2',
      out,
    );
  });
}

const tooLarge = (v: number, what: string): string =>
  `${v} exceeds ${MAX_COUNT.toExponential(2)}, the largest ${what} a double holds exactly; expected a smaller value`;

/** Counts and predictions below MAX_COUNT, and the background estimate n_off/τ too. */
function checkMagnitudes(ds: CountsDataset, out: DatasetProblem[]): void {
  ds.bins.forEach((bin, i) => {
    for (const key of ['nOn', 'nOff', 'sCoh', 'sHelm', 'beamBackground'] as const) {
      const v = bin[key];
      if (v !== undefined && v > MAX_COUNT)
        out.push({ path: ['bins', i, key], message: tooLarge(v, 'count') });
    }
    bin.nuclei.forEach((n, k) => {
      for (const key of ['sCoh', 'sHelm'] as const) {
        const v = n[key];
        if (v !== undefined && v > MAX_COUNT)
          out.push({ path: ['bins', i, 'nuclei', k, key], message: tooLarge(v, 'count') });
      }
    });
    const b = bin.nOff !== undefined && bin.tau !== undefined ? bin.nOff / bin.tau : 0;
    if (!(b <= MAX_COUNT)) {
      out.push({
        path: ['bins', i, 'tau'],
        message: `${bin.tau} makes the background estimate n_off/τ = ${b.toExponential(2)} exceed ${MAX_COUNT.toExponential(2)} events; expected τ ≥ n_off/${MAX_COUNT.toExponential(2)}`,
      });
    }
  });
}

function checkXiMagnitudes(ds: XiDataset, out: DatasetProblem[]): void {
  const [lo, hi] = XI_MAGNITUDE_RANGE;
  ds.bins.forEach((b, i) => {
    if (Math.abs(b.xi) > hi)
      out.push({
        path: ['bins', i, 'xi'],
        message: `${b.xi}: |ξ| above ${hi}; expected a cross-section ratio`,
      });
    for (const key of ['sigma', 'sigmaLo', 'sigmaHi'] as const) {
      const v = b[key];
      if (v !== undefined && !(v >= lo && v <= hi))
        out.push({
          path: ['bins', i, key],
          message: `${v} is outside [${lo}, ${hi}]; expected an uncertainty of a cross-section ratio`,
        });
    }
  });
}

function checkXi(ds: XiDataset, out: DatasetProblem[]): void {
  checkXiMagnitudes(ds, out);
  const at = (i: number): Path => ['bins', i];
  const edges = [
    ['q2LoMeV2', 'q2HiMeV2'],
    ['tLoKeV', 'tHiKeV'],
  ] as const;
  for (const [lo, hi] of edges)
    edgePair(
      ds.bins,
      at,
      (b) => b[lo],
      (b) => b[hi],
      lo,
      hi,
      out,
    );
  ds.bins.forEach((b, i) => {
    const sym = b.sigma !== undefined;
    const asym = b.sigmaLo !== undefined || b.sigmaHi !== undefined;
    if (sym === asym || (asym && (b.sigmaLo === undefined || b.sigmaHi === undefined))) {
      out.push({
        path: ['bins', i, sym ? 'sigmaLo' : 'sigma'],
        message: `uncertainty given as ${JSON.stringify({ sigma: b.sigma, sigmaLo: b.sigmaLo, sigmaHi: b.sigmaHi })}; expected either sigma or both sigmaLo and sigmaHi`,
      });
    }
    if (b.q2CentreMeV2 !== undefined && !(b.q2CentreMeV2 >= b.q2LoMeV2 && b.q2CentreMeV2 <= b.q2HiMeV2)) {
      out.push({
        path: ['bins', i, 'q2CentreMeV2'],
        message: `${b.q2CentreMeV2} lies outside [q2LoMeV2, q2HiMeV2] = [${b.q2LoMeV2}, ${b.q2HiMeV2}]; expected a centre inside its bin`,
      });
    }
  });
}

/** All cross-field problems of a schema-valid dataset (empty when it is consistent). */
export function checkDataset(ds: Dataset): DatasetProblem[] {
  const out: DatasetProblem[] = [];
  checkNuclei(ds, out);
  if (ds.kind === 'counts') checkCounts(ds, out);
  else checkXi(ds, out);
  return out;
}
