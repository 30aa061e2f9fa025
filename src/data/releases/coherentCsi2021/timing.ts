/**
 * Neutrino arrival times at the SNS (the release lacks its flux histogram snsFlux2D.root, so the
 * time pdfs are built from the proton pulse and the decay lifetimes):
 *
 *   proton pulse      g(t) = Gaussian(μ_p, σ_p),  σ_p = 150 ns (publication.ts: SNS POT trace)
 *   prompt ν_μ        f_p = g ⊗ Exp(τ_π)                         (π⁺ → μ⁺ν_μ, τ_π = 26.033 ns)
 *   delayed ν_e, ν̄_μ  f_d = g ⊗ Exp(τ_π) ⊗ Exp(τ_μ)              (μ⁺ → e⁺ν_eν̄_μ, τ_μ = 2.1969811 µs)
 *
 * g ⊗ Exp(τ) is the exponentially modified Gaussian (EMG), and by partial fractions
 *   f_d = (τ_μ·EMG(τ_μ) − τ_π·EMG(τ_π)) / (τ_μ − τ_π).
 * The 64 ns flight time is a constant offset absorbed in μ_p. μ_p on this release's time axis is
 * not published: `fitPulseMean` fits it to the release's NIN arrival-time shape, which is produced by
 * the delayed neutrinos themselves (ν_e CC on the lead shielding: a free prompt fraction fits to 0)
 * and carries no arrival-time efficiency (its tail falls exactly as e^{−t/τ_μ}).
 *
 * Bin probabilities ∫_bin f(t)·ε_T(t) dt use composite 8-point Gauss–Legendre on panels of at most
 * 10 ns, split at the efficiency kink t = a (so each panel's integrand is smooth); `timeBinProbabilities`
 * can be refined (panelUs) to check the quadrature.
 */
import erfc from '@stdlib/math-base-special-erfc';
import erfcx from '@stdlib/math-base-special-erfcx';
import { GAUSS_LEGENDRE_8 } from '../../../physics/index.js';
import { MUON_LIFETIME_US, PION_LIFETIME_US } from './publication.js';
import { integrateShape, type BinnedShape } from './neutronShapes.js';

export interface PulseModel {
  readonly meanUs: number;
  readonly sigmaUs: number;
}

/**
 * EMG density at t: (1/2τ)·exp(λ(μ−t) + λ²σ²/2)·erfc(u), u = (λσ − z)/√2, z = (t − μ)/σ, λ = 1/τ.
 * For u ≥ 0 the equivalent (1/2τ)·e^{−z²/2}·erfcx(u) avoids overflow of the exponential; for u < 0
 * the first form has a negative exponent. Both are exact rewritings.
 */
export function emgDensity(tUs: number, p: PulseModel, tauUs: number): number {
  const lam = 1 / tauUs;
  const z = (tUs - p.meanUs) / p.sigmaUs;
  const u = (lam * p.sigmaUs - z) / Math.SQRT2;
  if (u >= 0) return 0.5 * lam * Math.exp(-0.5 * z * z) * erfcx(u);
  return 0.5 * lam * Math.exp(lam * (p.meanUs - tUs) + 0.5 * lam * lam * p.sigmaUs * p.sigmaUs) * erfc(u);
}

/** Prompt (ν_μ) arrival-time density [µs⁻¹]. */
export function promptDensity(tUs: number, p: PulseModel): number {
  return emgDensity(tUs, p, PION_LIFETIME_US);
}

/** Delayed (ν_e, ν̄_μ) arrival-time density [µs⁻¹]; ≥ 0 (rounding at t ≪ μ_p is clipped). */
export function delayedDensity(tUs: number, p: PulseModel): number {
  const v =
    (MUON_LIFETIME_US * emgDensity(tUs, p, MUON_LIFETIME_US) -
      PION_LIFETIME_US * emgDensity(tUs, p, PION_LIFETIME_US)) /
    (MUON_LIFETIME_US - PION_LIFETIME_US);
  return v > 0 ? v : 0;
}

/** Arrival-time efficiency ε_T(t) = 1 below a, e^{−b(t−a)} above (publication.ts). */
export interface TimeEfficiency {
  readonly aUs: number;
  readonly bPerUs: number;
}

export function timeEfficiencyAt(e: TimeEfficiency, tUs: number): number {
  return tUs < e.aUs ? 1 : Math.exp(-e.bPerUs * (tUs - e.aUs));
}

/** ∫_lo^hi ε_T(t) dt in closed form. */
export function timeEfficiencyIntegral(e: TimeEfficiency, lo: number, hi: number): number {
  if (!(hi > lo)) return 0;
  const flat = Math.max(0, Math.min(hi, e.aUs) - lo);
  const a = Math.max(lo, e.aUs);
  const tail =
    hi > a ? (Math.exp(-e.bPerUs * (a - e.aUs)) - Math.exp(-e.bPerUs * (hi - e.aUs))) / e.bPerUs : 0;
  return flat + tail;
}

