/**
 * Reader of the COHERENT CENNS-10 liquid-argon "Analysis A" data release (D. Akimov et al.,
 * Phys. Rev. Lett. 126, 012002 (2021), arXiv:2003.10630; release note arXiv:2006.12659; data record
 * doi:10.5281/zenodo.3903810). Layouts: ../shared/data/coherent-ar-2020/README.md. Parsing and
 * validation only; every problem is a SpecError naming the file and line (or the YAML key).
 *
 * The 3D files list one bin per line: reconstructed-energy bin centre [keVee], F90 bin centre,
 * arrival-time bin centre [µs], content. Each must give every bin of the grid AR_2020_AXES exactly
 * once (a missing bin means a truncated file), with a finite content ≥ 0 (an integer for the data).
 */
import { SpecError } from '../../../errors.js';
import { readReleaseFile } from '../../textTables.js';
import { readArParameters, type CoherentAr2020Parameters } from './parameters.js';

export const AR_2020_RECORD = {
  dataRecordDoi: '10.5281/zenodo.3903810',
  releaseNote: 'arXiv:2006.12659',
  citation: 'D. Akimov et al. (COHERENT), Phys. Rev. Lett. 126, 012002 (2021)',
  arXiv: '2003.10630',
  doi: '10.1103/PhysRevLett.126.012002',
} as const;

/** The nominal files: observed data, the four PDFs, the efficiency and the parameters. */
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
 * The PDFs under systematic shifts (release README). Two-sided pairs give the ±1σ templates; the CEvNS
 * timing-mean and BRN timing-width files are one-sided (a single shifted template each).
 */
export const AR_2020_VARIATION_FILES = {
  cevnsF90Plus: 'cevnspdf+1sigF90.txt',
  cevnsF90Minus: 'cevnspdf-1sigF90.txt',
  cevnsTimingMean: 'cevnspdfCEvNSTimingMeanSyst.txt',
  brnEnergyPlus: 'brnpdf+1sigEnergy.txt',
  brnEnergyMinus: 'brnpdf-1sigEnergy.txt',
  brnTimingMeanPlus: 'brnpdf+1sigBRNTimingMean.txt',
  brnTimingMeanMinus: 'brnpdf-1sigBRNTimingMean.txt',
  brnTimingWidth: 'brnpdfBRNTimingWidthSyst.txt',
} as const;

export type ArVariation = keyof typeof AR_2020_VARIATION_FILES;

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

/** Bins of the 3D grid: 12 × 8 × 10 = 960. */
export const AR_2020_BINS = AR_2020_AXES.energyKeVee.n * AR_2020_AXES.f90.n * AR_2020_AXES.timeUs.n;

/** Bins per energy slice (F90 × time). */
export const AR_2020_BINS_PER_ENERGY = AR_2020_AXES.f90.n * AR_2020_AXES.timeUs.n;

/** Flat index of bin (e, f, t): row-major, energy slowest and time fastest (the files' order). */
export function cubeIndex(e: number, f: number, t: number): number {
  return (e * AR_2020_AXES.f90.n + f) * AR_2020_AXES.timeUs.n + t;
}

/** Edges of an axis (origin + k·width, k = 0..n). */
export function axisEdges(axis: Axis): number[] {
  return Array.from({ length: axis.n + 1 }, (_, k) => Number((axis.origin + k * axis.width).toFixed(10)));
}

/** A 3D histogram on AR_2020_AXES: `values[cubeIndex(e, f, t)]`, with its total and source file. */
export interface ArCube {
  readonly file: string;
  readonly values: Float64Array;
  readonly total: number;
}

export interface ArEfficiency {
  /** Centres of the 0.5-keVee reconstructed-energy bins [keVee] (0.25, 0.75, …). */
  readonly eCentresKeVee: readonly number[];
  /** The recoil energy the release lists for each centre [keV_nr]. */
  readonly tNrKeV: readonly number[];
  /** Acceptance efficiency in each bin, in [0, 1]. */
  readonly values: readonly number[];
}

export interface CoherentAr2020Release {
  readonly data: ArCube;
  readonly steadyState: ArCube;
  readonly cevns: ArCube;
  readonly promptBrn: ArCube;
  readonly delayedBrn: ArCube;
  readonly efficiency: ArEfficiency;
  readonly parameters: CoherentAr2020Parameters;
}

function fail(file: string, line: number | undefined, message: string): never {
  const at = line === undefined ? file : `${file} line ${line}`;
  throw new SpecError('invalid_input', `${at}: ${message}`, line === undefined ? [file] : [file, line]);
}

/** Data lines of a text file: non-blank, not `#` comments, split on whitespace or commas. */
function dataLines(text: string): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const s = raw.trim();
    if (s === '' || s.startsWith('#')) return;
    out.push({ line: i + 1, fields: s.split(/[\s,]+/) });
  });
  return out;
}

/** The numbers of one line, exactly `names.length` of them, finite, or an error naming the line. */
function lineNumbers(file: string, line: number, fields: string[], names: readonly string[]): number[] {
  if (fields.length !== names.length) {
    fail(file, line, `${fields.length} fields; expected ${names.length} (${names.join(', ')})`);
  }
  return fields.map((f, k) => {
    const v = Number(f);
    if (!Number.isFinite(v)) fail(file, line, `${names[k]} "${f}" is not a finite number`);
    return v;
  });
}

