/**
 * Reader of the COHERENT CENNS-10 liquid-argon "Analysis A" data release (D. Akimov et al.,
 * Phys. Rev. Lett. 126, 012002 (2021), arXiv:2003.10630; release note arXiv:2006.12659; data record
 * doi:10.5281/zenodo.3903810). Layouts: ../shared/data/coherent-ar-2020/README.md. Parsing only.
 */
import { ToolkitError } from '../errors.js';
import { parseNumericRows, parseParameterYaml, readReleaseFile, yamlNumber } from './textTables.js';

export const AR_2020_RECORD = {
  dataRecordDoi: '10.5281/zenodo.3903810',
  releaseNote: 'arXiv:2006.12659',
  citation: 'D. Akimov et al. (COHERENT), Phys. Rev. Lett. 126, 012002 (2021)',
  arXiv: '2003.10630',
  doi: '10.1103/PhysRevLett.126.012002',
} as const;

export const AR_2020_FILES = {
  data: 'datanobkgsub.txt',
  steadyState: 'bkgpdf.txt',
  cevns: 'cevnspdf.txt',
  promptBrn: 'brnpdf.txt',
  delayedBrn: 'delbrnpdf.txt',
  efficiency: 'CENNS10AnlAEfficiency.txt',
  parameters: 'LArParametersAnlA.yaml',
} as const;

/**
 * The release's 3D binning: [origin, width, count] of reconstructed energy (keVee), F90 and arrival
 * time (µs). Bin i spans [origin + i·width, origin + (i+1)·width); file rows give bin centres.
 */
export const AR_2020_AXES = {
  energyKeVee: { origin: 0, width: 10, n: 12 },
  f90: { origin: 0.5, width: 0.05, n: 8 },
  timeUs: { origin: -0.1, width: 0.5, n: 10 },
} as const;

type Axis = (typeof AR_2020_AXES)[keyof typeof AR_2020_AXES];

/** A 3D histogram `values[e][f][t]` on AR_2020_AXES, with its total. */
export interface ArCube {
  readonly values: readonly (readonly (readonly number[])[])[];
  readonly total: number;
}

export interface CoherentAr2020Parameters {
  readonly potE22: number;
  readonly distanceM: number;
  readonly fiducialMassKg: number;
  readonly fiducialMassUncertaintyKg: number;
  readonly qfA: number;
  readonly qfAUncertainty: number;
  readonly qfBPerKeV: number;
  readonly qfBUncertaintyPerKeV: number;
  readonly nuPerFlavourPerProton: number;
  readonly nuPerFlavourPerProtonUncertainty: number;
  readonly resolutionA: number;
  readonly predicted: Readonly<
    Record<'cevns' | 'promptBrn' | 'delayedBrn' | 'steadyState', { value: number; uncertainty: number }>
  >;
}

export interface CoherentAr2020Release {
  readonly data: ArCube;
  readonly steadyState: ArCube;
  readonly cevns: ArCube;
  readonly promptBrn: ArCube;
  readonly delayedBrn: ArCube;
  /** Efficiency in 0.5-keVee bins of reconstructed energy: bin centres [keVee] and values. */
  readonly efficiency: { readonly eCentresKeVee: readonly number[]; readonly values: readonly number[] };
  readonly parameters: CoherentAr2020Parameters;
}

function index(axis: Axis, centre: number, file: string): number {
  const i = Math.round((centre - axis.origin) / axis.width - 0.5);
  if (i < 0 || i >= axis.n || Math.abs(axis.origin + (i + 0.5) * axis.width - centre) > 1e-6) {
    throw new ToolkitError('invalid_input', `${file}: bin centre ${centre} is not on the release grid`, [
      file,
    ]);
  }
  return i;
}

function readCube(dir: string, file: string, integerCounts: boolean): ArCube {
  const { energyKeVee: E, f90: F, timeUs: T } = AR_2020_AXES;
  const values = Array.from({ length: E.n }, () =>
    Array.from({ length: F.n }, () => new Array<number>(T.n).fill(0)),
  );
  let total = 0;
  for (const [e, f, t, v] of parseNumericRows(readReleaseFile(dir, file), 4, file) as number[][] as [
    number,
    number,
    number,
    number,
  ][]) {
    if (!(v >= 0) || (integerCounts && !Number.isInteger(v))) {
      throw new ToolkitError(
        'invalid_input',
        `${file}: content ${v} at (${e}, ${f}, ${t}) is not a valid count`,
        [file],
      );
    }
    values[index(E, e, file)]![index(F, f, file)]![index(T, t, file)]! += v;
    total += v;
  }
  return { values, total };
}

function readParameters(dir: string): CoherentAr2020Parameters {
  const file = AR_2020_FILES.parameters;
  const y = parseParameterYaml(readReleaseFile(dir, file));
  const num = (block: string, field: string, parameter?: string): number =>
    yamlNumber(y, file, block, field, parameter);
  const pred = (block: string) => ({ value: num(block, 'value'), uncertainty: num(block, 'uncertainty') });
  return {
    potE22: num('beamExposure', 'value'),
    distanceM: num('distanceToTarget', 'value'),
    fiducialMassKg: num('fiducialMass', 'value'),
    fiducialMassUncertaintyKg: num('fiducialMass', 'uncertainty'),
    qfA: num('larQF', 'value', 'a'),
    qfAUncertainty: num('larQF', 'uncertainty', 'a'),
    qfBPerKeV: num('larQF', 'value', 'b'),
    qfBUncertaintyPerKeV: num('larQF', 'uncertainty', 'b'),
    nuPerFlavourPerProton: num('neutrinosPerProton', 'value'),
    nuPerFlavourPerProtonUncertainty: num('neutrinosPerProton', 'uncertainty'),
    resolutionA: num('energyResolution', 'value', 'a'),
    predicted: {
      cevns: pred('cevnsPredictionNormalization'),
      promptBrn: pred('promptBeamRelatedNeutronPredictionNormalization'),
      delayedBrn: pred('delayedBeamRelatedNeutronPredictionNormalization'),
      steadyState: pred('ssBackgroundPredictionNormalization'),
    },
  };
}

/** Read the files of the release folder `dir` (…/shared/data/coherent-ar-2020) that the builder uses. */
export function readCoherentAr2020Release(dir: string): CoherentAr2020Release {
  const effFile = AR_2020_FILES.efficiency;
  const eff = parseNumericRows(readReleaseFile(dir, effFile), 3, effFile);
  return {
    data: readCube(dir, AR_2020_FILES.data, true),
    steadyState: readCube(dir, AR_2020_FILES.steadyState, false),
    cevns: readCube(dir, AR_2020_FILES.cevns, false),
    promptBrn: readCube(dir, AR_2020_FILES.promptBrn, false),
    delayedBrn: readCube(dir, AR_2020_FILES.delayedBrn, false),
    efficiency: { eCentresKeVee: eff.map((r) => r[0]!), values: eff.map((r) => r[2]!) },
    parameters: readParameters(dir),
  };
}
