/**
 * Toy medians of an exposure scan on a template dataset (templateScan.ts gives the Asimov scan):
 * the toy median Z of excluding α = 1 and α = 0 at the scan points, and the exposure factor f where the
 * toy median of each test reaches 3σ and 5σ, searched next to the Asimov crossing f_A.
 *
 * The toys (templateToys.ts) use the same random stream at every f (common random numbers), so the
 * toy median moves smoothly with f. CROSSING SEARCH: bracket [f_A/1.25, 1.25·f_A], widened by ×1.25
 * steps (within TEMPLATE_SCAN_RANGE) until it holds the crossing, then bisection in ln f down to 1 %
 * (`LN_F_TOLERANCE`): below the Monte Carlo error of the crossing itself, which is reported as the 95 %
 * interval of the toy median at the crossing (order statistics, toys.ts) turned into ln f by the slope
 * dZ/d ln f of the first bracket — e.g. 1000 toys: ±0.05 in Z, slope ≈ Z/2, so ≈ ±3 % at 3σ. A test
 * whose Asimov crossing is not reached below the search maximum is not searched with toys (the Asimov
 * Z saturates there; toys cannot push it past a systematics limit by more than their Monte Carlo error).
 */
import type { TemplateDataset } from '../data/index.js';
import { templateModels, WorkspaceLikelihood } from '../likelihood/index.js';
import {
  asimovTemplateDataset,
  nominalExposureTonneYear,
  type TemplateProjectionOptions,
} from './templateProjection.js';
import { TEMPLATE_SCAN_RANGE, type TemplateScan } from './templateScan.js';
import { templateToyBands, type TemplateToyOptions } from './templateToys.js';

/** Bisection stops when the bracket is this narrow in ln f (1 %). */
export const LN_F_TOLERANCE = 0.01;
/** Widening factor of the crossing bracket around the Asimov crossing. */
const BRACKET = 1.25;

export interface ToyMedian {
  readonly median: number;
  /** 95 % Monte Carlo interval of the median (order statistics). */
  readonly ci95: readonly [number, number];
  readonly failed: number;
}

export interface TemplateToyScanPoint {
  readonly scale: number;
  readonly exposureTonneYear: number | null;
  readonly alpha1: ToyMedian;
  readonly alpha0: ToyMedian;
}

export interface TemplateToyCrossing {
  readonly target: number;
  /** The Asimov crossing it was searched next to (null: Asimov not reached, no toy search). */
  readonly asimovScale: number | null;
  readonly scale: number | null;
  readonly tonneYear: number | null;
  /** 95 % Monte Carlo interval of the crossing [t·yr or factor, as `tonneYear` if known]. */
  readonly mcInterval95: readonly [number, number] | null;
  /** Toy median Z and its 95 % MC interval at the crossing. */
  readonly atCrossing: ToyMedian | null;
}

export interface TemplateToyScan {
  readonly nToys: number;
  readonly seed: string;
  readonly points: readonly TemplateToyScanPoint[];
  readonly alpha1: { readonly z3: TemplateToyCrossing; readonly z5: TemplateToyCrossing };
  readonly alpha0: { readonly z3: TemplateToyCrossing; readonly z5: TemplateToyCrossing };
}

export interface TemplateToyScanOptions extends Pick<TemplateProjectionOptions, 'truth' | 'fix'> {
  readonly toys: TemplateToyOptions;
}

/** Toy medians at the Asimov scan's points and the toy crossings next to its crossings. */
export function templateToyExposureScan(
  ds: TemplateDataset,
  asimov: TemplateScan,
  opts: TemplateToyScanOptions,
): TemplateToyScan {
  const { onProgress, ...toyOpts } = opts.toys;
  const model = { ...(opts.truth ? { truth: opts.truth } : {}), ...(opts.fix ? { fix: opts.fix } : {}) };
  const nominal = nominalExposureTonneYear(ds);
  const tonneYear = (f: number) => (nominal === null ? null : f * nominal);
  // Progress in toy runs (one per point, ≈ 8 per crossing searched); the total grows if a search needs more.
  const searched = [asimov.alpha1, asimov.alpha0].flatMap((c) => [c.z3Scale, c.z5Scale]);
  let total = asimov.points.length + 8 * searched.filter((f) => f !== null).length;
  let done = 0;
  const bands = (f: number, tested: readonly number[]) => {
    const { dataset, alphas } = asimovTemplateDataset(ds, { ...model, scale: f });
    const lik = new WorkspaceLikelihood(templateModels(dataset).combined);
    const r = templateToyBands(dataset, alphas, lik, tested, toyOpts);
    done++;
    total = Math.max(total, done);
    onProgress?.(done, total);
    return r.map((b) => ({ median: b.z.median, ci95: b.medianCi95, failed: b.failed }));
  };
  const points = asimov.points.map((p) => {
    const [alpha1, alpha0] = bands(p.scale, [1, 0]) as [ToyMedian, ToyMedian];
    return { scale: p.scale, exposureTonneYear: p.exposureTonneYear, alpha1, alpha0 };
  });
  const crossing = (v: 0 | 1, target: number, fA: number | null): TemplateToyCrossing => {
    const none = {
      target,
      asimovScale: fA,
      scale: null,
      tonneYear: null,
      mcInterval95: null,
      atCrossing: null,
    };
    if (fA === null) return none;
    const memo = new Map<number, ToyMedian>();
    const at = (f: number) => memo.get(f) ?? memo.set(f, bands(f, [v])[0]!).get(f)!;
    let lo = Math.max(TEMPLATE_SCAN_RANGE.below, fA / BRACKET);
    let hi = Math.min(TEMPLATE_SCAN_RANGE.above, fA * BRACKET);
    while (at(lo).median >= target && lo > TEMPLATE_SCAN_RANGE.below) {
      lo = Math.max(TEMPLATE_SCAN_RANGE.below, lo / BRACKET);
    }
    while (at(hi).median < target) {
      if (hi >= TEMPLATE_SCAN_RANGE.above) return none;
      hi = Math.min(TEMPLATE_SCAN_RANGE.above, hi * BRACKET);
    }
    const slope = (at(hi).median - at(lo).median) / Math.log(hi / lo);
    while (Math.log(hi / lo) > LN_F_TOLERANCE) {
      const mid = Math.sqrt(lo * hi);
      if (at(mid).median >= target) hi = mid;
      else lo = mid;
    }
    const f = Math.sqrt(lo * hi);
    const m = at(f);
    const [zLo, zHi] = m.ci95;
    const unit = (x: number) => tonneYear(x) ?? x;
    const mc: [number, number] | null =
      slope > 0
        ? [unit(f * Math.exp(-(zHi - m.median) / slope)), unit(f * Math.exp((m.median - zLo) / slope))]
        : null;
    return { target, asimovScale: fA, scale: f, tonneYear: tonneYear(f), mcInterval95: mc, atCrossing: m };
  };
  const cross = (v: 0 | 1) => {
    const c = v === 1 ? asimov.alpha1 : asimov.alpha0;
    return { z3: crossing(v, 3, c.z3Scale), z5: crossing(v, 5, c.z5Scale) };
  };
  const alpha1 = cross(1);
  const alpha0 = cross(0);
  onProgress?.(done, done);
  return { nToys: toyOpts.nToys, seed: String(toyOpts.seed), points, alpha1, alpha0 };
}
