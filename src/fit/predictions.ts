/**
 * What a fit predicts, for tables and plots: the fitted ξ(q²) of a dataset's target with its 1σ band,
 * and the data shown in the same ξ space.
 *
 * Target-level curve: ξ_T(q²) = Σ_k w_k ξ_k(q²_k). For ξ datasets q²_k = q² and w_k are the coherent
 * weights of datasetTerms.ts. For counts datasets the x axis is the dataset's target-level q² (computed
 * with the atom-weighted mean nuclear mass M̄), the recoil energy is common to all nuclei, so
 * q²_k = q²·M_k/M̄ (q² ≈ 2MT), and w_k is nucleus k's share of the α = 1 counts of the whole dataset.
 *
 * Band: linear error propagation σ_ξ² = ∇ξᵀ C ∇ξ over the free parameters (C the fit covariance,
 * ∇ by central differences); absent when the covariance is.
 *
 * Counts shown as ξ (background-subtracted, at the fitted nuisances): ξ̂_i = (n_on − b̂_i − θ̂_beam f_i)/
 * (θ̂_sig s_coh,i), σ_i = √(n_on + n_off/τ²)/(θ̂_sig s_coh,i), b̂_i the profiled background.
 */
import { BinBackground, datasetBinBackground, knownComponent } from '../likelihood/index.js';
import type { Dataset } from '../data/index.js';
import { coherentWeights, nucleusContexts } from './datasetTerms.js';
import type { DatasetsFit } from './jointFit.js';
import type { XiFunction } from './models.js';

export interface CurvePoint {
  readonly q2MeV2: number;
  readonly xi: number;
  /** ξ ∓ 1σ (NaN when the fit has no covariance). */
  readonly xiLow: number;
  readonly xiHigh: number;
}

export interface DataPointXi {
  readonly q2MeV2: number;
  readonly q2LoMeV2: number;
  readonly q2HiMeV2: number;
  readonly xi: number;
  readonly xiLow: number;
  readonly xiHigh: number;
  /** The fitted model's ξ in this bin (Σ_k s_k ξ_k/Σ_k s_k for counts). */
  readonly fitted: number;
}

/** The joint-fit values seen by entry e's model, by model parameter name. */
function modelValues(
  fit: DatasetsFit,
  e: number,
  joint: Readonly<Record<string, number>>,
): Record<string, number> {
  const entry = fit.entries[e]!;
  const out: Record<string, number> = {};
  for (const q of entry.model.parameters) out[q.name] = joint[entry.rename?.[q.name] ?? q.name] as number;
  return out;
}

/** ξ_T(q²) of entry e's target for joint parameter values. */
function targetXi(
  fit: DatasetsFit,
  e: number,
  joint: Readonly<Record<string, number>>,
): (q2: number) => number {
  const entry = fit.entries[e]!;
  const ds = entry.dataset;
  const nuclei = nucleusContexts(ds);
  const xi: XiFunction = entry.model.bind(modelValues(fit, e, joint));
  if (ds.kind === 'xi') {
    const w = coherentWeights(ds);
    return (q2) => nuclei.reduce((s, n, k) => s + (w[k] as number) * xi(q2, n), 0);
  }
  const atoms = ds.target.nuclei.map((n) => n.atomsPerFormulaUnit);
  const mBar =
    ds.target.nuclei.reduce((s, n, k) => s + (atoms[k] as number) * n.massMeV, 0) /
    atoms.reduce((a, b) => a + b, 0);
  const share = nuclei.map((_, k) => ds.bins.reduce((s, b) => s + (b.nuclei[k]?.sCoh ?? 0), 0));
  const total = share.reduce((a, b) => a + b, 0);
  return (q2) =>
    nuclei.reduce((s, n, k) => s + ((share[k] as number) / total) * xi((q2 * n.massMeV) / mBar, n), 0);
}

/** The fitted ξ_T(q²) of dataset `e` on a grid of q² [MeV²], with its 1σ band. */
export function fittedXiCurve(fit: DatasetsFit, e: number, q2Grid: readonly number[]): CurvePoint[] {
  const values = fit.fit.values;
  const f0 = targetXi(fit, e, values);
  const cov = fit.fit.covariance;
  const order = fit.fit.order;
  const k = order.length;
  const grads = order.map((name) => {
    const spec = fit.parameters.find((q) => q.name === name)!;
    const v = values[name] as number;
    const h = 1e-4 * Math.max(Math.abs(v), spec.scale ?? 1);
    const plus = targetXi(fit, e, { ...values, [name]: v + h });
    const minus = targetXi(fit, e, { ...values, [name]: v - h });
    return (q2: number): number => (plus(q2) - minus(q2)) / (2 * h);
  });
  return q2Grid.map((q2) => {
    const xi = f0(q2);
    if (!cov) return { q2MeV2: q2, xi, xiLow: NaN, xiHigh: NaN };
    const g = grads.map((gr) => gr(q2));
    let v = 0;
    for (let a = 0; a < k; a++)
      for (let b = 0; b < k; b++) v += (g[a] as number) * (cov[a * k + b] as number) * (g[b] as number);
    const s = Math.sqrt(Math.max(v, 0));
    return { q2MeV2: q2, xi, xiLow: xi - s, xiHigh: xi + s };
  });
}

/** Dataset `e` as ξ points (counts converted as described above), with the fitted ξ per bin. */
export function dataAsXi(fit: DatasetsFit, e: number): DataPointXi[] {
  const ds: Dataset = fit.entries[e]!.dataset;
  const values = fit.fit.values;
  const xiT = targetXi(fit, e, values);
  if (ds.kind === 'xi') {
    return ds.bins.map((b) => {
      const q2 = b.q2CentreMeV2 ?? 0.5 * (b.q2LoMeV2 + b.q2HiMeV2);
      const lo = b.sigma ?? b.sigmaLo ?? NaN;
      const hi = b.sigma ?? b.sigmaHi ?? NaN;
      return {
        q2MeV2: q2,
        q2LoMeV2: b.q2LoMeV2,
        q2HiMeV2: b.q2HiMeV2,
        xi: b.xi,
        xiLow: b.xi - lo,
        xiHigh: b.xi + hi,
        fitted: xiT(q2),
      };
    });
  }
  const id = fit.terms[e]!.id;
  const tSig = values[`thetaSig:${id}`] ?? 1;
  const tBeam = values[`thetaBeam:${id}`] ?? 1;
  const signal = fit.terms[e]!.signal!(fit.entries[e]!.model.bind(modelValues(fit, e, values)));
  const profile = new BinBackground();
  return ds.bins.map((b, i) => {
    const s = signal[i] as number;
    const known = knownComponent(datasetBinBackground(b));
    const a = tBeam * b.beamBackground + tSig * s;
    const off = b.nOff !== undefined && b.tau !== undefined;
    const bg = profile.profile(a, b.nOn, off, b.nOff ?? 0, b.tau ?? 1, known.expected, known.sigma);
    const norm = tSig * b.sCoh;
    const x = (b.nOn - bg - tBeam * b.beamBackground) / norm;
    const offVar = off ? (b.nOff as number) / ((b.tau as number) * (b.tau as number)) : 0;
    const sigma = Math.sqrt(b.nOn + offVar + known.sigma * known.sigma) / norm;
    return {
      q2MeV2: 0.5 * (b.q2LoMeV2 + b.q2HiMeV2),
      q2LoMeV2: b.q2LoMeV2,
      q2HiMeV2: b.q2HiMeV2,
      xi: x,
      xiLow: x - sigma,
      xiHigh: x + sigma,
      fitted: s / b.sCoh,
    };
  });
}
