/**
 * Residual blocks of one dataset for a model ξ(q²; p): what each kind of dataset adds to S = Σ r².
 *
 * `xi` datasets (ξ ± σ per q² bin): r_i = (ξ_i − ξ̄_i(p))/σ_i, pre-whitened, Barlow's switching σ for
 * asymmetric errors. For a compound target the prediction is ξ̄ = Σ_k w_k ξ_k(q²) with w_k ∝
 * (atoms per formula unit)·(εZ_k − N_k)², the coherent weight of nucleus k at fixed q² (the kinematic
 * factor 1 − q²/q²_max is taken equal for all nuclei: an approximation stated here).
 *
 * `counts` datasets (on/off Poisson counts, the likelihood layer's counting model with poi replaced by
 * the model): per bin i
 *   s_i(p) = Σ_k sCoh_ik·ξ_k(q²_ik; p),   q²_ik = the bin's mean q² for nucleus k (its q² centre if absent),
 *   μ_i = b_i + θ_beam·f_i + θ_sig·s_i,   n_on,i ~ Pois(μ_i),   n_off,i ~ Pois(τ_i·b_i),
 * θ_sig, θ_beam with constraint terms of relative width σ_sig, σ_beam (likelihood/constraints).
 * Each b_i is profiled in closed form (likelihood `profileBackground`, Cousins–Linnemann–Tucker 2008)
 * and the residuals are the signed deviance residuals
 *   r = sign(n − μ)·√(2 d(n, μ)),   d = μ − n + n ln(n/μ)   (likelihood `poissonDeviance`),
 * one for the on count and one for the off count of each bin, plus one pull r = ±√(2 c(θ)) per
 * constrained normalisation, so Σ r² = 2·NLL exactly (Baker & Cousins, NIM 221 (1984) 437). A bin's
 * background known from elsewhere (`knownBackground`) adds to μ_i: fixed, or (σ > 0) profiled with the
 * off-source b (likelihood `BinBackground`) and one more residual, its pull (k̂_i − expected_i)/σ_i; a
 * bin without an off-source measurement has no off residual.
 * Evaluating ξ at one q² per bin and nucleus, rather than averaging it over the bin's q² distribution
 * (which detector resolution makes wide), is the approximation of the binned format. With
 * `q2Treatment: 'calibrated'` (the default when the dataset gives sHelm per nucleus) each term is
 * multiplied by c_ik = sHelm_ik/(sCoh_ik·ξ_Helm,k(q²_ik)), with ξ_Helm the paper's Helm form factor
 * squared (r0 = 1.2 fm, s = 0.5 fm) used to compute sHelm: exact at that reference model and correct
 * to first order in the change of ξ's curvature near it. On COHERENT CsI c ≈ 1.005–1.02 (the bin
 * average of a convex ξ(q²) lies above ξ at the mean q²). `'centre'` uses c = 1.
 */
import { FitError } from '../errors.js';
import {
  BinBackground,
  constraintKinds,
  datasetBinBackground,
  knownComponent,
  poissonDeviance,
} from '../likelihood/index.js';
import { ATOMIC_MASS_UNIT_MEV, coherentGamma, paperHelm } from '../physics/index.js';
import type { CountsDataset, Dataset, XiDataset } from '../data/index.js';
import { whitenedResidual } from './leastSquares.js';
import type { NucleusContext, XiFunction } from './models.js';
import type { ParameterSpec } from './types.js';

export type ConstraintKindName = keyof typeof constraintKinds;
export type Q2Treatment = 'calibrated' | 'centre';

export interface TermOptions {
  /** Constraint of θ_sig and θ_beam (likelihood/constraints); default 'gaussian'. */
  readonly constraint?: ConstraintKindName;
  /** How ξ enters a counts bin (see the file comment); default 'calibrated' when possible. */
  readonly q2Treatment?: Q2Treatment;
}

