/**
 * From a job and the tallies of its units to the result objects (toys: p-values and FC intervals;
 * coverage: covered fractions). A pure function of (job, set of unit tallies): the counts are integers
 * summed per task, so a single run, any number of workers, and merged shards give the same bytes
 * (`resultJson`).
 */
import { SpecError } from '../errors.js';
import { jobUnits } from './chunks.js';
import type { CoverageSummary } from './coverage.js';
import type { BinPlan, CombinedPlan, ToysSummary } from './plan.js';
import { asym, countsOf, fcInterval, fcPoint } from './fcResults.js';
import type { AsymptoticP, FcPoint, IntervalPair } from './fcResults.js';
import { fraction, toyPValue } from './stats.js';
import type { Fraction, ToyPValue } from './stats.js';
import type { BinTask, ToyJob, UnitTally } from './types.js';
import { analysisResults } from './modelResults.js';
import type { ToyAnalysisResult } from './modelResults.js';

export const TOYS_RESULT_SCHEMA = 'cevns-coherency/toys-result@2';
export type { AsymptoticP, FcPoint, IntervalPair } from './fcResults.js';

export const COVERAGE_RESULT_SCHEMA = 'cevns-coherency/coverage-result@2';

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

export interface BoundaryToys {
  readonly poi: 0 | 1;
  /** Observed q = t̃(poi). */
  readonly q: number;
  readonly asymptotic: AsymptoticP;
  readonly toys: ToyPValue;
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
    readonly chunkFits: number;
    /** The general-engine analyses: toys at the grid ends, 2-D grid step, limits. */
    readonly analysisToys: number;
    readonly analysisFcToys: number;
    readonly regionStep: number;
    readonly limit: ToysSummary['limit'];
    readonly clsMethod: boolean;
  };
  readonly bins: readonly BinToysResult[];
  readonly combined: readonly CombinedToys[];
  /** General-engine analyses (combined fits, bands, workspaces, ξ ± σ, 2-D regions). */
  readonly analyses: readonly ToyAnalysisResult[];
}

/** Display label of a bin: the source's label, or "bin i". */
export function binLabel(job: ToyJob, bin: number): string {
  return job.source.binLabels?.[bin] ?? `bin ${bin}`;
}

function binResult(job: ToyJob, plan: BinPlan, counts: number[][], step: number): BinToysResult {
  const cls = job.settings.cls;
  const points: FcPoint[] = plan.grid.map((poi, j) => {
    const t = plan.tasks[j] as number;
    const task = job.tasks[t] as BinTask;
    const [n = 0, k = 0] = countsOf(counts, t);
    return fcPoint(poi, task.tObs, plan.pAsymptotic[j] as number, k, n, cls);
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
      chunkFits: job.settings.chunkFits,
      analysisToys: summary.analysisToys,
      analysisFcToys: summary.analysisFcToys,
      regionStep: summary.regionStep,
      limit: summary.limit,
      clsMethod: summary.clsMethod,
    },
    bins: summary.bins.map((b) => binResult(job, b, counts, summary.alphaStep)),
    combined: summary.combined.map((c) => combinedResult(c, counts)),
    analyses: analysisResults(job, summary.analyses, counts),
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

/** Coverage of a general-engine analysis at one true point, CL and method. */
export interface AnalysisCoverageResultPoint {
  readonly key: string;
  readonly label: string;
  readonly pois: readonly string[];
  readonly truth: readonly number[];
  readonly cl: number;
  /** feldmanCousins, asymptotic (one POI), deltaChi2 (Wilks, k POIs), upperLimit/lowerLimit. */
  readonly method: string;
  readonly coverage: Fraction;
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
  readonly analyses: readonly AnalysisCoverageResultPoint[];
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
    analyses: summary.analyses.flatMap((p) => {
      const c = countsOf(counts, p.task);
      const n = c[0] ?? 0;
      const M = p.methods.length;
      const failed = c[1 + M * cls.length] ?? 0;
      return cls.flatMap((cl, j) =>
        p.methods.map((method, m): AnalysisCoverageResultPoint => {
          const cov = fraction(c[1 + M * j + m] ?? 0, n);
          return {
            key: p.key,
            label: p.label,
            pois: p.pois,
            truth: p.truth,
            cl,
            method,
            coverage: cov,
            pull: cov.mcError > 0 ? (cov.value - cl) / cov.mcError : null,
            failed,
          };
        }),
      );
    }),
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
