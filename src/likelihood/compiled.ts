import { constraintCode } from './constraints.js';
import { knownComponent } from './knownBackground.js';
import type { CountingModel } from './types.js';

/**
 * The counting model in struct-of-arrays form for the numerical loops: typed arrays per field, numeric
 * constraint codes, no strings or objects touched per bin. Counts (`n`, `m`) and the global
 * observables (`obsSig`, `obsBeam`) are mutable so toy generators can overwrite them in place.
 */
export interface CompiledCounting {
  readonly k: number;
  /** On-source counts n_i. */
  readonly n: Float64Array;
  /** Off-source counts m_i (0 where the background is known). */
  readonly m: Float64Array;
  /** Off/on exposure ratio τ_i (1 where the background is known; unused there). */
  readonly tau: Float64Array;
  /** 1 if b_i is measured off-source (free, profiled), 0 if known. */
  readonly measured: Uint8Array;
  /**
   * Known background component c_i (0 where there is none). Where `sigmaKnown` > 0 it is the centre of
   * the Gaussian constraint, a global observable that toys and Asimov data overwrite in place.
   */
  readonly bKnown: Float64Array;
  /** σ_i of the known component (0: fixed at bKnown, or no known component; σ < 1e-6 counts as 0). */
  readonly sigmaKnown: Float64Array;
  /** Beam background f_i. */
  readonly f: Float64Array;
  /** Signal at poi = 0, s0_i. */
  readonly s0: Float64Array;
  /** s1_i − s0_i. */
  readonly delta: Float64Array;
  /** Constraint codes (constraints.ts) and widths of θ_sig and θ_beam. */
  readonly kindSig: number;
  readonly sigmaSig: number;
  readonly kindBeam: number;
  readonly sigmaBeam: number;
  /** Global observables (constraint centres), nominally 1. */
  obsSig: number;
  obsBeam: number;
}

export function compileCounting(model: CountingModel): CompiledCounting {
  const k = model.bins.length;
  const c: CompiledCounting = {
    k,
    n: new Float64Array(k),
    m: new Float64Array(k),
    tau: new Float64Array(k),
    measured: new Uint8Array(k),
    bKnown: new Float64Array(k),
    sigmaKnown: new Float64Array(k),
    f: new Float64Array(k),
    s0: new Float64Array(k),
    delta: new Float64Array(k),
    kindSig: constraintCode(model.signalNorm),
    sigmaSig: model.signalNorm?.sigma ?? 0,
    kindBeam: constraintCode(model.beamNorm),
    sigmaBeam: model.beamNorm?.sigma ?? 0,
    obsSig: 1,
    obsBeam: 1,
  };
  model.bins.forEach((bin, i) => {
    c.n[i] = bin.nOn;
    c.f[i] = bin.beamBackground ?? 0;
    c.s0[i] = bin.signal0;
    c.delta[i] = bin.signal1 - bin.signal0;
    const bg = bin.background;
    if (bg.kind === 'measured') {
      c.measured[i] = 1;
      c.m[i] = bg.nOff;
      c.tau[i] = bg.tau;
    } else {
      c.tau[i] = 1;
    }
    const known = knownComponent(bin.background);
    c.bKnown[i] = known.expected;
    c.sigmaKnown[i] = known.sigma;
  });
  return c;
}

/** A copy restricted to the bins in `indices` (same constraints and global observables). */
export function subsetCounting(c: CompiledCounting, indices: readonly number[]): CompiledCounting {
  const pick = (a: Float64Array): Float64Array => Float64Array.from(indices, (i) => a[i] ?? 0);
  return {
    ...c,
    k: indices.length,
    n: pick(c.n),
    m: pick(c.m),
    tau: pick(c.tau),
    measured: Uint8Array.from(indices, (i) => c.measured[i] ?? 0),
    bKnown: pick(c.bKnown),
    sigmaKnown: pick(c.sigmaKnown),
    f: pick(c.f),
    s0: pick(c.s0),
    delta: pick(c.delta),
  };
}

/** A deep copy (so Asimov data can be written without touching the original). */
export function cloneCounting(c: CompiledCounting): CompiledCounting {
  return subsetCounting(
    c,
    Array.from({ length: c.k }, (_, i) => i),
  );
}
