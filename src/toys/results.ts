/**
 * From a job and the tallies of its units to the result objects (toys: p-values and FC intervals;
 * coverage: covered fractions). A pure function of (job, set of unit tallies): the counts are integers
 * summed per task, so a single run, any number of workers, and merged shards give the same bytes
 * (`resultJson`).
 */
import { significance, type PValueMethod } from '../likelihood/index.js';
import { SpecError } from '../errors.js';
import { jobUnits } from './chunks.js';
import type { CoverageSummary } from './coverage.js';
import type { BinPlan, CombinedPlan, ToysSummary } from './plan.js';
import { fcAccepted, finiteOrNull, fraction, toyPValue } from './stats.js';
import type { Fraction, ToyPValue } from './stats.js';
import type { BinTask, ToyJob, UnitTally } from './types.js';

export const TOYS_RESULT_SCHEMA = 'cevns-coherency/toys-result@1';
export const COVERAGE_RESULT_SCHEMA = 'cevns-coherency/coverage-result@1';

/** Sum of the chunk tallies per task; throws if a (task, chunk) appears twice. */
export function sumTallies(
  job: ToyJob,
  units: readonly UnitTally[],
): { counts: number[][]; missingUnits: number[] } {
  const all = jobUnits(job);
  const seenUnits = new Set<number>();
  const seenChunks = new Set<string>();
  const counts: number[][] = job.tasks.map(() => []);
  for (const u of [...units].sort((a, b) => a.unit - b.unit)) {
    if (seenUnits.has(u.unit)) {
      throw new SpecError('invalid_input', `unit ${u.unit} appears twice (overlapping shards?)`, [
        'units',
        u.unit,
      ]);
    }
    if (!(u.unit >= 0 && u.unit < all.length)) {
      throw new SpecError('invalid_input', `unit ${u.unit} is outside the job (0–${all.length - 1})`, [
        'units',
      ]);
    }
    seenUnits.add(u.unit);
    for (const c of u.chunks) {
      const key = `${c.task}#${c.chunk}`;
      if (seenChunks.has(key)) {
        throw new SpecError('invalid_input', `chunk ${key} appears twice`, ['units', u.unit]);
      }
      seenChunks.add(key);
      const acc = counts[c.task];
      if (acc === undefined)
        throw new SpecError('invalid_input', `chunk of unknown task ${c.task}`, ['units']);
      c.counts.forEach((v, i) => {
        acc[i] = (acc[i] ?? 0) + v;
      });
    }
  }
  const missingUnits: number[] = [];
  for (let u = 0; u < all.length; u++) if (!seenUnits.has(u)) missingUnits.push(u);
  return { counts, missingUnits };
}

export interface AsymptoticP {
  readonly pValue: number;
  readonly z: number | null;
  /** The asymptotic distribution it comes from (likelihood methods.ts). */
  readonly method: PValueMethod;
}

function asym(p: number, method: PValueMethod): AsymptoticP {
  return { pValue: p, z: finiteOrNull(significance(p)), method };
}

export interface BoundaryToys {
  readonly poi: 0 | 1;
  /** Observed q = t̃(poi). */
  readonly q: number;
  readonly asymptotic: AsymptoticP;
  readonly toys: ToyPValue;
}

export interface FcPoint {
  readonly poi: number;
  readonly t: number;
  readonly pAsymptotic: number;
  readonly pToys: number;
  readonly mcError: number;
  readonly nToys: number;
  /** FC acceptance of poi at each CL (order of `settings.cls`). */
  readonly accepted: readonly boolean[];
}

export interface IntervalPair {
  readonly cl: number;
  /** Feldman–Cousins: edges interpolated between accepted and rejected grid points (see `fcInterval`). */
  readonly lower: number | null;
  readonly upper: number | null;
  /** Whether the accepted grid points were one piece. */
  readonly connected: boolean;
  /** No grid point accepted: the interval is narrower than the grid; the cell holding p̂oi is reported. */
  readonly belowGridResolution: boolean;
  /** Asymptotic (likelihood `poiInterval`). */
  readonly asymptotic: { readonly lower: number; readonly upper: number };
}

