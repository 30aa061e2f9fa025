/**
 * Test-only brute-force minimisers, independent of the closed forms and Newton solvers under test:
 * bisection on a monotone derivative, golden-section search on a unimodal function, and Nelder–Mead
 * (J.A. Nelder, R. Mead, Comput. J. 7 (1965) 308) with restarts for whole-model NLLs.
 */

/** Root of an increasing function on [lo, hi] by 200 halvings (to the last ulp); lo if g(lo) ≥ 0. */
export function bisectIncreasing(g: (x: number) => number, lo: number, hi: number): number {
  if (g(lo) >= 0) return lo;
  let a = lo;
  let b = hi;
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (a + b);
    if (g(mid) > 0) b = mid;
    else a = mid;
  }
  return 0.5 * (a + b);
}

/** Minimiser of a unimodal function on [lo, hi] by golden-section search (300 steps). */
export function goldenArgMin(f: (x: number) => number, lo: number, hi: number): number {
  const r = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - r * (b - a);
  let d = a + r * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 300; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - r * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + r * (b - a);
      fd = f(d);
    }
  }
  const x = 0.5 * (a + b);
  return f(lo) <= f(x) ? lo : x;
}

/**
 * Nelder–Mead on R^d from x0 with initial steps `step`, restarted from the best point until a restart
 * no longer improves by more than 1e-13. Returns the best point and value.
 */
export function nelderMead(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  step: readonly number[],
  maxEvaluations = 200_000,
): { x: number[]; value: number } {
  const d = x0.length;
  let best = [...x0];
  let bestValue = f(best);
  let evals = 0;
  for (let restart = 0; restart < 50 && evals < maxEvaluations; restart++) {
    const simplex: number[][] = [best];
    for (let j = 0; j < d; j++) {
      const p = [...best];
      p[j] = (p[j] as number) + (step[j] as number) * Math.pow(0.5, restart % 6);
      simplex.push(p);
    }
    let values = simplex.map((p) => f(p));
    evals += d + 1;
    for (let it = 0; it < 20_000 && evals < maxEvaluations; it++) {
      const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
      const s = order.map(([, i]) => simplex[i] as number[]);
      const v = order.map(([val]) => val);
      const lo = v[0] as number;
      const hi = v[d] as number;
      if (Math.abs(hi - lo) <= 1e-15 * (1 + Math.abs(lo))) {
        simplex.splice(0, simplex.length, ...s);
        values = v;
        break;
      }
      const centroid = new Array<number>(d).fill(0);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) centroid[j]! += (s[i]![j] as number) / d;
      const worst = s[d] as number[];
      const along = (t: number) => centroid.map((c, j) => c + t * (c - (worst[j] as number)));
      const xr = along(1);
      const fr = f(xr);
      evals++;
      if (fr < lo) {
        const xe = along(2);
        const fe = f(xe);
        evals++;
        s[d] = fe < fr ? xe : xr;
        v[d] = Math.min(fe, fr);
      } else if (fr < (v[d - 1] as number)) {
        s[d] = xr;
        v[d] = fr;
      } else {
        const xc = fr < hi ? along(0.5) : along(-0.5);
        const fcv = f(xc);
        evals++;
        if (fcv < Math.min(fr, hi)) {
          s[d] = xc;
          v[d] = fcv;
        } else {
          for (let i = 1; i <= d; i++) {
            s[i] = s[i]!.map((x, j) => (s[0]![j] as number) + 0.5 * (x - (s[0]![j] as number)));
            v[i] = f(s[i]!);
            evals++;
          }
        }
      }
      simplex.splice(0, simplex.length, ...s);
      values = v;
    }
    const i = values.indexOf(Math.min(...values));
    const improved = bestValue - (values[i] as number);
    if (values[i]! < bestValue) {
      best = [...(simplex[i] as number[])];
      bestValue = values[i] as number;
    }
    if (restart >= 3 && improved <= 1e-13) break;
  }
  return { x: best, value: bestValue };
}
