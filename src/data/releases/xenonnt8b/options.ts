/**
 * Options of the XENONnT ⁸B dataset builder, validated with zod at the boundary (a bad option is a
 * SpecError naming the option, the value and what was expected), and their defaults with sources.
 */
import * as z from 'zod';
import { SpecError } from '../../../errors.js';
import {
  PAPER_EPSILON,
  SOLAR_HEP_FLUX_B16_GS98_PER_CM2_PER_S,
  type Q2Convention,
} from '../../../physics/index.js';
import type { BandLayout } from './bands.js';
import {
  DEFAULT_YIELD_ENERGY_SCALE_SIGMA,
  SNO_8B_FLUX,
  snoFluxRelativeSigma,
  XENONNT_STATISTICAL_MODEL,
} from './constants.js';
import { XENONNT_RUNS, type XenonntRun } from './layout.js';

export interface Xenonnt8bOptions {
  /** Science runs (channels) to include; default all three. The analysis selects runs by channel. */
  readonly runs?: readonly XenonntRun[];
  /** True-q² band layout; default one band over the whole detected q² range. */
  readonly bands?: BandLayout;
  /** ε = 1 − 4 sin²θ_W; default the paper's 0.045. */
  readonly epsilon?: number;
  readonly q2Convention?: Q2Convention;
  /** ⁸B flux [cm⁻² s⁻¹] and its relative ±1σ; default SNO's (constants.ts). */
  readonly b8FluxPerCm2PerS?: number;
  readonly b8FluxRelSigma?: { readonly lo: number; readonly hi: number };
  /** hep flux [cm⁻² s⁻¹]; default B16-GS98. */
  readonly hepFluxPerCm2PerS?: number;
  /** σ_k of the energy-scale stand-in for the yields (only without t_Ly/t_Qy templates). */
  readonly yieldEnergyScaleSigma?: number;
  /** Relative signal-expectation (efficiency) uncertainty; default XENONnT's 0.25. */
  readonly signalEfficiencyRelSigma?: number;
}

export type ResolvedOptions = Required<Xenonnt8bOptions>;

export function xenonnt8bDefaults(): ResolvedOptions {
  return {
    runs: XENONNT_RUNS,
    bands: { kind: 'single' },
    epsilon: PAPER_EPSILON,
    q2Convention: 'exact',
    b8FluxPerCm2PerS: SNO_8B_FLUX.valuePerCm2PerS,
    b8FluxRelSigma: snoFluxRelativeSigma(),
    hepFluxPerCm2PerS: SOLAR_HEP_FLUX_B16_GS98_PER_CM2_PER_S,
    yieldEnergyScaleSigma: DEFAULT_YIELD_ENERGY_SCALE_SIGMA,
    signalEfficiencyRelSigma: XENONNT_STATISTICAL_MODEL.signalEfficiencyRel,
  };
}

const positive = z.number().positive().refine(Number.isFinite, 'expected a finite number');
const relative = z.number().min(0).lt(1);

const OptionsSchema = z.strictObject({
  runs: z
    .array(z.enum(XENONNT_RUNS))
    .min(1)
    .refine((r) => new Set(r).size === r.length, 'lists a run twice')
    .optional(),
  bands: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('single') }),
      z.strictObject({ kind: z.literal('edges'), q2MeV2: z.array(z.number()).min(2) }),
      z.strictObject({ kind: z.literal('quantiles'), n: z.number().int().min(1).max(20) }),
    ])
    .optional(),
  epsilon: positive.optional(),
  q2Convention: z.enum(['exact', 'paper']).optional(),
  b8FluxPerCm2PerS: positive.optional(),
  b8FluxRelSigma: z.strictObject({ lo: relative, hi: z.number().min(0) }).optional(),
  hepFluxPerCm2PerS: z.number().min(0).optional(),
  yieldEnergyScaleSigma: z.number().gt(0).max(0.5).optional(),
  signalEfficiencyRelSigma: relative.optional(),
});

/** Validate options and fill in the defaults. */
export function resolveXenonnt8bOptions(options: unknown = {}): ResolvedOptions {
  const r = OptionsSchema.safeParse(options ?? {}, { reportInput: true });
  if (!r.success) {
    const i = r.error.issues[0]!;
    const field = i.path.join('.') || '(options)';
    const value = i.input === undefined ? 'missing' : JSON.stringify(i.input);
    throw new SpecError('invalid_input', `xenonnt-8b option ${field}: ${value}: ${i.message}`, [
      'options',
      ...i.path.map(String),
    ]);
  }
  const d = xenonnt8bDefaults();
  const o = r.data;
  // Keep the release's run order whatever order the user gave.
  const runs = o.runs === undefined ? d.runs : XENONNT_RUNS.filter((x) => o.runs!.includes(x));
  return {
    ...d,
    ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)),
    runs,
  } as ResolvedOptions;
}