export interface BinToysResult {
  readonly bin: number;
  readonly label: string;
  readonly poiHat: number;
  readonly alpha1: BoundaryToys;
  readonly alpha0: BoundaryToys;
  readonly fc: {
    readonly step: number;
    readonly intervals: readonly IntervalPair[];
    readonly points: readonly FcPoint[];
  };
}

export interface CombinedToys {
  readonly poi: 0 | 1;
  readonly poiHat: number;
  /** Shared α in every bin, q = t̃(poi). */
  readonly shared: { readonly q: number; readonly asymptotic: AsymptoticP; readonly toys: ToyPValue };
  /** Each bin its own α (bounded χ̄² asymptotics). */
  readonly global: {
    readonly lambda: number;
    readonly dof: number;
    readonly asymptotic: AsymptoticP;
    readonly toys: ToyPValue;
  };
  /** The most significant single bin, with the look-elsewhere effect: Šidák vs toys (max local Z²). */
  readonly mostSignificant: {
    readonly bin: number;
    readonly q: number;
    readonly pLocal: number;
    readonly asymptotic: AsymptoticP;
    readonly toys: ToyPValue;
  };
}

export interface ToysResult {
  readonly schema: typeof TOYS_RESULT_SCHEMA;
  readonly kind: 'toys';
  readonly source: ToyJob['source'];
  readonly jobHash: string;
  readonly complete: boolean;
  readonly missingUnits: number;
  readonly settings: {
    readonly seed: string;
    readonly nToys: number;
    readonly fcToys: number;
    readonly combinedToys: number;
    readonly alphaStep: number;
    readonly cls: readonly number[];
    readonly chunkToys: number;
    readonly chunkCombined: number;
  };
  readonly bins: readonly BinToysResult[];
  readonly combined: readonly CombinedToys[];
}

/** Display label of a bin: the source's label, or "bin i". */
export function binLabel(job: ToyJob, bin: number): string {
  return job.source.binLabels?.[bin] ?? `bin ${bin}`;
}

function countsOf(counts: number[][], task: number): number[] {
  return counts[task] ?? [];
}

/**
 * The Feldman–Cousins interval at one CL from the accepted grid points. The span of accepted grid
 * points alone would shrink the interval inwards by up to one grid step on each side (and could exclude
 * p̂oi), so each edge is interpolated linearly in the toy p-value between the last rejected and the first
 * accepted grid point, where p_toys crosses 1 − CL, and the hull always contains p̂oi. If no grid point
 * is accepted (an interval narrower than the grid), the grid cell holding p̂oi is reported and flagged.
 */
function fcInterval(plan: BinPlan, points: readonly FcPoint[], c: number, cl: number): IntervalPair {
  const grid = plan.grid;
  const acc = points.flatMap((p, j) => (p.accepted[c] ? [j] : []));
  const first = acc[0];
  const last = acc[acc.length - 1];
  const a = plan.asymptoticIntervals[c] ?? { lower: NaN, upper: NaN };
  const crossing = (rejected: number, accepted: number): number => {
    const pr = (points[rejected]?.pToys ?? NaN) - (1 - cl);
    const pa = (points[accepted]?.pToys ?? NaN) - (1 - cl);
    const xr = grid[rejected] as number;
    const xa = grid[accepted] as number;
    return pa > pr && pr <= 0 ? xr + ((0 - pr) / (pa - pr)) * (xa - xr) : xa;
  };
  if (first === undefined || last === undefined) {
    let j = 0;
    while (j + 2 < grid.length && (grid[j + 1] as number) <= plan.poiHat) j++;
    return {
      cl,
      lower: grid[j] as number,
      upper: grid[j + 1] ?? (grid[j] as number),
      connected: true,
      belowGridResolution: true,
      asymptotic: { lower: a.lower, upper: a.upper },
    };
  }
  const lower = first > 0 ? crossing(first - 1, first) : (grid[first] as number);
  const upper = last < grid.length - 1 ? crossing(last + 1, last) : (grid[last] as number);
  return {
    cl,
    lower: Math.min(lower, plan.poiHat),
    upper: Math.max(upper, plan.poiHat),
    connected: last - first + 1 === acc.length,
    belowGridResolution: false,
    asymptotic: { lower: a.lower, upper: a.upper },
  };
}