export interface DatasetTerm {
  readonly id: string;
  readonly kind: Dataset['kind'];
  readonly nBins: number;
  readonly nResiduals: number;
  /** Parameters minimised in closed form inside `residuals` (the per-bin backgrounds). */
  readonly nProfiled: number;
  /** Nuisance parameters of this dataset (θ_sig, θ_beam), named `thetaSig:<id>`, `thetaBeam:<id>`. */
  readonly nuisances: readonly ParameterSpec[];
  readonly nuclei: readonly NucleusContext[];
  /** How ξ enters the counts ('centre' for ξ datasets). */
  readonly q2Treatment: Q2Treatment;
  /** Write the block's residuals at out[offset …]; `nuisance` holds this block's nuisance values. */
  residuals(
    xi: XiFunction,
    nuisance: Readonly<Record<string, number>>,
    out: Float64Array,
    offset: number,
  ): void;
  /** Counts datasets: the predicted α-model signal per bin, s_i(p) = Σ_k c_ik sCoh_ik ξ_k(q²_ik). */
  signal?(xi: XiFunction): Float64Array;
}

/** The dataset's nuclei as model contexts (mass from the dataset; atomic mass approximated as M/u). */
export function nucleusContexts(ds: Dataset): NucleusContext[] {
  return ds.target.nuclei.map((n) => ({
    label: n.label,
    Z: n.Z,
    N: n.N,
    A: n.A,
    massMeV: n.massMeV,
    atomicMassU: n.massMeV / ATOMIC_MASS_UNIT_MEV,
    decoherentXi: n.decoherentXi,
    epsilon: ds.epsilon,
  }));
}

/** Coherent weights w_k ∝ atoms·(εZ − N)², normalised (used for ξ datasets and display curves). */
export function coherentWeights(ds: Dataset): number[] {
  const w = ds.target.nuclei.map((n) => n.atomsPerFormulaUnit * coherentGamma(n, ds.epsilon));
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / sum);
}

function xiTerm(ds: XiDataset, id: string): DatasetTerm {
  const nuclei = nucleusContexts(ds);
  const w = coherentWeights(ds);
  const bins = ds.bins.map((b, i) => {
    const sigma =
      b.sigma ??
      (b.sigmaLo !== undefined && b.sigmaHi !== undefined ? { lo: b.sigmaLo, hi: b.sigmaHi } : undefined);
    if (sigma === undefined)
      throw new FitError('invalid_dataset', `${id}: bins[${i}]: no uncertainty (sigma or sigmaLo/sigmaHi)`, [
        'bins',
        i,
      ]);
    return { q2: b.q2CentreMeV2 ?? 0.5 * (b.q2LoMeV2 + b.q2HiMeV2), xi: b.xi, sigma };
  });
  return {
    id,
    kind: 'xi',
    nBins: bins.length,
    nResiduals: bins.length,
    nProfiled: 0,
    nuisances: [],
    nuclei,
    q2Treatment: 'centre',
    residuals(xi, _nuisance, out, offset) {
      bins.forEach((b, i) => {
        let pred = 0;
        nuclei.forEach((n, k) => (pred += (w[k] as number) * xi(b.q2, n)));
        out[offset + i] = whitenedResidual(b.xi, pred, b.sigma);
      });
    },
  };
}

/** Signed square root of twice a non-negative deviance term. */
const signedRoot = (sign: number, dev: number): number => (sign < 0 ? -1 : 1) * Math.sqrt(2 * dev);

