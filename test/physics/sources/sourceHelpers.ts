/** Shared checks of spectrum components: the pdf integrates to 1 (project quadrature, its own error estimate). */
import { expect } from 'vitest';
import { integrate } from '../../../src/physics/quadrature.js';
import type { ContinuumComponent, NeutrinoSpectrum } from '../../../src/physics/sources/index.js';

/**
 * ∫ pdf = 1 on [eMin, eMax], to within the quadrature's error estimate plus the change of the result when
 * the tolerance is tightened 100× (GK15's estimate bounds the error for smooth integrands,
 * test/physics/quadrature.test.ts, but underestimates it ~3× across the hundreds of kinks of a fine
 * piecewise-linear table, which it does not get as breakpoints); both must be < 1e-8.
 */
export function expectUnitIntegral(c: ContinuumComponent): void {
  const run = (relTol: number) =>
    integrate(c.pdf, c.eMinMeV, c.eMaxMeV, {
      relTol,
      maxIntervals: 5000,
      breakpoints: c.breakpointsMeV ?? [],
    });
  const r = run(1e-10);
  const tight = run(1e-12);
  const tol = r.errorEstimate + Math.abs(r.value - tight.value) + 1e-12;
  expect(tol, `${c.label}: error estimate`).toBeLessThan(1e-8);
  expect(Math.abs(r.value - 1), `${c.label}: ∫pdf = ${r.value} ± ${tol}`).toBeLessThanOrEqual(tol);
}

/** ∫ E^k pdf(E) dE over [lo, hi] ∩ support. */
export function pdfMoment(c: ContinuumComponent, k: number, lo = c.eMinMeV, hi = c.eMaxMeV): number {
  return integrate((e) => e ** k * c.pdf(e), Math.max(lo, c.eMinMeV), Math.min(hi, c.eMaxMeV), {
    relTol: 1e-11,
    maxIntervals: 5000,
    breakpoints: c.breakpointsMeV ?? [],
  }).value;
}

export function continua(s: NeutrinoSpectrum): ContinuumComponent[] {
  return s.components.filter((c): c is ContinuumComponent => c.kind === 'continuum');
}