function binResult(job: ToyJob, plan: BinPlan, counts: number[][], step: number): BinToysResult {
  const cls = job.settings.cls;
  const points: FcPoint[] = plan.grid.map((poi, j) => {
    const t = plan.tasks[j] as number;
    const task = job.tasks[t] as BinTask;
    const [n = 0, k = 0] = countsOf(counts, t);
    return {
      poi,
      t: task.tObs,
      pAsymptotic: plan.pAsymptotic[j] as number,
      pToys: n > 0 ? k / n : NaN,
      mcError: n > 0 ? Math.sqrt(((k / n) * (1 - k / n)) / n) : NaN,
      nToys: n,
      accepted: cls.map((cl) => fcAccepted(task.tObs, k, n, cl)),
    };
  });
  const intervals: IntervalPair[] = cls.map((cl, c) => fcInterval(plan, points, c, cl));
  const boundary = (poi: 0 | 1): BoundaryToys => {
    const t = plan.tasks[poi === 0 ? 0 : plan.tasks.length - 1] as number;
    const [n = 0, k = 0, failed = 0] = countsOf(counts, t);
    return {
      poi,
      q: poi === 1 ? plan.q1 : plan.q0,
      asymptotic: asym(
        poi === 1 ? plan.p1Asymptotic : plan.p0Asymptotic,
        poi === 1 ? plan.p1Method : plan.p0Method,
      ),
      toys: toyPValue(k, n, failed),
    };
  };
  return {
    bin: plan.bin,
    label: binLabel(job, plan.bin),
    poiHat: plan.poiHat,
    alpha1: boundary(1),
    alpha0: boundary(0),
    fc: { step, intervals, points },
  };
}

function combinedResult(plan: CombinedPlan, counts: number[][]): CombinedToys {
  const [n = 0, kShared = 0, kGlobal = 0, kLocal = 0, failed = 0] = countsOf(counts, plan.task);
  return {
    poi: plan.poi,
    poiHat: plan.poiHat,
    shared: {
      q: plan.q,
      asymptotic: asym(plan.pAsymptotic, plan.pMethod),
      toys: toyPValue(kShared, n, failed),
    },
    global: {
      lambda: plan.lambda,
      dof: plan.dof,
      asymptotic: asym(plan.lambdaPAsymptotic, {
        kind: 'asymptotic',
        distribution: 'bounded-chi-bar-squared',
        bins: plan.dof,
      }),
      toys: toyPValue(kGlobal, n, failed),
    },
    mostSignificant: {
      bin: plan.mostSignificantBin,
      q: plan.maxLocalQ,
      pLocal: plan.maxLocalPLocal,
      asymptotic: asym(plan.maxLocalPSidak, { kind: 'asymptotic', distribution: 'sidak', bins: plan.dof }),
      toys: toyPValue(kLocal, n, failed),
    },
  };
}

