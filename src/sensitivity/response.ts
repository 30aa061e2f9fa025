/**
 * The detector response of a setup, folded once so that expected counts for ANY Γ model cost one pass
 * over precomputed numbers:
 *
 *   counts_j(model) = X · Σ_k Σ_i A_jki · ξ_k(q²_ki; model),
 *   A_jki = w_i · dR_k/dT|_{α=1}(T_ki) · ε(T_ki) · P_j(T_ki),
 *
 * with X the exposure [kg·s], k the target's nuclei, T_ki composite Gauss–Legendre nodes (weights w_i)
 * in the recoil energy of nucleus k, dR_k/dT|_{α=1} the completely coherent rate of nucleus k per kg of
 * target (physics `differentialRate`, Eq. A2), ε the efficiency at the true energy and P_j the
 * probability that a recoil with mean observed energy E(T) is reconstructed in bin j (a step function
 * without resolution; Gaussian bin probabilities with σ(E)² = σ0² + a²E otherwise). Because Γ depends on
 * q² only, ξ_k(q²) = Γ/Γ_coh factors out of the E_ν integral, and with Eq. 6 (ξ = α + (1 − α)d_k)
 *
 *   s_j(α) = s0_j + α (s1_j − s0_j),   s1_j = X Σ A_jki,   s0_j = X Σ d_k A_jki
 *
 * exactly, for a constant α; a Helm or user α(q²) model is folded with its own ξ at every node.
 *
 * Grid: per nucleus, panels start at every point where the integrand has a step or kink (bin edges and
 * threshold without resolution, efficiency-table knots, T_max of spectral lines and component end
 * points) and are split geometrically (ratio ≤ 1.25) with 8 Gauss–Legendre nodes each; the panel next
 * to the kinematic end point is refined geometrically towards it, where dR/dT vanishes like a power.
 * A first panel starting at T = 0 is integrated in u = √T (dR/dT is smooth in √T there, E_min ∝ √T).
 * Tests: totals agree with the adaptive Gauss–Kronrod `totalRate` to ~1e-9 (test/sensitivity).
 */
import { gaussianBinProbabilities, type ResolvedSetup } from '../data/index.js';
import {
  COMPLETE_COHERENCY,
  GAUSS_LEGENDRE_8,
  decoherentXi,
  differentialRate,
  maxRecoilEnergy,
  q2FromRecoil,
  xiOf,
  type GammaModel,
  type Nucleus,
  type Target,
} from '../physics/index.js';

/** Largest ratio hi/lo of a panel (log-uniform splitting). */
const PANEL_RATIO = 1.25;
/** Geometric halvings of the last panel towards the kinematic end point. */
const END_POINT_REFINEMENTS = 10;
/** Gaussian tails followed below the threshold, in σ (Φ(−7) ≈ 1.3e-12). */
const RESOLUTION_TAIL_SIGMAS = 7;

/** The folded response of one nucleus. */
export interface NucleusResponse {
  readonly nucleus: Nucleus;
  /** d_k = ξ at α = 0 (Eq. 6, Table I). */
  readonly decoherentXi: number;
  /** Gauss–Legendre nodes T_i [keV_nr] and weights [keV_nr]. */
  readonly tKeV: Float64Array;
  readonly weightKeV: Float64Array;
  readonly q2MeV2: Float64Array;
  /** Completely coherent dR_k/dT at the nodes [events / (kg · s · keV_nr)] (per kg of target). */
  readonly coherentRate: Float64Array;
  /** A_jki per kg·s: a[j·n + i]. */
  readonly a: Float64Array;
  /** Σ_j A_jki: the detected completely coherent weight of node i. */
  readonly detected: Float64Array;
  /** A second grid on the whole kinematic window [0, T_max] (no detector response), for ⟨α⟩ at T_min = 0. */
  readonly kinematic: {
    readonly tKeV: Float64Array;
    readonly weightKeV: Float64Array;
    readonly q2MeV2: Float64Array;
    readonly coherentRate: Float64Array;
  };
}

export interface SetupResponse {
  readonly setup: ResolvedSetup;
  readonly nBins: number;
  readonly nuclei: readonly NucleusResponse[];
  /** Background counts per kg·s in each bin. */
  readonly backgroundPerKgS: Float64Array;
  /** ξ at the nodes of each nucleus per Γ model object, filled on first use (see `xiAtNodes`). */
  readonly xiCache: Map<GammaModel, readonly Float64Array[]>;
}

/** A one-component target that keeps the full target's formula mass (rates per kg of the whole target). */
function componentTarget(target: Target, k: number): Target {
  const c = target.components[k]!;
  return { label: c.nucleus.label, components: [c], formulaMassU: target.formulaMassU };
}

/** Energies [MeV] where dR/dT of a spectrum has a step or kink in T: lines and component edges. */
function featureEnergiesMeV(setup: ResolvedSetup): number[] {
  const out: number[] = [];
  for (const c of setup.spectrum.components) {
    if (c.kind === 'line') out.push(c.eNuMeV);
    else {
      out.push(c.eMaxMeV);
      if (c.eMinMeV > 0) out.push(c.eMinMeV);
    }
  }
  return out;
}

