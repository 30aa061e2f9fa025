/**
 * Expected counts of a setup per bin — at α = 0, α = 1, and for the setup's "true" Γ model (Helm by
 * default) — with the α and q² ranges each bin and the whole setup cover (the paper's Eq. 10 and
 * Fig. 7 for this detector):
 *
 * - per bin: the nominal recoil range [T(E_lo), T(E_hi)] through the mean detector response, its q²
 *   range (q² = 2MT + T²) and the model's α at its ends; the effective α the counts measure,
 *   α_eff = (s_model − s0)/(s1 − s0) (Eq. 6 inverted on the bin's counts); the signal-weighted mean q²;
 * - coverage: the kinematic window T ∈ [0, T_max] (the paper's Eq. 10 convention, T_min = 0), the
 *   window above threshold, and the T range holding the central 90 % of the detected signal, each with
 *   its q² and model-α range; ⟨α⟩ at T_min = 0 (as physics `meanCoherency`, the paper's Fig. 4 and
 *   Table II definition: weights = completely coherent rate) and ⟨α⟩ of the detected signal
 *   (weights = detected completely coherent counts, i.e. after threshold, efficiency and resolution).
 */
import {
  coherencyAtRecoil,
  differentialRate,
  SECONDS_PER_DAY,
  xiOf,
  q2FromRecoil,
  type GammaModel,
  type Nucleus,
} from '../physics/index.js';
import { MAX_COUNT } from '../data/index.js';
import { SpecError } from '../errors.js';
import { signalPerKgS, xiAtNodes, type SetupResponse } from './response.js';
import type { CoverageRange, ExpectedBin, ExpectedCounts, SetupCoverage } from './types.js';

/** α of the model at recoil T [keV_nr] on a nucleus. */
function alphaAt(model: GammaModel, tKeV: number, nucleus: Nucleus, epsilon: number): number {
  return coherencyAtRecoil(tKeV * 1e-3, nucleus, model, { epsilon }).alpha;
}

/** A range over nuclei: T from tLo(k) to tHi(k) on each nucleus k. */
function rangeOver(
  resp: SetupResponse,
  model: GammaModel,
  tOf: (k: number) => readonly [number, number] | undefined,
): CoverageRange | null {
  let tLo = Infinity;
  let tHi = -Infinity;
  let qLo = Infinity;
  let qHi = -Infinity;
  let aLo = Infinity;
  let aHi = -Infinity;
  const eps = resp.setup.epsilon;
  resp.setup.nuclei.forEach((n, k) => {
    const t = tOf(k);
    if (t === undefined || !(t[1] > t[0] || t[1] === t[0])) return;
    const [lo, hi] = t;
    tLo = Math.min(tLo, lo);
    tHi = Math.max(tHi, hi);
    qLo = Math.min(qLo, q2FromRecoil(lo * 1e-3, n.massMeV));
    qHi = Math.max(qHi, q2FromRecoil(hi * 1e-3, n.massMeV));
    for (const x of [lo, hi]) {
      const a = alphaAt(model, x, n, eps);
      aLo = Math.min(aLo, a);
      aHi = Math.max(aHi, a);
    }
  });
  if (!Number.isFinite(tLo)) return null;
  return { tKeVnr: [tLo, tHi], q2MeV2: [qLo, qHi], alpha: [aLo, aHi] };
}

/** T [keV_nr] at which the cumulative detected-signal fraction reaches each of `fractions`. */
function signalQuantiles(resp: SetupResponse, model: GammaModel, fractions: readonly number[]): number[] {
  const pts: { t: number; w: number }[] = [];
  const xis = xiAtNodes(resp, model);
  for (let k = 0; k < resp.nuclei.length; k++) {
    const r = resp.nuclei[k]!;
    const xi = xis[k]!;
    for (let i = 0; i < r.tKeV.length; i++) {
      const w = r.detected[i]! * xi[i]!;
      if (w > 0) pts.push({ t: r.tKeV[i]!, w });
    }
  }
  pts.sort((a, b) => a.t - b.t);
  const total = pts.reduce((s, p) => s + p.w, 0);
  return fractions.map((f) => {
    let c = 0;
    for (const p of pts) {
      c += p.w;
      if (c >= f * total) return p.t;
    }
    return pts.at(-1)?.t ?? NaN;
  });
}

