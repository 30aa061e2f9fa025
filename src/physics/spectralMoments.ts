/**
 * Tail moments of a neutrino spectrum, the only spectral input the CEvNS rate needs.
 *
 * Because Γ depends on q² only (not on E_ν), Eq. A2 factorises:
 *
 *   dR/dT = n · (dq²/dT) · ½G_F²/(4π) · Γ(q²) · ∫_{E_min(T)} Φ(E) [1 − q²/(4E²)] dE
 *         = n · (dq²/dT) · ½G_F²/(4π) · Γ(q²) · [Φ₀(E_min) − (q²/4)·Φ₋₂(E_min)],
 *
 *   Φ₀(x) = ∫_x^∞ Φ(E) dE,   Φ₋₂(x) = ∫_x^∞ Φ(E)/E² dE.
 *
 * Φ₀ and Φ₋₂ are precomputed per continuum component as suffix sums over panels (the table knots, or
 * 64 uniform panels refined towards the end point; adaptive Gauss–Kronrod, relTol 1e-12) and completed
 * in the partial panel at E_min by 10-point Gauss–Legendre (exact on linear table segments), so that a dR/dT evaluation costs O(log n) instead of a quadrature over E_ν. Lines contribute
 * Φ_line·[1 − q²/(4E²)] exactly when E_line ≥ E_min.
 */
import { GAUSS_LEGENDRE_10_HALF, integrate } from './quadrature.js';
import type { ContinuumComponent, NeutrinoSpectrum } from './sources/types.js';

/** Number of uniform panels for a component without enough table knots. */
const MIN_PANELS = 64;
/** Geometric halvings of the last uniform panel towards the end point. */
const END_POINT_REFINEMENTS = 12;

interface ComponentMoments {
  readonly flux: number;
  readonly pdf: (e: number) => number;
  readonly edges: Float64Array;
  /** suffix sums: s0[k] = ∫_{edges[k]}^{eMax} pdf, s2[k] = ∫ pdf/E² */
  readonly s0: Float64Array;
  readonly s2: Float64Array;
}

export interface SpectralMoments {
  readonly lines: readonly { readonly eNuMeV: number; readonly flux: number }[];
  readonly continua: readonly ComponentMoments[];
  /** Highest neutrino energy [MeV]. */
  readonly endPointMeV: number;
  /** Energies where the rate integrand in T has steps (lines and component end points). */
  readonly featureEnergiesMeV: readonly number[];
}

/**
 * Panel edges: the component's breakpoints (table knots), or at least 64 uniform panels; the last
 * panel is refined geometrically towards the end point, where β spectra vanish like a square root and
 * a fixed Gauss rule would otherwise lose accuracy.
 */
function panelEdges(c: ContinuumComponent): Float64Array {
  const inner = (c.breakpointsMeV ?? []).filter((x) => x > c.eMinMeV && x < c.eMaxMeV);
  const pts = new Set<number>([c.eMinMeV, c.eMaxMeV, ...inner]);
  if (pts.size < MIN_PANELS + 1) {
    const h = (c.eMaxMeV - c.eMinMeV) / MIN_PANELS;
    for (let i = 1; i < MIN_PANELS; i++) pts.add(c.eMinMeV + h * i);
    for (let k = 1; k <= END_POINT_REFINEMENTS; k++) pts.add(c.eMaxMeV - h * 2 ** -k);
  }
  return Float64Array.from([...pts].sort((a, b) => a - b));
}

/**
 * [∫_a^b pdf, ∫_a^b pdf/E²] over a partial panel by 10-point Gauss–Legendre: exact on a linear table
 * segment for the first moment, and accurate to ≲ 1e-9 relative for the second and for smooth shapes
 * (checked against brute-force quadrature of Eq. A2 in test/physics/rates.test.ts). The nodes never
 * touch E = 0, where 1/E² is singular.
 */