/** Panel edges on [lo, hi]: breakpoints, log-uniform splitting, geometric refinement at hi. */
function panelEdges(lo: number, hi: number, breaks: readonly number[]): number[] {
  const pts = [lo, ...breaks.filter((b) => b > lo && b < hi), hi].sort((a, b) => a - b);
  const edges: number[] = [lo];
  for (let s = 0; s + 1 < pts.length; s++) {
    const a = pts[s]!;
    const b = pts[s + 1]!;
    if (!(b > a)) continue;
    let start = a;
    if (a === 0) {
      // Start the log-uniform splitting at b/64 (dR/dT is finite and smooth at T → 0).
      start = b / 64;
      edges.push(start);
    }
    const m = Math.max(1, Math.ceil(Math.log(b / start) / Math.log(PANEL_RATIO)));
    for (let i = 1; i <= m; i++) edges.push(i === m ? b : start * Math.pow(b / start, i / m));
  }
  // Refine towards the end point: insert hi − (hi − a)·2^{−r}.
  const a = edges[edges.length - 2] ?? lo;
  const extra: number[] = [];
  for (let r = 1; r <= END_POINT_REFINEMENTS; r++) extra.push(hi - (hi - a) * Math.pow(2, -r));
  edges.splice(edges.length - 1, 0, ...extra.filter((x) => x > a && x < hi));
  return edges;
}

/** Sub-panels (uniform in u = √T) of a first panel that starts at T = 0. */
const ORIGIN_SUBPANELS = 4;

/**
 * Gauss–Legendre nodes and weights on panels. A first panel [0, a] is integrated in u = √T
 * (∫ f dT = ∫ f(u²) 2u du): near T = 0, E_min(T) ∝ √T makes dR/dT a smooth function of √T but not of T.
 */
function gridOn(edges: readonly number[]): { tKeV: Float64Array; weightKeV: Float64Array } {
  const origin = edges[0] === 0 && edges.length > 1;
  const nNodes = 8 * (edges.length - 1 + (origin ? ORIGIN_SUBPANELS - 1 : 0));
  const tKeV = new Float64Array(nNodes);
  const weightKeV = new Float64Array(nNodes);
  let k = 0;
  const panel = (lo: number, hi: number, sqrt: boolean) => {
    const mid = 0.5 * (lo + hi);
    const half = 0.5 * (hi - lo);
    for (let g = 0; g < 8; g++) {
      const x = mid + half * GAUSS_LEGENDRE_8.x[g]!;
      const w = half * GAUSS_LEGENDRE_8.w[g]!;
      tKeV[k] = sqrt ? x * x : x;
      weightKeV[k] = sqrt ? 2 * x * w : w;
      k++;
    }
  };
  for (let p = 0; p + 1 < edges.length; p++) {
    if (p === 0 && origin) {
      const uMax = Math.sqrt(edges[1]!);
      for (let q = 0; q < ORIGIN_SUBPANELS; q++) {
        panel((uMax * q) / ORIGIN_SUBPANELS, (uMax * (q + 1)) / ORIGIN_SUBPANELS, true);
      }
    } else panel(edges[p]!, edges[p + 1]!, false);
  }
  return { tKeV, weightKeV };
}

/** q² [MeV²] and completely coherent dR_k/dT [per kg·s·keV_nr] at nodes. */
function ratesAt(setup: ResolvedSetup, sub: Target, nucleus: Nucleus, tKeV: Float64Array) {
  const q2MeV2 = new Float64Array(tKeV.length);
  const coherentRate = new Float64Array(tKeV.length);
  const opts = { epsilon: setup.epsilon };
  for (let i = 0; i < tKeV.length; i++) {
    const t = tKeV[i]!;
    q2MeV2[i] = q2FromRecoil(t * 1e-3, nucleus.massMeV);
    // per MeV → per keV
    coherentRate[i] = differentialRate(t * 1e-3, sub, setup.spectrum, COMPLETE_COHERENCY, opts) * 1e-3;
  }
  return { q2MeV2, coherentRate };
}

function sigmaAt(setup: ResolvedSetup, eKeV: number): number {
  const r = setup.resolution;
  if (r === undefined) return 0;
  return Math.sqrt(r.sigma0KeV * r.sigma0KeV + r.stochasticSqrtKeV * r.stochasticSqrtKeV * Math.max(eKeV, 0));
}

/** P_j for a mean observed energy e: Gaussian bin probabilities, or the bin containing e when σ = 0. */
function binProbabilities(setup: ResolvedSetup, eKeV: number, out: Float64Array): void {
  gaussianBinProbabilities(eKeV, sigmaAt(setup, eKeV), setup.binEdgesKeV, out);
}

