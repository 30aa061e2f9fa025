/**
 * Closed-form profiling of a per-bin steady-state background b ≥ 0 measured off-source (the "on/off"
 * problem: R.D. Cousins, J.T. Linnemann, J. Tucker, NIM A 595 (2008) 480, §4; T.-P. Li, Y.-Q. Ma,
 * ApJ 272 (1983) 317).
 *
 * Model: on-source n ~ Poisson(a + b), off-source m ~ Poisson(τ·b), where a ≥ 0 is everything else the
 * on-source region expects (beam background and signal, at fixed other parameters). Up to constants
 *
 *   NLL(b) = (a + b) − n·ln(a + b) + τ·b − m·ln(τ·b),
 *   ∂NLL/∂b = 1 − n/(a + b) + τ − m/b = 0.
 *
 * Multiplying by b(a + b) gives the quadratic
 *
 *   (1 + τ)·b² + [(1 + τ)·a − n − m]·b − m·a = 0,      i.e. A b² + B b + C = 0, C = −m·a ≤ 0,
 *
 * whose roots have product C/A ≤ 0, so exactly one root is ≥ 0:
 *
 *   b̂ = [−B + √(B² + 4·A·m·a)] / (2A)                 (used when B ≤ 0),
 *   b̂ = 2·m·a / [B + √(B² + 4·A·m·a)]                 (same root, no cancellation when B > 0).
 *
 * Limits: m = 0 gives b̂ = max(0, n/(1 + τ) − a); a = 0 gives b̂ = (n + m)/(1 + τ); n = m = 0 gives 0.
 * Kernel policy: no throws; meaningful for a ≥ 0, n ≥ 0, m ≥ 0, τ > 0.
 */
export function profileBackground(a: number, n: number, m: number, tau: number): number {
  const A = 1 + tau;
  const B = A * a - n - m;
  const D = B * B + 4 * A * m * a;
  const sqrtD = Math.sqrt(D);
  if (B > 0) return (2 * m * a) / (B + sqrtD);
  return (sqrtD - B) / (2 * A);
}

/**
 * Second derivative of the background-profiled NLL with respect to a, d²/da² min_b NLL(a, b).
 *
 * The first derivative is, by the envelope theorem, g = 1 − n/μ with μ = a + b̂(a). Differentiating
 * the stationarity condition F(a, b) = 1 − n/(a+b) + τ − m/b = 0 implicitly gives
 * b̂′ = −(n/μ²)/(n/μ² + m/b̂²), hence
 *
 *   h = (n/μ²)·(1 + b̂′) = 1 / (μ²/n + b̂²/m)      (a harmonic combination of the two curvatures).
 *
 * Cases: a known background (no off-source term) gives h = n/μ²; m = 0 with b̂ > 0 gives h = 0 (the
 * free background absorbs any change of a); m = 0 with b̂ = 0 (bound active) gives h = n/μ².
 */
export function profiledCurvature(n: number, mu: number, m: number, b: number, measured: boolean): number {
  if (n === 0) return 0;
  const u = n / (mu * mu);
  if (!measured) return u;
  if (m === 0) return b > 0 ? 0 : u;
  const w = m / (b * b);
  return (u * w) / (u + w);
}