function gaussLegendrePanel(pdf: (e: number) => number, a: number, b: number): [number, number] {
  const half = 0.5 * (b - a);
  const mid = 0.5 * (a + b);
  let p0 = 0;
  let p2 = 0;
  for (let j = 0; j < 5; j++) {
    const dx = half * GAUSS_LEGENDRE_10_HALF.x[j]!;
    const e1 = mid - dx;
    const e2 = mid + dx;
    const f1 = pdf(e1);
    const f2 = pdf(e2);
    p0 += GAUSS_LEGENDRE_10_HALF.w[j]! * (f1 + f2);
    p2 += GAUSS_LEGENDRE_10_HALF.w[j]! * (f1 / (e1 * e1) + f2 / (e2 * e2));
  }
  return [half * p0, half * p2];
}

function componentMoments(c: ContinuumComponent): ComponentMoments {
  const edges = panelEdges(c);
  const n = edges.length;
  const s0 = new Float64Array(n);
  const s2 = new Float64Array(n);
  // One-time panel integrals by adaptive Gauss–Kronrod (relTol 1e-12), so that even a panel with an
  // end-point square root is integrated to full accuracy.
  for (let k = n - 2; k >= 0; k--) {
    const a = edges[k]!;
    const b = edges[k + 1]!;
    s0[k] = s0[k + 1]! + integrate(c.pdf, a, b, { relTol: 1e-12 }).value;
    s2[k] = s2[k + 1]! + (a > 0 ? integrate((e) => c.pdf(e) / (e * e), a, b, { relTol: 1e-12 }).value : 0);
  }
  return { flux: c.fluxPerCm2PerS, pdf: c.pdf, edges, s0, s2 };
}

const cache = new WeakMap<NeutrinoSpectrum, SpectralMoments>();

/**
 * The tail moments of a spectrum (memoised per spectrum object; spectra are immutable values, so the
 * memo is not observable state).
 */
export function spectralMoments(spectrum: NeutrinoSpectrum): SpectralMoments {
  const hit = cache.get(spectrum);
  if (hit) return hit;
  const lines: { eNuMeV: number; flux: number }[] = [];
  const continua: ComponentMoments[] = [];
  const features: number[] = [];
  let endPoint = 0;
  for (const c of spectrum.components) {
    if (c.kind === 'line') {
      lines.push({ eNuMeV: c.eNuMeV, flux: c.fluxPerCm2PerS });
      features.push(c.eNuMeV);
      endPoint = Math.max(endPoint, c.eNuMeV);
    } else {
      continua.push(componentMoments(c));
      // Φ₀ is C¹ across table knots (dΦ₀/dE = −pdf is continuous), so only end points are steps in T.
      features.push(c.eMaxMeV);
      endPoint = Math.max(endPoint, c.eMaxMeV);
    }
  }
  const m = { lines, continua, endPointMeV: endPoint, featureEnergiesMeV: features };
  cache.set(spectrum, m);
  return m;
}

/**
 * S(x, q²) = Σ_lines Φ_l [1 − q²/(4E_l²)]·[E_l ≥ x] + Σ_c Φ_c [Φ₀(x) − (q²/4) Φ₋₂(x)]  [cm⁻² s⁻¹]:
 * the spectrum-weighted kinematic factor of dR/dT at E_min = x.
 */
export function spectralFactor(m: SpectralMoments, eMinMeV: number, q2MeV2: number): number {
  let s = 0;
  const q2over4 = 0.25 * q2MeV2;
  for (const l of m.lines) {
    if (l.eNuMeV >= eMinMeV) s += l.flux * (1 - q2over4 / (l.eNuMeV * l.eNuMeV));
  }
  for (const c of m.continua) {
    const edges = c.edges;
    const n = edges.length;
    if (eMinMeV >= edges[n - 1]!) continue;
    if (eMinMeV <= edges[0]!) {
      s += c.flux * (c.s0[0]! - q2over4 * c.s2[0]!);
      continue;
    }
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (edges[mid]! <= eMinMeV) lo = mid;
      else hi = mid;
    }
    const [p0, p2] = gaussLegendrePanel(c.pdf, eMinMeV, edges[hi]!);
    s += c.flux * (c.s0[hi]! + p0 - q2over4 * (c.s2[hi]! + p2));
  }
  return s;
}