function foldNucleus(setup: ResolvedSetup, k: number, nBins: number): NucleusResponse {
  const nucleus = setup.nuclei[k]!;
  const tMax = setup.endPointKeVnr[k]!;
  const sub = componentTarget(setup.target, k);
  const thr = setup.thresholdKeV;
  const sigmaThr = sigmaAt(setup, thr);
  const eLo = sigmaThr > 0 ? thr - RESOLUTION_TAIL_SIGMAS * sigmaThr : thr;
  const tLo = eLo > 0 ? setup.fromObserved(eLo, nucleus) : 0;
  const empty = new Float64Array(0);
  const d = decoherentXi(nucleus, setup.epsilon);
  const features = featureEnergiesMeV(setup).map((e) => 1e3 * maxRecoilEnergy(e, nucleus.massMeV));
  const kinGrid = tMax > 0 ? gridOn(panelEdges(0, tMax, features)) : { tKeV: empty, weightKeV: empty };
  const kinematic = { ...kinGrid, ...ratesAt(setup, sub, nucleus, kinGrid.tKeV) };
  if (!(tMax > tLo)) {
    return {
      nucleus,
      decoherentXi: d,
      tKeV: empty,
      weightKeV: empty,
      q2MeV2: empty,
      coherentRate: empty,
      a: empty,
      detected: empty,
      kinematic,
    };
  }
  const breaks: number[] = [...features];
  if (sigmaThr === 0) for (const e of setup.binEdgesKeV) breaks.push(setup.fromObserved(e, nucleus));
  for (const e of setup.efficiency.knotsKeV) breaks.push(setup.fromEfficiencyEnergy(e, nucleus));
  const { tKeV, weightKeV } = gridOn(panelEdges(tLo, tMax, breaks));
  const nNodes = tKeV.length;
  const { q2MeV2, coherentRate } = ratesAt(setup, sub, nucleus, tKeV);
  const a = new Float64Array(nBins * nNodes);
  const detected = new Float64Array(nNodes);
  const prob = new Float64Array(nBins);
  for (let i = 0; i < nNodes; i++) {
    const t = tKeV[i]!;
    const eff = setup.efficiency.at(setup.efficiencyEnergy(t, nucleus));
    const c = weightKeV[i]! * coherentRate[i]! * eff;
    if (!(c > 0)) continue;
    binProbabilities(setup, setup.toObserved(t, nucleus), prob);
    let sum = 0;
    for (let j = 0; j < nBins; j++) {
      const v = c * prob[j]!;
      a[j * nNodes + i] = v;
      sum += v;
    }
    detected[i] = sum;
  }
  return { nucleus, decoherentXi: d, tKeV, weightKeV, q2MeV2, coherentRate, a, detected, kinematic };
}

/** Fold the setup's response (a few ms; independent of the Γ model and of the exposure). */
export function buildResponse(setup: ResolvedSetup): SetupResponse {
  const nBins = setup.binEdgesKeV.length - 1;
  const nuclei = setup.nuclei.map((_, k) => foldNucleus(setup, k, nBins));
  const backgroundPerKgS = new Float64Array(nBins);
  const bg = setup.background;
  if (bg.kind === 'density') {
    for (let j = 0; j < nBins; j++) {
      backgroundPerKgS[j] = bg.integralPerKgS(setup.binEdgesKeV[j]!, setup.binEdgesKeV[j + 1]!);
    }
  }
  return { setup, nBins, nuclei, backgroundPerKgS, xiCache: new Map() };
}

function xiOfNucleus(r: NucleusResponse, model: GammaModel, epsilon: number): Float64Array {
  const out = new Float64Array(r.tKeV.length);
  if (model.kind === 'alpha' && typeof model.alpha === 'number') {
    out.fill(model.alpha + (1 - model.alpha) * r.decoherentXi);
    return out;
  }
  for (let i = 0; i < out.length; i++) out[i] = xiOf(model, r.q2MeV2[i]!, r.nucleus, epsilon);
  return out;
}

/**
 * ξ_k(q²) of a model at every node of every nucleus (ξ = α + (1 − α)d_k for a constant α), cached on
 * the response per model object: a projection and its exposure scan evaluate the same model often.
 */
export function xiAtNodes(resp: SetupResponse, model: GammaModel): readonly Float64Array[] {
  const hit = resp.xiCache.get(model);
  if (hit !== undefined) return hit;
  const xi = resp.nuclei.map((r) => xiOfNucleus(r, model, resp.setup.epsilon));
  if (!(model.kind === 'alpha' && typeof model.alpha === 'number')) resp.xiCache.set(model, xi);
  return xi;
}

/** Expected signal counts per kg·s in each bin for a Γ model. */
export function signalPerKgS(resp: SetupResponse, model: GammaModel): Float64Array {
  const out = new Float64Array(resp.nBins);
  const xis = xiAtNodes(resp, model);
  for (let k = 0; k < resp.nuclei.length; k++) {
    const r = resp.nuclei[k]!;
    const n = r.tKeV.length;
    if (n === 0) continue;
    const xi = xis[k]!;
    for (let j = 0; j < resp.nBins; j++) {
      let s = 0;
      const off = j * n;
      for (let i = 0; i < n; i++) s += r.a[off + i]! * xi[i]!;
      out[j]! += s;
    }
  }
  return out;
}
