/**
 * Reader of the COHERENT CsI[Na] 2017 data release (D. Akimov et al., Science 357, 1123 (2017),
 * arXiv:1708.01294; release note arXiv:1804.09459; data record doi:10.5281/zenodo.1228631).
 * File layouts are described in ../shared/data/coherent-csi-2017/README.md. Nothing is computed here:
 * the files are parsed into typed arrays, checked for the expected binning, and returned.
 */
import { ToolkitError } from '../errors.js';
import { parseNumericRows, parseParameterYaml, readReleaseFile, yamlNumber } from './textTables.js';

export const CSI_2017_RECORD = {
  dataRecordDoi: '10.5281/zenodo.1228631',
  releaseNote: 'arXiv:1804.09459',
  citation: 'D. Akimov et al. (COHERENT), Science 357, 1123 (2017)',
  arXiv: '1708.01294',
  doi: '10.1126/science.aao0990',
} as const;

/** The publication and provenance fields every dataset built from this release carries. */
export function csi2017Record(generator: string) {
  return {
    publication: {
      citation: CSI_2017_RECORD.citation,
      arXiv: CSI_2017_RECORD.arXiv,
      doi: CSI_2017_RECORD.doi,
    },
    provenance: {
      dataRecordDoi: CSI_2017_RECORD.dataRecordDoi,
      releaseNote: CSI_2017_RECORD.releaseNote,
      files: Object.values(CSI_2017_FILES) as string[],
      generator,
    },
  };
}

export const CSI_2017_FILES = {
  coincidenceBeamOn: 'data_coincidence_beamOn.txt',
  anticoincidenceBeamOn: 'data_anticoincidence_beamOn.txt',
  coincidenceBeamOff: 'data_coincidence_beamOff.txt',
  anticoincidenceBeamOff: 'data_anticoincidence_beamOff.txt',
  promptNeutrinoTimes: 'arrivalTimePDF_promptNeutrinos.txt',
  delayedNeutrinoTimes: 'arrivalTimePDF_delayedNeutrinos.txt',
  promptNeutronTimes: 'arrivalTimePDF_promptNeutrons.txt',
  promptNeutronPe: 'promptPDF.txt',
  qfChicago: 'qfData_chicago.txt',
  qfTunl: 'qfData_tunl.txt',
  parameters: 'coherent_parameters.yaml',
} as const;

/** Release binning: 25 PE bins of 2 PE (edges 0–50) × 24 arrival-time bins of 0.5 µs (0–12 µs). */
export const CSI_2017_PE_BIN_WIDTH = 2;
export const CSI_2017_PE_BINS = 25;
export const CSI_2017_TIME_BIN_WIDTH_US = 0.5;
export const CSI_2017_TIME_BINS = 24;

/** Counts in (PE bin, time bin); `counts[p][t]` for PE bin [2p, 2p+2) and time bin [0.5t, 0.5t+0.5) µs. */
export interface PeTimeCounts {
  readonly counts: readonly (readonly number[])[];
  readonly total: number;
}

export interface QfPoint {
  readonly tKeV: number;
  readonly qf: number;
  /** Symmetric or (hi, lo) errors on the QF as given. */
  readonly qfErrHi: number;
  readonly qfErrLo: number;
}

export interface CoherentCsi2017Parameters {
  readonly beamExposureGWhr: number;
  readonly distanceM: number;
  readonly qf: number;
  readonly qfUncertainty: number;
  readonly lightYieldPePerKeVee: number;
  readonly lightYieldUncertainty: number;
  readonly nuPerFlavourPerProton: number;
  readonly nuPerFlavourPerProtonUncertainty: number;
  readonly promptNeutronNormUncertainty: number;
  /** Acceptance f(x) = a/(1 + exp(−k(x − x0)))·H(x − 5), with asymmetric 1σ errors. */
  readonly acceptance: Readonly<Record<'a' | 'k' | 'x0', { value: number; errHi: number; errLo: number }>>;
}

export interface CoherentCsi2017Release {
  readonly coincidenceBeamOn: PeTimeCounts;
  readonly anticoincidenceBeamOn: PeTimeCounts;
  readonly coincidenceBeamOff: PeTimeCounts;
  readonly anticoincidenceBeamOff: PeTimeCounts;
  /** Probability per 0.5-µs arrival-time bin (24 bins, 0–12 µs), each summing to 1. */
  readonly arrivalTime: Readonly<
    Record<'promptNeutrinos' | 'delayedNeutrinos' | 'promptNeutrons', readonly number[]>
  >;
  /** Prompt-neutron spectrum per GWhr in 1-PE bins [k, k+1), k = 0..49, before acceptance. */
  readonly promptNeutronsPerGWhr: readonly number[];
  readonly qfChicago: readonly QfPoint[];
  readonly qfTunl: readonly QfPoint[];
  readonly parameters: CoherentCsi2017Parameters;
}