function countsTerm(ds: CountsDataset, id: string, opts: TermOptions): DatasetTerm {
  const nuclei = nucleusContexts(ds);
  const c = constraintKinds[opts.constraint ?? 'gaussian'];
  const canCalibrate = ds.bins.every((b) => b.nuclei.every((p) => p.sHelm !== undefined));
  const q2Treatment: Q2Treatment = opts.q2Treatment ?? (canCalibrate ? 'calibrated' : 'centre');
  if (q2Treatment === 'calibrated' && !canCalibrate) {
    throw new FitError(
      'invalid_dataset',
      `${id}: q2Treatment 'calibrated' needs sHelm for every nucleus of every bin`,
      ['bins'],
    );
  }
  const sigSig = ds.signalNormRelUncertainty;
  const sigBeam = ds.beamBackgroundRelUncertainty;
  const nuisances: ParameterSpec[] = [];
  const nuisance = (name: string, sigma: number, description: string): string | undefined => {
    if (!(sigma > 0)) return undefined;
    const full = `${name}:${id}`;
    nuisances.push({
      name: full,
      initial: 1,
      lower: c.lowerBound,
      upper: 1 + 20 * sigma,
      scale: sigma,
      unit: '1',
      description,
    });
    return full;
  };
  const sigName = nuisance('thetaSig', sigSig, `signal normalisation of ${id} (σ = ${sigSig})`);
  const beamName = nuisance('thetaBeam', sigBeam, `beam-background normalisation of ${id} (σ = ${sigBeam})`);
  const bins = ds.bins.map((b) => ({
    nOn: b.nOn,
    measured: b.nOff !== undefined,
    nOff: b.nOff ?? 0,
    tau: b.tau ?? 1,
    known: knownComponent(datasetBinBackground(b)),
    f: b.beamBackground,
    parts: b.nuclei.map((p, k) => {
      const q2 = p.q2MeanMeV2 ?? 0.5 * (p.q2LoMeV2 + p.q2HiMeV2);
      const n = nuclei[k] as NucleusContext;
      const ref = p.sCoh * paperHelm(q2, n) ** 2;
      const calib = q2Treatment === 'calibrated' && ref > 0 ? (p.sHelm as number) / ref : 1;
      return { sCoh: p.sCoh * calib, q2, nucleus: n };
    }),
  }));
  const signalOf = (b: (typeof bins)[number], xi: XiFunction): number => {
    let s = 0;
    for (const part of b.parts) s += part.sCoh * xi(part.q2, part.nucleus);
    return s;
  };
  const pull = (theta: number, sigma: number): number => signedRoot(theta - 1, c.penalty(theta, 1, sigma));
  // Per bin: the on residual, the off residual (off-source measurement) and the known-background pull
  // (σ > 0); each profiled background costs one degree of freedom, each auxiliary measurement adds one.
  const nAux = bins.reduce((n, b) => n + (b.measured ? 1 : 0) + (b.known.sigma > 0 ? 1 : 0), 0);
  const profile = new BinBackground();
  return {
    id,
    kind: 'counts',
    nBins: bins.length,
    nResiduals: bins.length + nAux + nuisances.length,
    nProfiled: nAux,
    nuisances,
    nuclei,
    q2Treatment,
    signal: (xi) => Float64Array.from(bins, (b) => signalOf(b, xi)),
    residuals(xi, nv, out, offset) {
      const tSig = sigName === undefined ? 1 : (nv[sigName] ?? NaN);
      const tBeam = beamName === undefined ? 1 : (nv[beamName] ?? NaN);
      let o = offset;
      for (const b of bins) {
        const a = tBeam * b.f + tSig * signalOf(b, xi);
        const { expected, sigma } = b.known;
        const mu = a + profile.profile(a, b.nOn, b.measured, b.nOff, b.tau, expected, sigma);
        out[o++] = signedRoot(b.nOn - mu, poissonDeviance(b.nOn, mu));
        if (b.measured) {
          const muOff = b.tau * profile.bOff;
          out[o++] = signedRoot(b.nOff - muOff, poissonDeviance(b.nOff, muOff));
        }
        if (sigma > 0) out[o++] = (profile.bKnown - expected) / sigma;
      }
      if (sigName !== undefined) out[o++] = pull(tSig, sigSig);
      if (beamName !== undefined) out[o++] = pull(tBeam, sigBeam);
    },
  };
}

/** The residual block of a dataset; `id` must be unique within a fit. */
export function datasetTerm(ds: Dataset, id: string, opts: TermOptions = {}): DatasetTerm {
  return ds.kind === 'xi' ? xiTerm(ds, id) : countsTerm(ds, id, opts);
}
