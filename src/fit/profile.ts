/**
 * Profile-likelihood intervals (MINOS-like: F. James, "MINUIT Reference Manual", CERN D506, §7.3;
 * F. James, "Statistical Methods in Experimental Physics", 2nd ed., §9.3): for a parameter θ,
 *
 *   ΔS(t) = min_{other parameters} S(θ = t) − S_min,
 *
 * and the interval is {t : ΔS(t) ≤ δ} with δ = 1 for a 68.27 % interval (Wilks' theorem for one
 * parameter). Each side is scanned outward from θ̂ in steps that start at the covariance error and
 * grow, until ΔS ≥ δ brackets the crossing or the parameter's bound is reached (then that side is
 * "open": the data do not constrain θ there at this level). The crossing is found by false position
 * with the Illinois modification (M. Dowell, P. Jarratt, BIT 11 (1971) 168), each conditional fit
 * warm-started from the nearest one already done.
 */
import { FitError } from '../errors.js';
import { minimize } from './minimize.js';
import type { FitResult, LmOptions, ProfileInterval, ResidualProblem } from './types.js';

export interface ProfileOptions {
  /** ΔS of the interval (1 → 68.27 %, 2.706 → 90 % for one parameter). Default 1. */
  readonly delta?: number;
  /** Points of the stored ΔS curve (0 = none). */
  readonly curvePoints?: number;
  readonly lm?: LmOptions;
}

interface Point {
  readonly t: number;
  readonly d: number;
  readonly vec: Float64Array;
}

const MAX_BRACKET_STEPS = 40;
const MAX_ROOT_STEPS = 40;

export function profileInterval(
  problem: ResidualProblem,
  best: FitResult,
  name: string,
  opts: ProfileOptions = {},
): ProfileInterval {
  const j = problem.parameters.findIndex((q) => q.name === name);
  const spec = problem.parameters[j];
  if (!spec || spec.fixed)
    throw new FitError('invalid_input', `profile: "${name}" is not a free parameter`, [name]);
  const delta = opts.delta ?? 1;
  const lm = opts.lm ?? {};
  const v0 = best.values[name] as number;
  const lo = spec.lower ?? -Infinity;
  const hi = spec.upper ?? Infinity;
  const typical = spec.scale ?? (spec.initial !== 0 ? Math.abs(spec.initial) : 1);
  const err = best.errors?.[name];
  const step0 = err !== undefined && err > 0 && Number.isFinite(err) ? err : typical;
  const conditional: ResidualProblem = {
    ...problem,
    parameters: problem.parameters.map((q, i) => (i === j ? { ...q, fixed: true } : q)),
  };
  const bestVec = Float64Array.from(problem.parameters, (q) => best.values[q.name] as number);
  const messages: string[] = [];
  let fits = 0;
  let valid = best.diagnostics.converged;
  const points: Point[] = [{ t: v0, d: 0, vec: bestVec }];
  const nearest = (t: number): Point =>
    points.reduce((a, b) => (Math.abs(b.t - t) < Math.abs(a.t - t) ? b : a), points[0] as Point);
  const evalAt = (t: number): Point => {
    const start = Float64Array.from(nearest(t).vec);
    start[j] = t;
    const res = minimize(conditional, lm, start);
    fits++;
    if (!res.diagnostics.converged) valid = false;
    const d = res.chi2 - best.chi2;
    if (d < -1e-6 * Math.max(1, best.chi2)) {
      valid = false;
      if (!messages.some((m) => m.startsWith('lower minimum'))) {
        messages.push(
          `lower minimum found at ${name} = ${t} (ΔS = ${d.toPrecision(3)}): the global fit is not the minimum`,
        );
      }
    }
    const pt: Point = {
      t,
      d,
      vec: Float64Array.from(problem.parameters, (q) => res.values[q.name] as number),
    };
    points.push(pt);
    return pt;
  };

  const side = (dir: 1 | -1): { limit: number; open: boolean } => {
    const bound = dir > 0 ? hi : lo;
    let prev = points[0] as Point;
    let step = step0;
    for (let k = 0; k < MAX_BRACKET_STEPS; k++) {
      let t = v0 + dir * step;
      const atBound = dir > 0 ? t >= bound : t <= bound;
      if (atBound) t = bound;
      if (t === prev.t) return { limit: bound, open: true };
      const pt = evalAt(t);
      if (pt.d >= delta) return { limit: crossing(prev, pt), open: false };
      if (atBound) return { limit: bound, open: true };
      // Grow the step toward the parabolic estimate of the crossing, at least ×1.5, at most ×4.
      const factor = pt.d > 0 ? Math.sqrt(delta / pt.d) * 1.1 : 2;
      step *= Math.min(4, Math.max(1.5, factor));
      prev = pt;
    }
    messages.push(
      `no ΔS = ${delta} crossing found on the ${dir > 0 ? 'upper' : 'lower'} side within ${MAX_BRACKET_STEPS} steps`,
    );
    valid = false;
    return { limit: prev.t, open: true };
  };

  /** Illinois false position for ΔS(t) = δ between a (below) and b (at or above). */
  const crossing = (a0: Point, b0: Point): number => {
    let a = a0.t;
    let fa = a0.d - delta;
    let b = b0.t;
    let fb = b0.d - delta;
    const tolT = 1e-9 * Math.max(Math.abs(v0), step0);
    for (let k = 0; k < MAX_ROOT_STEPS; k++) {
      if (Math.abs(fb) < 1e-4 * delta || Math.abs(b - a) < tolT) return b;
      let x = b - (fb * (b - a)) / (fb - fa);
      if (!(x > Math.min(a, b) && x < Math.max(a, b))) x = 0.5 * (a + b);
      const fx = evalAt(x).d - delta;
      if (fx * fb < 0) {
        a = b;
        fa = fb;
      } else {
        fa *= 0.5;
      }
      b = x;
      fb = fx;
    }
    return b;
  };

  const up = side(1);
  const down = side(-1);
  if (down.open)
    messages.push(`${name}: ΔS < ${delta} down to the lower bound ${lo}: no lower limit from the data`);
  if (up.open)
    messages.push(`${name}: ΔS < ${delta} up to the upper bound ${hi}: no upper limit from the data`);
  let curve: { value: number; deltaChi2: number }[] | undefined;
  const nCurve = opts.curvePoints ?? 0;
  if (nCurve > 1) {
    const span = (x: number): number => (Number.isFinite(x) ? x : 3 * step0);
    const a = Math.max(lo, down.limit - 0.5 * span(v0 - down.limit));
    const b = Math.min(hi, up.limit + 0.5 * span(up.limit - v0));
    const grid = Array.from({ length: nCurve }, (_, i) => a + ((b - a) * i) / (nCurve - 1));
    const order = [...grid].sort((x, y) => Math.abs(x - v0) - Math.abs(y - v0));
    const dOf = new Map<number, number>();
    for (const t of order) dOf.set(t, t === v0 ? 0 : evalAt(t).d);
    curve = grid.map((t) => ({ value: t, deltaChi2: dOf.get(t) as number }));
  }
  return {
    name,
    value: v0,
    delta,
    lower: down.limit,
    upper: up.limit,
    errorLow: v0 - down.limit,
    errorHigh: up.limit - v0,
    lowerOpen: down.open,
    upperOpen: up.open,
    valid,
    fits,
    messages,
    ...(curve ? { curve } : {}),
  };
}