/** Fractions of the detected signal bounding its central 90 %. */
export const SIGNAL_RANGE_FRACTIONS = [0.05, 0.95] as const;

export function setupCoverage(resp: SetupResponse, model: GammaModel): SetupCoverage {
  const s = resp.setup;
  const thrT = s.nuclei.map((n) => s.fromObserved(s.thresholdKeV, n));
  const kinematic = rangeOver(resp, model, (k) => [0, s.endPointKeVnr[k]!]);
  const aboveThreshold = rangeOver(resp, model, (k) =>
    thrT[k]! < s.endPointKeVnr[k]! ? [thrT[k]!, s.endPointKeVnr[k]!] : undefined,
  );
  const [t5, t95] = signalQuantiles(resp, model, SIGNAL_RANGE_FRACTIONS);
  const detected90 =
    t5 !== undefined && t95 !== undefined && Number.isFinite(t5) && Number.isFinite(t95)
      ? rangeOver(resp, model, () => [t5, t95])
      : null;
  // ⟨α⟩ at T_min = 0 on the kinematic grid (equal to physics meanCoherency to < 1e-8, test/sensitivity).
  let wk = 0;
  let wka = 0;
  for (const r of resp.nuclei) {
    const g = r.kinematic;
    for (let i = 0; i < g.tKeV.length; i++) {
      const w = g.weightKeV[i]! * g.coherentRate[i]!;
      if (!(w > 0)) continue;
      const xi = xiOf(model, g.q2MeV2[i]!, r.nucleus, s.epsilon);
      wk += w;
      wka += w * ((xi - r.decoherentXi) / (1 - r.decoherentXi));
    }
  }
  let w = 0;
  let wa = 0;
  const xis = xiAtNodes(resp, model);
  for (let k = 0; k < resp.nuclei.length; k++) {
    const r = resp.nuclei[k]!;
    const xi = xis[k]!;
    for (let i = 0; i < r.tKeV.length; i++) {
      const d = r.detected[i]!;
      if (!(d > 0)) continue;
      w += d;
      wa += d * ((xi[i]! - r.decoherentXi) / (1 - r.decoherentXi));
    }
  }
  return {
    kinematic,
    aboveThreshold,
    detected90,
    thresholdKeVnr: thrT,
    meanAlphaKinematic: wk > 0 ? wka / wk : NaN,
    meanAlphaDetected: w > 0 ? wa / w : null,
  };
}

/** Expected counts and ranges per bin, for an exposure [kg·s]. */
/**
 * Throw SpecError('invalid_setup') naming the setup's inputs when an exposure would predict more events
 * in a bin than a double counts exactly (data MAX_COUNT = 2⁵³ − 1): the likelihood would otherwise meet
 * overflowing or inexact counts and report them under its own internal field names.
 */
export function checkCountsRepresentable(resp: SetupResponse, exposureKgS: number, what: string): void {
  const perKgS = expectedCounts(resp, 1);
  perKgS.bins.forEach((b, j) => {
    const n = (b.background + Math.max(b.signal0, b.signal1, b.signalModel)) * exposureKgS;
    if (!(n <= MAX_COUNT)) {
      throw new SpecError(
        'invalid_setup',
        `${resp.setup.source}: ${what} (${exposureKgS.toExponential(3)} kg·s) predicts ${n.toExponential(2)} events in bin ${j}; at most ${MAX_COUNT.toExponential(2)} per bin are counted exactly in double precision — lower mass, liveTime or the exposure`,
        ['mass'],
      );
    }
  });
}

