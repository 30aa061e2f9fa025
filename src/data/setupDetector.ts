/**
 * The detector-response and model parts of a setup, resolved to functions in internal units: the
 * efficiency curve (of the TRUE energy: T in keV_nr, or the mean E_ee = QF·T), the background (a density
 * in the observed energy, as measured, efficiency already applied; with its exact bin integral), and the
 * "true" Γ model of the expected counts.
 */
import type { SpecError } from '../errors.js';
import {
  COMPLETE_COHERENCY,
  helmFormFactor,
  kleinNystrandFormFactor,
  KLEIN_NYSTRAND_R_COEFFICIENT_FM,
  KLEIN_NYSTRAND_YUKAWA_RANGE_FM,
  PAPER_HELM_MODEL,
  sameFormFactors,
  type GammaModel,
} from '../physics/index.js';
import type { BackgroundUncertainty, SetupBackground, SetupEfficiency, SetupModel } from './setupSchema.js';
import type { EnergyScale } from './setupUnits.js';
import { loadXenonntEfficiency, xenonntEfficiencyCurve } from './xenonntEfficiency.js';

export type Fail = (path: readonly (string | number)[], message: string) => SpecError;

/** An efficiency as a function of the true energy in `scale` [keV]. */
export interface EfficiencyCurve {
  readonly scale: EnergyScale;
  readonly label: string;
  at(eKeV: number): number;
  /** Energies where the curve has kinks (table knots), for quadrature panels. */
  readonly knotsKeV: readonly number[];
}

/** The background in the observed energy: a density [counts/(keV·kg·s)] and its exact bin integral. */
export type ResolvedBackground =
  | { readonly kind: 'none'; readonly label: string }
  | {
      readonly kind: 'density';
      readonly label: string;
      densityPerKeVKgS(eKeV: number): number;
      /** ∫ density over [lo, hi] [counts/(kg·s)]. */
      integralPerKgS(loKeV: number, hiKeV: number): number;
      readonly uncertainty: BackgroundUncertainty;
    };

export function linearTable(
  xs: readonly number[],
  ys: readonly number[],
  below: 'zero' | 'hold',
  above: 'zero' | 'hold',
): (x: number) => number {
  const n = xs.length;
  return (x) => {
    if (!(x >= xs[0]!)) return below === 'hold' ? ys[0]! : 0;
    if (x >= xs[n - 1]!) return x === xs[n - 1]! || above === 'hold' ? ys[n - 1]! : 0;
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (xs[mid]! <= x) lo = mid;
      else hi = mid;
    }
    const x0 = xs[lo]!;
    const x1 = xs[hi]!;
    return ys[lo]! + ((ys[hi]! - ys[lo]!) * (x - x0)) / (x1 - x0);
  };
}

export function resolveEfficiency(e: SetupEfficiency | undefined): EfficiencyCurve {
  if (e === undefined) return { scale: 'nr', label: 'efficiency 1', at: () => 1, knotsKeV: [] };
  switch (e.kind) {
    case 'constant':
      return { scale: 'nr', label: `constant efficiency ${e.value}`, at: () => e.value, knotsKeV: [] };
    case 'table': {
      const xs = e.points.map(([x]) => x * e.energyUnit.keV);
      const ys = e.points.map(([, y]) => y);
      return {
        scale: e.energyUnit.scale,
        label: `efficiency table in ${e.energyUnit.unit} (${xs.length} points, ${Number(e.points[0]![0].toPrecision(4))}–${Number(e.points.at(-1)![0].toPrecision(4))} ${e.energyUnit.unit})`,
        at: linearTable(xs, ys, e.below ?? 'zero', e.above ?? 'hold'),
        knotsKeV: xs,
      };
    }
    case 'xenonnt-8b': {
      const c = xenonntEfficiencyCurve(loadXenonntEfficiency(), e.run ?? 'exposure-weighted');
      return {
        scale: 'nr',
        label: c.label,
        at: linearTable(c.energiesKeV, c.efficiency, 'zero', 'hold'),
        knotsKeV: c.energiesKeV,
      };
    }
  }
}

function tableIntegral(xs: readonly number[], ys: readonly number[], lo: number, hi: number): number {
  // ∫ of the linear interpolant (zero outside [x0, xn]) over [lo, hi].
  let s = 0;
  for (let i = 0; i + 1 < xs.length; i++) {
    const a = Math.max(lo, xs[i]!);
    const b = Math.min(hi, xs[i + 1]!);
    if (!(b > a)) continue;
    const slope = (ys[i + 1]! - ys[i]!) / (xs[i + 1]! - xs[i]!);
    const ya = ys[i]! + slope * (a - xs[i]!);
    const yb = ys[i]! + slope * (b - xs[i]!);
    s += 0.5 * (ya + yb) * (b - a);
  }
  return s;
}