/** The toys result of a `planToys` job from (some or all of) its unit tallies. */
export function toysResult(job: ToyJob, units: readonly UnitTally[]): ToysResult {
  const summary = job.summary as ToysSummary;
  if (job.kind !== 'toys' || summary.kind !== 'toys') {
    throw new SpecError('invalid_input', `expected a toys job, got ${job.kind}`, ['kind']);
  }
  const { counts, missingUnits } = sumTallies(job, units);
  return {
    schema: TOYS_RESULT_SCHEMA,
    kind: 'toys',
    source: job.source,
    jobHash: job.hash,
    complete: missingUnits.length === 0,
    missingUnits: missingUnits.length,
    settings: {
      seed: job.settings.seed,
      nToys: summary.nToys,
      fcToys: summary.fcToys,
      combinedToys: summary.combinedToys,
      alphaStep: summary.alphaStep,
      cls: job.settings.cls,
      chunkToys: job.settings.chunkToys,
      chunkCombined: job.settings.chunkCombined,
    },
    bins: summary.bins.map((b) => binResult(job, b, counts, summary.alphaStep)),
    combined: summary.combined.map((c) => combinedResult(c, counts)),
  };
}

export type CoverageMethod = 'feldmanCousins' | 'asymptotic' | 'deltaChi2';
export const COVERAGE_METHODS: readonly CoverageMethod[] = ['feldmanCousins', 'asymptotic', 'deltaChi2'];

export interface CoveragePoint {
  readonly bin: number;
  readonly label: string;
  readonly poi: number;
  readonly cl: number;
  readonly method: CoverageMethod;
  readonly coverage: Fraction;
  /** (coverage − CL)/MC error: how many standard errors from nominal (null without error). */
  readonly pull: number | null;
  readonly failed: number;
}

export interface CoverageResult {
  readonly schema: typeof COVERAGE_RESULT_SCHEMA;
  readonly kind: 'coverage';
  readonly source: ToyJob['source'];
  readonly jobHash: string;
  readonly complete: boolean;
  readonly missingUnits: number;
  readonly settings: {
    readonly seed: string;
    readonly alphaStep: number;
    readonly nExperiments: number;
    readonly innerToys: number;
    readonly cls: readonly number[];
    readonly chunkExperiments: number;
  };
  readonly points: readonly CoveragePoint[];
}

/** The coverage result of a `planCoverage` job. */
export function coverageResult(job: ToyJob, units: readonly UnitTally[]): CoverageResult {
  const summary = job.summary as CoverageSummary;
  if (job.kind !== 'coverage' || summary.kind !== 'coverage') {
    throw new SpecError('invalid_input', `expected a coverage job, got ${job.kind}`, ['kind']);
  }
  const { counts, missingUnits } = sumTallies(job, units);
  const cls = job.settings.cls;
  const points: CoveragePoint[] = [];
  for (const p of summary.points) {
    const c = countsOf(counts, p.task);
    const n = c[0] ?? 0;
    const failed = c[1 + 3 * cls.length] ?? 0;
    cls.forEach((cl, j) => {
      COVERAGE_METHODS.forEach((method, m) => {
        const cov = fraction(c[1 + 3 * j + m] ?? 0, n);
        const pull = cov.mcError > 0 ? (cov.value - cl) / cov.mcError : null;
        points.push({
          bin: p.bin,
          label: binLabel(job, p.bin),
          poi: p.poi,
          cl,
          method,
          coverage: cov,
          pull,
          failed,
        });
      });
    });
  }
  return {
    schema: COVERAGE_RESULT_SCHEMA,
    kind: 'coverage',
    source: job.source,
    jobHash: job.hash,
    complete: missingUnits.length === 0,
    missingUnits: missingUnits.length,
    settings: {
      seed: job.settings.seed,
      alphaStep: summary.alphaStep,
      nExperiments: summary.nExperiments,
      innerToys: summary.innerToys,
      cls,
      chunkExperiments: job.settings.chunkExperiments,
    },
    points,
  };
}

export type JobResult = ToysResult | CoverageResult;

/** The result of any job kind. */
export function jobResult(job: ToyJob, units: readonly UnitTally[]): JobResult {
  return job.kind === 'toys' ? toysResult(job, units) : coverageResult(job, units);
}

/** The canonical text of a result (2-space JSON, final newline; ±∞/NaN written as null). */
export function resultJson(result: JobResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