export function expectedCounts(resp: SetupResponse, exposureKgS: number): ExpectedCounts {
  const s = resp.setup;
  const model = s.model.gamma;
  const s0 = signalPerKgS(resp, { kind: 'alpha', alpha: 0 });
  const s1 = signalPerKgS(resp, { kind: 'alpha', alpha: 1 });
  const sm = signalPerKgS(resp, model);
  // Signal-weighted mean q² per bin (model weights).
  const q2w = new Float64Array(resp.nBins);
  const xis = xiAtNodes(resp, model);
  for (let k = 0; k < resp.nuclei.length; k++) {
    const r = resp.nuclei[k]!;
    const n = r.tKeV.length;
    const xi = xis[k]!;
    for (let j = 0; j < resp.nBins; j++) {
      let acc = 0;
      for (let i = 0; i < n; i++) acc += r.a[j * n + i]! * xi[i]! * r.q2MeV2[i]!;
      q2w[j]! += acc;
    }
  }
  const bins: ExpectedBin[] = [];
  for (let j = 0; j < resp.nBins; j++) {
    const lo = s.binEdgesKeV[j]!;
    const hi = s.binEdgesKeV[j + 1]!;
    const range = rangeOver(resp, model, (k) => {
      const n = s.nuclei[k]!;
      const tMax = s.endPointKeVnr[k]!;
      const a = s.fromObserved(lo, n);
      return a < tMax ? [a, Math.min(s.fromObserved(hi, n), tMax)] : undefined;
    });
    const d = s1[j]! - s0[j]!;
    bins.push({
      index: j,
      loKeV: lo,
      hiKeV: hi,
      tKeVnr: range?.tKeVnr ?? null,
      q2MeV2: range?.q2MeV2 ?? null,
      alphaModel: range?.alpha ?? null,
      background: resp.backgroundPerKgS[j]! * exposureKgS,
      signal0: s0[j]! * exposureKgS,
      signal1: s1[j]! * exposureKgS,
      signalModel: sm[j]! * exposureKgS,
      alphaEff: d > 0 ? (sm[j]! - s0[j]!) / d : null,
      q2MeanMeV2: sm[j]! > 0 ? q2w[j]! / sm[j]! : null,
    });
  }
  const sum = (f: (b: ExpectedBin) => number) => bins.reduce((acc, b) => acc + f(b), 0);
  return {
    exposureKgS,
    bins,
    totals: {
      background: sum((b) => b.background),
      signal0: sum((b) => b.signal0),
      signal1: sum((b) => b.signal1),
      signalModel: sum((b) => b.signalModel),
    },
  };
}

/**
 * Differential rate dR/dT [events / (kg · day · keV_nr)] of the true recoil spectrum for several Γ
 * models on a log grid of T from below the threshold to the kinematic end point (the paper's Fig. 8 for
 * this setup's target and source; no detector response applied).
 */
export function differentialRateCurves(
  resp: SetupResponse,
  models: readonly { readonly label: string; readonly model: GammaModel }[],
  points = 120,
): { tKeV: number; label: string; ratePerKgDayKeV: number }[] {
  const s = resp.setup;
  const tMax = Math.max(...s.endPointKeVnr);
  const thr = Math.min(...s.nuclei.map((n) => s.fromObserved(s.thresholdKeV, n)));
  const lo = Math.max(tMax * 1e-3, Math.min(thr, tMax) * 0.2);
  const out: { tKeV: number; label: string; ratePerKgDayKeV: number }[] = [];
  for (let i = 0; i < points; i++) {
    const t = lo * Math.pow(tMax / lo, i / (points - 1)) * (i === points - 1 ? 1 - 1e-9 : 1);
    for (const m of models) {
      const rate = differentialRate(t * 1e-3, s.target, s.spectrum, m.model, { epsilon: s.epsilon }) * 1e-3;
      out.push({ tKeV: t, label: m.label, ratePerKgDayKeV: rate * SECONDS_PER_DAY });
    }
  }
  return out;
}