function binIndex(centre: number, width: number, n: number, source: string, what: string): number {
  const i = Math.round(centre / width - 0.5);
  if (i < 0 || i >= n || Math.abs((i + 0.5) * width - centre) > 1e-9) {
    throw new ToolkitError(
      'invalid_input',
      `${source}: ${what} centre ${centre} is not on the release grid`,
      [source],
    );
  }
  return i;
}

function readPeTime(dir: string, file: string): PeTimeCounts {
  const counts = Array.from({ length: CSI_2017_PE_BINS }, () =>
    new Array<number>(CSI_2017_TIME_BINS).fill(0),
  );
  let total = 0;
  for (const [pe, t, n] of parseNumericRows(readReleaseFile(dir, file), 3, file) as [
    number,
    number,
    number,
  ][]) {
    if (!Number.isInteger(n) || n < 0)
      throw new ToolkitError('invalid_input', `${file}: count ${n} is not ≥ 0`, [file]);
    const p = binIndex(pe, CSI_2017_PE_BIN_WIDTH, CSI_2017_PE_BINS, file, 'PE');
    const k = binIndex(t, CSI_2017_TIME_BIN_WIDTH_US, CSI_2017_TIME_BINS, file, 'time');
    counts[p]![k]! += n;
    total += n;
  }
  return { counts, total };
}

function readTimePdf(dir: string, file: string): number[] {
  const p = new Array<number>(CSI_2017_TIME_BINS).fill(0);
  for (const [t, prob] of parseNumericRows(readReleaseFile(dir, file), 2, file) as [number, number][]) {
    p[binIndex(t, CSI_2017_TIME_BIN_WIDTH_US, CSI_2017_TIME_BINS, file, 'time')]! += prob;
  }
  return p;
}

function readQf(dir: string, file: string, columns: 4 | 6): QfPoint[] {
  return parseNumericRows(readReleaseFile(dir, file), columns, file).map((r) =>
    columns === 4
      ? { tKeV: r[0]!, qf: r[2]!, qfErrHi: r[3]!, qfErrLo: r[3]! }
      : { tKeV: r[0]!, qf: r[3]!, qfErrHi: r[4]!, qfErrLo: r[5]! },
  );
}

function readParameters(dir: string): CoherentCsi2017Parameters {
  const file = CSI_2017_FILES.parameters;
  const y = parseParameterYaml(readReleaseFile(dir, file));
  const num = (block: string, field: string, parameter?: string): number =>
    yamlNumber(y, file, block, field, parameter);
  const acc = (name: string) => ({
    value: num('acceptanceEfficiency', 'value', name),
    errHi: num('acceptanceEfficiency', 'error_hi', name),
    errLo: num('acceptanceEfficiency', 'error_lo', name),
  });
  return {
    beamExposureGWhr: num('beamExposure', 'value'),
    distanceM: num('distanceToTarget', 'value'),
    qf: num('csiQF', 'value'),
    qfUncertainty: num('csiQF', 'uncertainty'),
    lightYieldPePerKeVee: num('csiLightYield', 'value'),
    lightYieldUncertainty: num('csiLightYield', 'uncertainty'),
    nuPerFlavourPerProton: num('neutrinosPerProton', 'value'),
    nuPerFlavourPerProtonUncertainty: num('neutrinosPerProton', 'uncertainty'),
    promptNeutronNormUncertainty: num('promptNeutronNormalization', 'uncertainty'),
    acceptance: { a: acc('a'), k: acc('k'), x0: acc('x_0') },
  };
}

/** Read every file of the release folder `dir` (…/shared/data/coherent-csi-2017). */
export function readCoherentCsi2017Release(dir: string): CoherentCsi2017Release {
  const pe = new Array<number>(50).fill(0);
  const peFile = CSI_2017_FILES.promptNeutronPe;
  for (const [centre, perGWhr] of parseNumericRows(readReleaseFile(dir, peFile), 2, peFile) as [
    number,
    number,
  ][]) {
    pe[binIndex(centre, 1, 50, peFile, 'PE')]! += perGWhr;
  }
  return {
    coincidenceBeamOn: readPeTime(dir, CSI_2017_FILES.coincidenceBeamOn),
    anticoincidenceBeamOn: readPeTime(dir, CSI_2017_FILES.anticoincidenceBeamOn),
    coincidenceBeamOff: readPeTime(dir, CSI_2017_FILES.coincidenceBeamOff),
    anticoincidenceBeamOff: readPeTime(dir, CSI_2017_FILES.anticoincidenceBeamOff),
    arrivalTime: {
      promptNeutrinos: readTimePdf(dir, CSI_2017_FILES.promptNeutrinoTimes),
      delayedNeutrinos: readTimePdf(dir, CSI_2017_FILES.delayedNeutrinoTimes),
      promptNeutrons: readTimePdf(dir, CSI_2017_FILES.promptNeutronTimes),
    },
    promptNeutronsPerGWhr: pe,
    qfChicago: readQf(dir, CSI_2017_FILES.qfChicago, 4),
    qfTunl: readQf(dir, CSI_2017_FILES.qfTunl, 6),
    parameters: readParameters(dir),
  };
}