export function resolveBackground(
  b: SetupBackground | undefined,
  scale: EnergyScale,
  fail: Fail,
): ResolvedBackground {
  if (b === undefined || b.kind === 'none') return { kind: 'none', label: 'no background' };
  const bScale = b.kind === 'flat' ? b.rate.scale : b.rateUnit.scale;
  const eScale = b.kind === 'flat' ? bScale : b.energyUnit.scale;
  if (bScale !== scale || eScale !== scale) {
    throw fail(
      ['background', b.kind === 'flat' ? 'rate' : bScale !== scale ? 'rateUnit' : 'energyUnit'],
      `is per keV${bScale === scale ? eScale : bScale} but the observed energy (threshold, bins) is in keV${scale}; give the background in the observed scale`,
    );
  }
  const unc = b.uncertainty;
  const uncText =
    unc.kind === 'normalisation'
      ? `±${(100 * unc.relative).toFixed(1)} % normalisation`
      : unc.kind === 'offSource'
        ? `measured off-source, τ = ${unc.tau}`
        : 'known exactly';
  if (b.kind === 'flat') {
    const r = b.rate.si;
    return {
      kind: 'density',
      label: `flat ${Number(b.rate.value.toPrecision(4))} ${b.rate.unit} (${uncText})`,
      densityPerKeVKgS: () => r,
      integralPerKgS: (lo, hi) => r * Math.max(0, hi - lo),
      uncertainty: unc,
    };
  }
  const eK = b.energyUnit.keV;
  const rK = b.rateUnit.perKeVKgS;
  if (b.kind === 'table') {
    const xs = b.points.map(([x]) => x * eK);
    const ys = b.points.map(([, y]) => y * rK);
    const f = linearTable(xs, ys, 'zero', 'zero');
    return {
      kind: 'density',
      label: `tabulated background (${xs.length} points, ${b.rateUnit.unit}; ${uncText})`,
      densityPerKeVKgS: f,
      integralPerKgS: (lo, hi) => tableIntegral(xs, ys, lo, hi),
      uncertainty: unc,
    };
  }
  const edges = b.edges.map((x) => x * eK);
  const rates = b.rates.map((y) => y * rK);
  return {
    kind: 'density',
    label: `histogram background (${rates.length} bins, ${b.rateUnit.unit}; ${uncText})`,
    densityPerKeVKgS: (e) => {
      for (let i = 0; i < rates.length; i++) if (e >= edges[i]! && e < edges[i + 1]!) return rates[i]!;
      return 0;
    },
    integralPerKgS: (lo, hi) => {
      let s = 0;
      for (let i = 0; i < rates.length; i++) {
        const a = Math.max(lo, edges[i]!);
        const c = Math.min(hi, edges[i + 1]!);
        if (c > a) s += rates[i]! * (c - a);
      }
      return s;
    },
    uncertainty: unc,
  };
}

export function resolveModel(m: SetupModel | undefined): { gamma: GammaModel; label: string } {
  if (m === undefined) return { gamma: PAPER_HELM_MODEL, label: 'Helm form factor (Eq. 9), F_Z = F_N' };
  switch (m.kind) {
    case 'helm':
      if (m.rCoefficientFm === undefined && m.skinFm === undefined) {
        return { gamma: PAPER_HELM_MODEL, label: 'Helm form factor (Eq. 9), F_Z = F_N' };
      }
      return {
        gamma: {
          kind: 'formFactors',
          ...sameFormFactors(
            helmFormFactor({
              ...(m.rCoefficientFm === undefined ? {} : { rCoefficientFm: m.rCoefficientFm }),
              ...(m.skinFm === undefined ? {} : { skinFm: m.skinFm }),
            }),
          ),
        },
        label: `Helm form factor, r0 = ${m.rCoefficientFm ?? 1.2} fm, s = ${m.skinFm ?? 0.5} fm`,
      };
    case 'kleinNystrand':
      return {
        gamma: {
          kind: 'formFactors',
          ...sameFormFactors(
            kleinNystrandFormFactor({
              ...(m.rCoefficientFm === undefined ? {} : { rCoefficientFm: m.rCoefficientFm }),
              ...(m.yukawaRangeFm === undefined ? {} : { yukawaRangeFm: m.yukawaRangeFm }),
            }),
          ),
        },
        label: `Klein–Nystrand form factor, R_A = ${m.rCoefficientFm ?? KLEIN_NYSTRAND_R_COEFFICIENT_FM}·A^(1/3) fm, a = ${m.yukawaRangeFm ?? KLEIN_NYSTRAND_YUKAWA_RANGE_FM} fm`,
      };
    case 'alpha':
      return m.value === 1
        ? { gamma: COMPLETE_COHERENCY, label: 'complete coherency, α = 1' }
        : { gamma: { kind: 'alpha', alpha: m.value }, label: `constant α = ${m.value}` };
    case 'alphaTable': {
      const f = linearTable(m.q2MeV2, m.alpha, 'hold', 'hold');
      return {
        gamma: { kind: 'alpha', alpha: (q2) => f(q2) },
        label: `α(q²) table (${m.q2MeV2.length} points, ${m.q2MeV2[0]}–${m.q2MeV2.at(-1)} MeV², held constant outside)`,
      };
    }
  }
}
