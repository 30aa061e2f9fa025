/**
 * The release's systematic templates as ±1σ pairs for HistFactory `histosys` modifiers.
 *
 * Two-sided systematics (F90 calibration of the CEvNS PDF; energy and timing mean of the prompt-BRN
 * PDF) come as a +1σ and a −1σ file. Two are one-sided — a single shifted file: the CEvNS timing mean
 * (the SNS proton-on-target trace mean, 440 ± 200 ns, LArParametersAnlA.yaml snsPOTTraceTiming) and the
 * BRN timing width. The parameters behind them are symmetric (±200 ns is two-sided), so the missing
 * side is the MIRROR about the nominal, lo = 2·nominal − shifted, the first-order (linear) estimate of
 * the opposite shift; a bin where that would be negative is set to 0 and counted. (Taking lo = nominal
 * instead would make the uncertainty one-directional and put a kink at θ = 0 in the interpolation.)
 *
 * The release calls every file a PDF; the CEvNS and four of the five BRN variations have exactly the
 * nominal total, but `brnpdf+1sigBRNTimingMean.txt` sums to 523.67 instead of 497. The normalisations
 * are separate normsys modifiers, so by default ('shape') each variation is rescaled to its nominal's
 * total and the histosys moves events only; 'asGiven' keeps the files' totals.
 */
import type { ArCube, ArVariation } from './release.js';

export type VariationNormalisation = 'shape' | 'asGiven';

export type ShapeSample = 'cevns' | 'promptBrn';

interface ShapeSystematicDef {
  /** The histosys name in the workspace. */
  readonly name: string;
  readonly sample: ShapeSample;
  readonly hi: ArVariation;
  /** The −1σ file; absent for one-sided systematics (mirrored). */
  readonly lo?: ArVariation;
  /**
   * The shift is of the proton-on-target trace mean (+1σ): the band split of the shifted CEvNS template
   * uses arrival times at that mean (bandSplit.ts), and the −1σ side is mirrored per band sample.
   */
  readonly shiftsPotTraceMean?: boolean;
  readonly description: string;
}

export const AR_SHAPE_SYSTEMATICS: readonly ShapeSystematicDef[] = [
  {
    name: 'cevns_f90',
    sample: 'cevns',
    hi: 'cevnsF90Plus',
    lo: 'cevnsF90Minus',
    description: 'CEvNS F90 ±1σ',
  },
  {
    name: 'cevns_timing_mean',
    sample: 'cevns',
    hi: 'cevnsTimingMean',
    shiftsPotTraceMean: true,
    description: 'CEvNS arrival-time mean (one-sided file, mirrored)',
  },
  {
    name: 'brn_energy',
    sample: 'promptBrn',
    hi: 'brnEnergyPlus',
    lo: 'brnEnergyMinus',
    description: 'BRN energy ±1σ',
  },
  {
    name: 'brn_timing_mean',
    sample: 'promptBrn',
    hi: 'brnTimingMeanPlus',
    lo: 'brnTimingMeanMinus',
    description: 'BRN arrival-time mean ±1σ',
  },
  {
    name: 'brn_timing_width',
    sample: 'promptBrn',
    hi: 'brnTimingWidth',
    description: 'BRN arrival-time width (one-sided file, mirrored)',
  },
];

export interface ShapeSystematic {
  readonly name: string;
  readonly sample: ShapeSample;
  readonly description: string;
  /** Full ±1σ templates of the sample (before any band split). */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly files: readonly string[];
  /** True when lo is the mirror of hi (one-sided file). */
  readonly mirrored: boolean;
  readonly shiftsPotTraceMean: boolean;
  /** Factors applied to the files' totals ('shape'), hi then lo (1 for a mirrored side). */
  readonly rescale: readonly [number, number];
  /** Bins of a mirrored side floored at 0, and the events that removed. */
  readonly clippedBins: number;
  readonly clippedEvents: number;
}

const total = (a: Float64Array) => a.reduce((s, v) => s + v, 0);

/** `varied` rescaled to the nominal total ('shape') or unchanged ('asGiven'), with the factor. */
function normalised(nominal: ArCube, varied: ArCube, mode: VariationNormalisation): [Float64Array, number] {
  const factor = mode === 'shape' ? nominal.total / varied.total : 1;
  return [varied.values.map((v) => v * factor), factor];
}

/** lo = max(0, 2·nominal − hi), with the bins and events the floor removed. */
export function mirrorAboutNominal(
  nominal: Float64Array,
  hi: Float64Array,
): { lo: Float64Array; clippedBins: number; clippedEvents: number } {
  let clippedBins = 0;
  let clippedEvents = 0;
  const lo = nominal.map((n, b) => {
    const v = 2 * n - hi[b]!;
    if (v >= 0) return v;
    clippedBins++;
    clippedEvents -= v;
    return 0;
  });
  return { lo, clippedBins, clippedEvents };
}

/** Every systematic of AR_SHAPE_SYSTEMATICS as a ±1σ pair of full templates. */
export function arShapeSystematics(
  nominal: Readonly<Record<ShapeSample, ArCube>>,
  variations: Readonly<Record<ArVariation, ArCube>>,
  mode: VariationNormalisation,
): ShapeSystematic[] {
  return AR_SHAPE_SYSTEMATICS.map((d) => {
    const nom = nominal[d.sample];
    const [hi, hiFactor] = normalised(nom, variations[d.hi], mode);
    const common = {
      name: d.name,
      sample: d.sample,
      description: d.description,
      hi,
      shiftsPotTraceMean: d.shiftsPotTraceMean ?? false,
    };
    if (d.lo !== undefined) {
      const [lo, loFactor] = normalised(nom, variations[d.lo], mode);
      return {
        ...common,
        lo,
        files: [variations[d.hi].file, variations[d.lo].file],
        mirrored: false,
        rescale: [hiFactor, loFactor] as const,
        clippedBins: 0,
        clippedEvents: 0,
      };
    }
    const m = mirrorAboutNominal(nom.values, hi);
    return {
      ...common,
      lo: m.lo,
      files: [variations[d.hi].file],
      mirrored: true,
      rescale: [hiFactor, 1] as const,
      clippedBins: m.clippedBins,
      clippedEvents: m.clippedEvents,
    };
  });
}

/**
 * Size of a ±1σ pair relative to its nominal: the fraction of events that move, Σ|x − n| / (2Σn), for
 * each side, and the change of the total, Σx/Σn − 1.
 */
export function variationSize(
  nominal: Float64Array,
  varied: Float64Array,
): { migratedFraction: number; totalChange: number } {
  let moved = 0;
  nominal.forEach((n, b) => (moved += Math.abs(varied[b]! - n)));
  const n = total(nominal);
  return { migratedFraction: moved / (2 * n), totalChange: total(varied) / n - 1 };
}