/** ∫_lo^hi f(t)·w(t) dt, composite GL-8 on panels ≤ panelUs, split at `kinks`. */
function integrate(
  f: (t: number) => number,
  lo: number,
  hi: number,
  kinks: readonly number[],
  panelUs: number,
): number {
  const cuts = [lo, ...kinks.filter((k) => k > lo && k < hi), hi];
  let sum = 0;
  for (let s = 1; s < cuts.length; s++) {
    const a = cuts[s - 1]!;
    const n = Math.max(1, Math.ceil((cuts[s]! - a) / panelUs));
    const h = (cuts[s]! - a) / n;
    for (let p = 0; p < n; p++) {
      const mid = a + (p + 0.5) * h;
      for (let k = 0; k < 8; k++)
        sum += 0.5 * h * GAUSS_LEGENDRE_8.w[k]! * f(mid + 0.5 * h * GAUSS_LEGENDRE_8.x[k]!);
    }
  }
  return sum;
}

/** P_k = ∫_{t_k}^{t_{k+1}} density(t)·ε_T(t) dt for each time bin (ε_T omitted when `efficiency` is null). */
export function timeBinProbabilities(
  density: (tUs: number) => number,
  edgesUs: readonly number[],
  efficiency: TimeEfficiency | null,
  panelUs = 0.01,
): Float64Array {
  const w = efficiency ? (t: number) => density(t) * timeEfficiencyAt(efficiency, t) : density;
  const kinks = efficiency ? [efficiency.aUs] : [];
  return Float64Array.from({ length: edgesUs.length - 1 }, (_, k) =>
    integrate(w, edgesUs[k]!, edgesUs[k + 1]!, kinks, panelUs),
  );
}

/**
 * Fraction of a neutron time shape in each time bin after ε_T, normalised to the shape's content
 * after ε_T inside [normLo, normHi) (the region its expected count refers to).
 */
export function shapeTimeFractions(
  shape: BinnedShape,
  edgesUs: readonly number[],
  efficiency: TimeEfficiency,
  normLo: number,
  normHi: number,
): Float64Array {
  const w = (a: number, b: number) => timeEfficiencyIntegral(efficiency, a, b);
  const norm = integrateShape(shape, normLo, normHi, w);
  return Float64Array.from(
    { length: edgesUs.length - 1 },
    (_, k) => integrateShape(shape, edgesUs[k]!, edgesUs[k + 1]!, w) / norm,
  );
}

/** Sum of squared differences between a normalised shape and the delayed model on the shape's bins. */
function delayedMismatch(shape: BinnedShape, pulse: PulseModel): number {
  const edges = Array.from(shape.edges);
  const model = timeBinProbabilities((t) => delayedDensity(t, pulse), edges, null);
  const total = shape.contents.reduce((s, c) => s + c, 0);
  const mTotal = model.reduce((s, c) => s + c, 0);
  let chi2 = 0;
  model.forEach((m, i) => {
    chi2 += (m / mTotal - shape.contents[i]! / total) ** 2;
  });
  return chi2;
}

/**
 * μ_p minimising Σ_bins (model − shape)² with both normalised on the shape's grid, for the delayed
 * density with σ_p fixed: golden-section search on [loUs, hiUs] to 1e-5 µs (the sum is unimodal in μ_p
 * there: a shift of a single-peaked shape). Returns μ_p and the largest per-bin residual relative to the
 * shape's peak bin (a measure of how well the model describes the release's NIN timing).
 */
export function fitPulseMean(
  ninTime: BinnedShape,
  sigmaUs: number,
  loUs = 0,
  hiUs = 1.5,
): { meanUs: number; maxRelResidual: number } {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = loUs;
  let b = hiUs;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = delayedMismatch(ninTime, { meanUs: c, sigmaUs });
  let fd = delayedMismatch(ninTime, { meanUs: d, sigmaUs });
  while (b - a > 1e-5) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = delayedMismatch(ninTime, { meanUs: c, sigmaUs });
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = delayedMismatch(ninTime, { meanUs: d, sigmaUs });
    }
  }
  const meanUs = 0.5 * (a + b);
  const pulse = { meanUs, sigmaUs };
  const model = timeBinProbabilities((t) => delayedDensity(t, pulse), Array.from(ninTime.edges), null);
  const mTotal = model.reduce((s, x) => s + x, 0);
  const total = ninTime.contents.reduce((s, x) => s + x, 0);
  let peak = 0;
  let maxRes = 0;
  model.forEach((m, i) => {
    const obs = ninTime.contents[i]! / total;
    peak = Math.max(peak, obs);
    maxRes = Math.max(maxRes, Math.abs(m / mTotal - obs));
  });
  return { meanUs, maxRelResidual: maxRes / peak };
}