function binOf(axis: Axis, centre: number, what: string, file: string, line: number): number {
  const i = Math.round((centre - axis.origin) / axis.width - 0.5);
  if (i < 0 || i >= axis.n || Math.abs(axis.origin + (i + 0.5) * axis.width - centre) > 1e-6) {
    const first = axis.origin + 0.5 * axis.width;
    const last = axis.origin + (axis.n - 0.5) * axis.width;
    fail(
      file,
      line,
      `${what} bin centre ${centre} is not on the release grid (centres ${first}, ${first + axis.width}, …, ${Number(last.toFixed(10))})`,
    );
  }
  return i;
}

const CUBE_COLUMNS = ['energy [keVee]', 'F90', 'time [us]', 'content'] as const;

/** Read and validate one 3D file of the release folder `dir`. */
export function readArCube(dir: string, file: string, integerCounts: boolean): ArCube {
  const { energyKeVee: E, f90: F, timeUs: T } = AR_2020_AXES;
  const values = new Float64Array(AR_2020_BINS);
  const seenOnLine = new Int32Array(AR_2020_BINS);
  let total = 0;
  for (const { line, fields } of dataLines(readReleaseFile(dir, file))) {
    const [e, f, t, v] = lineNumbers(file, line, fields, CUBE_COLUMNS) as [number, number, number, number];
    const k = cubeIndex(
      binOf(E, e, 'energy', file, line),
      binOf(F, f, 'F90', file, line),
      binOf(T, t, 'time', file, line),
    );
    if (seenOnLine[k] !== 0)
      fail(file, line, `bin (${e}, ${f}, ${t}) was already given on line ${seenOnLine[k]}`);
    if (v < 0) fail(file, line, `content ${v} is negative; expected events ≥ 0`);
    if (integerCounts && !Number.isInteger(v)) fail(file, line, `content ${v} is not an integer event count`);
    seenOnLine[k] = line;
    values[k] = v;
    total += v;
  }
  const missing = seenOnLine.indexOf(0);
  if (missing >= 0) {
    const given = seenOnLine.reduce((n, l) => n + (l > 0 ? 1 : 0), 0);
    const t = missing % T.n;
    const f = Math.floor(missing / T.n) % F.n;
    const e = Math.floor(missing / (T.n * F.n));
    const centre = (a: Axis, i: number) => Number((a.origin + (i + 0.5) * a.width).toFixed(10));
    fail(
      file,
      undefined,
      `${given} of ${AR_2020_BINS} bins given; bin (${centre(E, e)} keVee, F90 ${centre(F, f)}, ${centre(T, t)} us) is missing (truncated file?)`,
    );
  }
  return { file, values, total };
}

const EFFICIENCY_COLUMNS = ['energy bin centre [keVee]', 'recoil energy [keVnr]', 'efficiency'] as const;
/** Width of the efficiency table's reconstructed-energy bins [keVee] (release README). */
export const AR_2020_EFFICIENCY_BIN_KEVEE = 0.5;

/** CENNS10AnlAEfficiency.txt: consecutive 0.5-keVee bins from 0, efficiency in [0, 1]. */
export function readArEfficiency(dir: string): ArEfficiency {
  const file = AR_2020_FILES.efficiency;
  const w = AR_2020_EFFICIENCY_BIN_KEVEE;
  const eCentresKeVee: number[] = [];
  const tNrKeV: number[] = [];
  const values: number[] = [];
  for (const { line, fields } of dataLines(readReleaseFile(dir, file))) {
    const [e, t, eff] = lineNumbers(file, line, fields, EFFICIENCY_COLUMNS) as [number, number, number];
    const expected = (values.length + 0.5) * w;
    if (Math.abs(e - expected) > 1e-9) {
      fail(file, line, `bin centre ${e} keVee; expected ${expected} (consecutive ${w}-keVee bins from 0)`);
    }
    if (!(t >= 0)) fail(file, line, `recoil energy ${t} keVnr is negative; expected ≥ 0`);
    if (!(eff >= 0 && eff <= 1)) fail(file, line, `efficiency ${eff} is outside [0, 1]`);
    eCentresKeVee.push(e);
    tNrKeV.push(t);
    values.push(eff);
  }
  if (values.length === 0) fail(file, undefined, 'no efficiency rows');
  return { eCentresKeVee, tNrKeV, values };
}

/** Read and validate the nominal files of the release folder `dir` (…/shared/data/coherent-ar-2020). */
export function readCoherentAr2020Release(dir: string): CoherentAr2020Release {
  return {
    data: readArCube(dir, AR_2020_FILES.data, true),
    steadyState: readArCube(dir, AR_2020_FILES.steadyState, false),
    cevns: readArCube(dir, AR_2020_FILES.cevns, false),
    promptBrn: readArCube(dir, AR_2020_FILES.promptBrn, false),
    delayedBrn: readArCube(dir, AR_2020_FILES.delayedBrn, false),
    efficiency: readArEfficiency(dir),
    parameters: readArParameters(dir, AR_2020_FILES.parameters),
  };
}

/** Read and validate the eight systematic-variation files. */
export function readCoherentAr2020Variations(dir: string): Readonly<Record<ArVariation, ArCube>> {
  const out = {} as Record<ArVariation, ArCube>;
  for (const [key, file] of Object.entries(AR_2020_VARIATION_FILES) as [ArVariation, string][]) {
    out[key] = readArCube(dir, file, false);
  }
  return out;
}
