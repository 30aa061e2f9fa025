/**
 * Exposure scans on a template dataset (templateProjection.ts): the median expected Z of excluding
 * α = 1 and α = 0 against the exposure factor f, and the f where it reaches 3σ and 5σ, by bisection
 * in ln f (to 1e−3 relative: Z changes by < 0.1 % there) within [f_lo, f_hi] = [1e−3, 1e4] × the
 * dataset's exposure. Z grows with f and, with normalisation uncertainties on the signal, saturates
 * (Z∞ ≈ relative signal difference / its relative uncertainty): a crossing above f_hi is reported as
 * not reached, with Z at f_hi. f_hi = 1e4 keeps every bin below 10⁵ events (the fits lose precision
 * beyond ~10⁷ per bin; scan.ts).
 */
import type { TemplateDataset } from '../data/index.js';
import {
  nominalExposureTonneYear,
  templateMedianZ,
  type TemplateProjectionOptions,
} from './templateProjection.js';

export const TEMPLATE_SCAN_RANGE = { below: 1e-3, above: 1e4 } as const;

export interface TemplateScanPoint {
  readonly scale: number;
  readonly exposureTonneYear: number | null;
  readonly zAlpha1: number;
  readonly zAlpha0: number;
}

export interface TemplateCrossing {
  /** Exposure factors for a median Z of 3 and 5 (null: not reached below the search maximum). */
  readonly z3Scale: number | null;
  readonly z5Scale: number | null;
  readonly z3TonneYear: number | null;
  readonly z5TonneYear: number | null;
  /** Z at the largest factor searched. */
  readonly zAtSearchMax: number;
}

export interface TemplateScan {
  readonly points: readonly TemplateScanPoint[];
  readonly alpha1: TemplateCrossing;
  readonly alpha0: TemplateCrossing;
  readonly searchMaxScale: number;
}

export interface TemplateScanOptions extends Pick<TemplateProjectionOptions, 'truth' | 'fix'> {
  readonly fromScale?: number;
  readonly toScale?: number;
  readonly points?: number;
}

export function templateExposureScan(ds: TemplateDataset, opts: TemplateScanOptions = {}): TemplateScan {
  const nominal = nominalExposureTonneYear(ds);
  const tonneYear = (f: number | null) => (f === null || nominal === null ? null : f * nominal);
  const model = { ...(opts.truth ? { truth: opts.truth } : {}), ...(opts.fix ? { fix: opts.fix } : {}) };
  const z = (f: number, v: 0 | 1) => templateMedianZ(ds, f, v, model);
  const from = opts.fromScale ?? 1e-2;
  const to = opts.toScale ?? 1e3;
  const n = Math.max(2, opts.points ?? 30);
  const points: TemplateScanPoint[] = [];
  for (let i = 0; i < n; i++) {
    const f = from * Math.pow(to / from, i / (n - 1));
    points.push({ scale: f, exposureTonneYear: tonneYear(f), zAlpha1: z(f, 1), zAlpha0: z(f, 0) });
  }
  const lo = TEMPLATE_SCAN_RANGE.below;
  const hi = TEMPLATE_SCAN_RANGE.above;
  const crossing = (v: 0 | 1, target: number, zHi: number): number | null => {
    if (!(zHi >= target)) return null;
    if (z(lo, v) >= target) return lo;
    let a = Math.log(lo);
    let b = Math.log(hi);
    while (b - a > 1e-3) {
      const mid = 0.5 * (a + b);
      if (z(Math.exp(mid), v) >= target) b = mid;
      else a = mid;
    }
    return Math.exp(0.5 * (a + b));
  };
  const cross = (v: 0 | 1): TemplateCrossing => {
    const zHi = z(hi, v);
    const z3 = crossing(v, 3, zHi);
    const z5 = crossing(v, 5, zHi);
    return {
      z3Scale: z3,
      z5Scale: z5,
      z3TonneYear: tonneYear(z3),
      z5TonneYear: tonneYear(z5),
      zAtSearchMax: zHi,
    };
  };
  return { points, alpha1: cross(1), alpha0: cross(0), searchMaxScale: hi };
}
