/**
 * One projection of a setup: expected counts per bin (α = 0, α = 1, the true model, background), the α
 * and q² ranges covered, and the Asimov sensitivity — median expected p-values and significances for
 * excluding α = 1, α = 0 and optionally a user's α, with ±1σ/±2σ bands (Asimov, and from toys on
 * request), the expected α intervals per bin and combined — plus an optional exposure scan.
 */
import type { ResolvedSetup } from '../data/index.js';
import { endPointMeV, SECONDS_PER_DAY, totalFlux } from '../physics/index.js';
import { asimovInterval, asimovTest, countingModelFor, setupLikelihood } from './asimov.js';
import { checkCountsRepresentable, expectedCounts, setupCoverage } from './expected.js';
import { buildResponse, type SetupResponse } from './response.js';
import { CROSSING_SEARCH, exposureScan, type ScanOptions } from './scan.js';
import { toyBands, type ToyOptions } from './toys.js';
import type {
  AlphaInterval,
  BinSensitivity,
  ExpectedCounts,
  ExposureScan,
  HypothesisTest,
  SetupCoverage,
} from './types.js';

export interface ProjectOptions {
  /** Exposure [kg·s] instead of the setup's mass × live time. */
  readonly exposureKgS?: number;
  /** A user's α to test (two-sided), besides α = 1 and α = 0. */
  readonly alphaTest?: number;
  /** Toy bands (absent: Asimov bands only). */
  readonly toys?: ToyOptions;
  /** Expected α intervals (combined and per bin); default true. */
  readonly intervals?: boolean;
  /** Exposure scan (absent: none). */
  readonly scan?: ScanOptions;
}

/** What the output shows about the setup itself. */
export interface SetupSummary {
  readonly name: string;
  readonly source: string;
  readonly description: string;
  readonly references: readonly string[];
  readonly target: string;
  readonly nuclei: readonly string[];
  readonly neutrinos: string;
  readonly totalFluxPerCm2PerS: number;
  readonly endPointMeV: number;
  readonly massKg: number;
  readonly liveTimeDays: number;
  readonly threshold: string;
  readonly thresholdKeVnr: readonly number[];
  readonly quenching: string | null;
  readonly resolution: string | null;
  readonly efficiency: string;
  readonly background: string;
  readonly signalNormRelUncertainty: number;
  readonly observedUnit: string;
  readonly binEdges: readonly number[];
  readonly model: string;
  readonly epsilon: number;
}

export interface Projection {
  readonly setup: SetupSummary;
  readonly exposureKgDay: number;
  readonly expected: ExpectedCounts;
  readonly coverage: SetupCoverage;
  /** α = 1, α = 0, then the user's α if any. */
  readonly tests: readonly HypothesisTest[];
  readonly combined: { readonly interval68: AlphaInterval; readonly interval90: AlphaInterval } | null;
  readonly bins: readonly BinSensitivity[];
  readonly scan?: ExposureScan;
  readonly method: string;
}

function resolutionText(sigma0: number, a: number, unit: string): string {
  const terms = [
    ...(sigma0 > 0 ? [`(${sigma0.toPrecision(3)} ${unit})²`] : []),
    ...(a > 0 ? [`(${a.toPrecision(3)} √${unit})²·E`] : []),
  ];
  return `Gaussian, σ² = ${terms.length > 0 ? terms.join(' + ') : '0'}`;
}

function summary(s: ResolvedSetup, coverage: SetupCoverage): SetupSummary {
  const unit = `keV${s.observedScale}`;
  const r = s.resolution;
  return {
    name: s.name,
    source: s.source,
    description: s.description,
    references: s.references,
    target: s.target.label,
    nuclei: s.nuclei.map((n) => n.label),
    neutrinos: s.spectrum.description,
    totalFluxPerCm2PerS: totalFlux(s.spectrum),
    endPointMeV: endPointMeV(s.spectrum),
    massKg: s.massKg,
    liveTimeDays: s.liveTimeS / SECONDS_PER_DAY,
    threshold: `${Number(s.spec.threshold.value.toPrecision(4))} ${s.spec.threshold.unit}`,
    thresholdKeVnr: coverage.thresholdKeVnr,
    quenching: s.quenchingLabel ?? null,
    resolution: r === undefined ? null : resolutionText(r.sigma0KeV, r.stochasticSqrtKeV, unit),
    efficiency: s.efficiency.label,
    background: s.background.label,
    signalNormRelUncertainty: s.signalNormRelUncertainty,
    observedUnit: unit,
    binEdges: s.binEdgesKeV,
    model: s.model.label,
    epsilon: s.epsilon,
  };
}

/** Project a folded response (reuse one `buildResponse` for many exposures or options). */
export function projectResponse(resp: SetupResponse, opts: ProjectOptions = {}): Projection {
  const s = resp.setup;
  const exposure = opts.exposureKgS ?? s.exposureKgS;
  checkCountsRepresentable(
    resp,
    exposure,
    opts.exposureKgS === undefined ? 'mass × liveTime' : 'the exposure',
  );
  if (opts.scan !== undefined) {
    const top = Math.max(opts.scan.toKgS ?? s.exposureKgS * 1000, s.exposureKgS * CROSSING_SEARCH.above);
    checkCountsRepresentable(resp, top, 'the largest exposure of the scan');
  }
  const expected = expectedCounts(resp, exposure);
  const coverage = setupCoverage(resp, s.model.gamma);
  const m = countingModelFor(s, expected);
  const lik = setupLikelihood(m);
  const alphas = [1, 0, ...(opts.alphaTest === undefined ? [] : [opts.alphaTest])];
  let tests = alphas.map((a) => asimovTest(lik, a));
  if (opts.toys !== undefined && opts.toys.nToys > 0) {
    const bands = toyBands(m, lik, alphas, opts.toys);
    tests = tests.map((t, i) => ({ ...t, toys: bands[i]! }));
  }
  const withIntervals = opts.intervals ?? true;
  const combined = withIntervals
    ? { interval68: asimovInterval(lik, 0.6827), interval90: asimovInterval(lik, 0.9) }
    : null;
  const bins: BinSensitivity[] = expected.bins.map((b) => {
    const k = m.binIndex.indexOf(b.index);
    const informative = k >= 0 && b.signal1 > b.signal0;
    return {
      index: b.index,
      interval68: withIntervals && informative ? asimovInterval(lik.bin(k), 0.6827) : null,
    };
  });
  return {
    setup: summary(s, coverage),
    exposureKgDay: exposure / SECONDS_PER_DAY,
    expected,
    coverage,
    tests,
    combined,
    bins,
    ...(opts.scan === undefined ? {} : { scan: exposureScan(resp, opts.scan) }),
    method:
      'Asimov dataset of the true model; profile likelihood with α ∈ [0, 1] (CCGV 2011): one-sided q1 = t̃(1), q0 = t̃(0) with the two-boundary asymptotics (Z = √q up to the far branch point), two-sided t̃(α) for a user α; intervals by t̃ inversion; bands Z_A ± N',
  };
}

/** Fold and project a resolved setup. */
export function projectSetup(setup: ResolvedSetup, opts: ProjectOptions = {}): Projection {
  return projectResponse(buildResponse(setup), opts);
}
