/**
 * Export a counting model as a pyhf HistFactory JSON workspace (schema 1.0.0;
 * https://scikit-hep.org/pyhf/likelihood.html), so that any physicist can cross-check the numbers with
 * pyhf. The model μ = b + θ_beam·f + θ_sig·(s0 + poi·(s1 − s0)), m ~ Pois(τ b) maps onto samples:
 *
 * - `signal_alpha`: (s1 − s0) with a `normfactor` "alpha" (the poi, bounds [0, 1]) and the signal
 *   normalisation `normsys`;
 * - `signal_floor`: s0 (the decoherent part, present at any α) with the same `normsys`;
 * - `beam_background`: f with the beam normalisation `normsys`;
 * - `steady_state`: nominal m/τ with a `shapesys` of uncertainty √m/τ. pyhf's shapesys constraint is
 *   Poisson(a | γ·a) with a = (nominal/σ)² = m, so γ·m/τ = b reproduces n_off ~ Poisson(τ b) exactly.
 *   A bin with m = 0 has no Poisson constraint in pyhf; it is written with m = 1e-6 (noted in the output).
 * - `known_background`: a known background component c; fixed (no modifier) when σ = 0, else with a
 *   `staterror` of absolute uncertainty σ: pyhf's staterror of a single sample is γ·c with the
 *   constraint N(1 | γ, σ/c), i.e. (γc − c)²/(2σ²) — our constraint on k = γc exactly (γ ≥ 0 ↔ k ≥ 0).
 *   A constrained component with c = 0 has no relative form; it is refused (SpecError).
 *
 * Differences to keep in mind when comparing: pyhf's `normsys` interpolates exponentially (code 1)
 * with a Gaussian constraint on the nuisance, i.e. θ = (1 ± σ)^ν — log-normal-like — while our default
 * constraint is Gaussian in θ; for σ ≲ 20 % the test statistics agree to a few per cent. The pyhf
 * `qmu_tilde`/`q0` test statistics correspond to our t̃ and boundary tests.
 */
import { SpecError } from '../errors.js';
import { knownComponent } from './knownBackground.js';
import type { CountingModel } from './types.js';

const TINY_OFF_COUNT = 1e-6;

export interface PyhfWorkspace {
  readonly version: '1.0.0';
  readonly channels: readonly { name: string; samples: readonly unknown[] }[];
  readonly observations: readonly { name: string; data: readonly number[] }[];
  readonly measurements: readonly unknown[];
}

/**
 * A workspace with one channel per selected bin (`bins` default: all; one bin per channel keeps the
 * per-bin tests of pyhf identical to ours).
 */
export function toPyhfWorkspace(
  model: CountingModel,
  opts: { readonly bins?: readonly number[]; readonly name?: string } = {},
): PyhfWorkspace {
  const indices = opts.bins ?? model.bins.map((_, i) => i);
  const sigSigma = model.signalNorm?.sigma ?? 0;
  const beamSigma = model.beamNorm?.sigma ?? 0;
  const normsys = (name: string, sigma: number) =>
    sigma > 0 ? [{ name, type: 'normsys', data: { hi: 1 + sigma, lo: Math.max(1e-9, 1 - sigma) } }] : [];
  const channels = indices.map((i) => {
    const b = model.bins[i]!;
    const samples: unknown[] = [
      {
        name: 'signal_alpha',
        data: [b.signal1 - b.signal0],
        modifiers: [{ name: 'alpha', type: 'normfactor', data: null }, ...normsys('signal_norm', sigSigma)],
      },
      { name: 'signal_floor', data: [b.signal0], modifiers: normsys('signal_norm', sigSigma) },
    ];
    if ((b.beamBackground ?? 0) > 0) {
      samples.push({
        name: 'beam_background',
        data: [b.beamBackground],
        modifiers: normsys('beam_norm', beamSigma),
      });
    }
    if (b.background.kind === 'measured') {
      const m = Math.max(b.background.nOff, TINY_OFF_COUNT);
      const tau = b.background.tau;
      samples.push({
        name: 'steady_state',
        data: [m / tau],
        modifiers: [{ name: `steady_state_bin${i}`, type: 'shapesys', data: [Math.sqrt(m) / tau] }],
      });
    } else if (b.background.expected > 0 && !(knownComponent(b.background).sigma > 0)) {
      samples.push({ name: 'steady_state', data: [b.background.expected], modifiers: [] });
    }
    const known = knownComponent(b.background);
    if (known.sigma > 0) {
      if (!(known.expected > 0)) {
        throw new SpecError(
          'invalid_spec',
          `bins[${i}]: a known background of 0 events with σ = ${known.sigma} has no pyhf staterror form (relative uncertainty σ/0)`,
          ['bins', i, 'background'],
        );
      }
      samples.push({
        name: 'known_background',
        data: [known.expected],
        modifiers: [{ name: `known_background_bin${i}`, type: 'staterror', data: [known.sigma] }],
      });
    } else if (b.background.kind === 'measured' && known.expected > 0) {
      samples.push({ name: 'known_background', data: [known.expected], modifiers: [] });
    }
    return { name: `bin${i}`, samples };
  });
  return {
    version: '1.0.0',
    channels,
    observations: indices.map((i) => ({ name: `bin${i}`, data: [model.bins[i]!.nOn] })),
    measurements: [
      {
        name: opts.name ?? 'coherency',
        config: { poi: 'alpha', parameters: [{ name: 'alpha', bounds: [[0, 1]], inits: [1] }] },
      },
    ],
  };
}
