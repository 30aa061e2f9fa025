/**
 * The numbers of `LArParametersAnlA.yaml` (COHERENT CENNS-10 Analysis A release): exposure, geometry,
 * quenching, flux, resolution, and the predicted and best-fit normalisations of the four PDFs with
 * their uncertainties. A missing key or a value out of its domain is a SpecError naming the key.
 */
import { SpecError } from '../../../errors.js';
import { parseParameterYaml, readReleaseFile, yamlNumber } from '../../textTables.js';

export interface Normalisation {
  readonly value: number;
  readonly uncertainty: number;
}

export type ArSample = 'cevns' | 'promptBrn' | 'delayedBrn' | 'steadyState';

export interface CoherentAr2020Parameters {
  readonly potE22: number;
  readonly distanceM: number;
  readonly fiducialMassKg: number;
  readonly fiducialMassUncertaintyKg: number;
  /** QF(T) = a + b·T[keVnr] with their 1σ uncertainties. */
  readonly qfA: number;
  readonly qfAUncertainty: number;
  readonly qfBPerKeV: number;
  readonly qfBUncertaintyPerKeV: number;
  readonly nuPerFlavourPerProton: number;
  readonly nuPerFlavourPerProtonUncertainty: number;
  /** σ/E = a/sqrt(E[keVee]) [sqrt(keVee)]. */
  readonly resolutionA: number;
  /** SNS proton-on-target trace: a Gaussian of this mean (± its 1σ) and width [ns]. */
  readonly potTraceMeanNs: number;
  readonly potTraceMeanUncertaintyNs: number;
  readonly potTraceWidthNs: number;
  /** Normalisations before the 3D fit (the predictions) and after it (the best fit). */
  readonly predicted: Readonly<Record<ArSample, Normalisation>>;
  readonly bestFit: Readonly<Record<ArSample, Normalisation>>;
}

/** YAML block names of the normalisations (the CEvNS best fit's uncertainty key is `uncertainty_stat`). */
export const AR_NORMALISATION_KEYS: Readonly<
  Record<ArSample, { predicted: string; bestFit: string; bestFitUncertainty: string }>
> = {
  cevns: {
    predicted: 'cevnsPredictionNormalization',
    bestFit: 'cevnsBestfitNormalization',
    bestFitUncertainty: 'uncertainty_stat',
  },
  promptBrn: {
    predicted: 'promptBeamRelatedNeutronPredictionNormalization',
    bestFit: 'promptBeamRelatedNeutronBestfitNormalization',
    bestFitUncertainty: 'uncertainty',
  },
  delayedBrn: {
    predicted: 'delayedBeamRelatedNeutronPredictionNormalization',
    bestFit: 'delayedBeamRelatedNeutronBestfitNormalization',
    bestFitUncertainty: 'uncertainty',
  },
  steadyState: {
    predicted: 'ssBackgroundPredictionNormalization',
    bestFit: 'ssBackgroundBestfitNormalization',
    bestFitUncertainty: 'uncertainty',
  },
};

/** Read the parameter file `file` of the release folder `dir`. */
export function readArParameters(dir: string, file: string): CoherentAr2020Parameters {
  const y = parseParameterYaml(readReleaseFile(dir, file));
  const num = (block: string, field: string, parameter?: string): number =>
    yamlNumber(y, file, block, field, parameter);
  const check = (v: number, ok: boolean, where: string, expected: string): number => {
    if (!ok)
      throw new SpecError('invalid_input', `${file}: ${where} = ${v}; expected ${expected}`, [file, where]);
    return v;
  };
  // Same key notation as yamlNumber's messages.
  const key = (block: string, field: string, parameter?: string): string =>
    parameter === undefined ? `${block}.${field}` : `${block}.parameters[${parameter}].${field}`;
  const positive = (block: string, field: string, parameter?: string): number => {
    const v = num(block, field, parameter);
    return check(v, v > 0, key(block, field, parameter), 'a value > 0');
  };
  const nonNegative = (block: string, field: string, parameter?: string): number => {
    const v = num(block, field, parameter);
    return check(v, v >= 0, key(block, field, parameter), 'a value ≥ 0');
  };
  const norm = (block: string, uncertaintyKey: string): Normalisation => ({
    value: positive(block, 'value'),
    uncertainty: nonNegative(block, uncertaintyKey),
  });
  const samples = Object.keys(AR_NORMALISATION_KEYS) as ArSample[];
  const table = (pick: (s: ArSample) => Normalisation) =>
    Object.fromEntries(samples.map((s) => [s, pick(s)])) as Record<ArSample, Normalisation>;
  return {
    potE22: positive('beamExposure', 'value'),
    distanceM: positive('distanceToTarget', 'value'),
    fiducialMassKg: positive('fiducialMass', 'value'),
    fiducialMassUncertaintyKg: nonNegative('fiducialMass', 'uncertainty'),
    qfA: positive('larQF', 'value', 'a'),
    qfAUncertainty: nonNegative('larQF', 'uncertainty', 'a'),
    qfBPerKeV: nonNegative('larQF', 'value', 'b'),
    qfBUncertaintyPerKeV: nonNegative('larQF', 'uncertainty', 'b'),
    nuPerFlavourPerProton: positive('neutrinosPerProton', 'value'),
    nuPerFlavourPerProtonUncertainty: nonNegative('neutrinosPerProton', 'uncertainty'),
    resolutionA: nonNegative('energyResolution', 'value', 'a'),
    potTraceMeanNs: num('snsPOTTraceTiming', 'value', 'a'),
    potTraceMeanUncertaintyNs: nonNegative('snsPOTTraceTiming', 'uncertainty', 'a'),
    potTraceWidthNs: positive('snsPOTTraceTiming', 'value', 'b'),
    predicted: table((s) => norm(AR_NORMALISATION_KEYS[s].predicted, 'uncertainty')),
    bestFit: table((s) =>
      norm(AR_NORMALISATION_KEYS[s].bestFit, AR_NORMALISATION_KEYS[s].bestFitUncertainty),
    ),
  };
}
