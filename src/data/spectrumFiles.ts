/**
 * Readers of neutrino-spectrum files, turning them into the physics core's `NeutrinoSpectrum`:
 * (a) the zenith-binned atmospheric tables (../shared/data/spectra/atmos*.txt layout),
 * (b) two-column (E [MeV], dΦ/dE) tables such as b8.csv and hep.csv,
 * (c) user spectra with explicit units, JSON (UserSpectrumSchema) or CSV with `# key: value` directives.
 * Lines that are blank, start with `#`, or hold no number at all (text headers) are skipped; any other
 * line is a data row and must be complete. Errors are SpecError('invalid_spectrum') naming the file,
 * the line and the field.
 */
import { basename, extname, join } from 'node:path';
import type { z } from 'zod';
import { SpecError } from '../errors.js';
import {
  atmosphericSpectrum,
  solar8BSpectrum,
  solarHepSpectrum,
  tabulatedContinuum,
  type AtmosphericRow,
  type NeutrinoSpectrum,
} from '../physics/index.js';
import {
  ATMOSPHERIC_COLUMNS,
  AtmosphericRowSchema,
  ENERGY_UNIT_TO_MEV,
  parseUserSpectrumSpec,
  TwoColumnRowSchema,
  type UserSpectrumSpec,
} from './spectrumSchemas.js';
import { defaultSpectraDir } from './spectraDir.js';
import { readInputText } from './inputFiles.js';

export { defaultSpectraDir, packageRoot, SPECTRA_DIR_ENV } from './spectraDir.js';

/** The shared tables (../shared/data/spectra/README.md). */
export const SHARED_SPECTRUM_FILES = {
  b8: 'b8.csv',
  hep: 'hep.csv',
  atmos: 'atmos.txt',
  atmosExtrapolated: 'atmos_extrapolated.txt',
} as const;
export type SharedSpectrumKind = keyof typeof SHARED_SPECTRUM_FILES;

function readText(path: string): string {
  return readInputText(path, 'spectrum file');
}

interface DataLine {
  readonly line: number;
  readonly fields: readonly string[];
}

/** Data lines with their 1-based line numbers (see the module comment for what is skipped). */
function dataLines(text: string): DataLine[] {
  const out: DataLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const t = raw.trim();
    if (t === '' || t.startsWith('#')) return;
    const fields = t.split(/\s*[,;\t ]\s*/).filter((f) => f !== '');
    if (!fields.some((f) => Number.isFinite(Number(f)))) return; // a text header
    out.push({ line: i + 1, fields });
  });
  return out;
}

function rowError(source: string, line: number, field: string, message: string): SpecError {
  return new SpecError('invalid_spectrum', `${source} line ${line}: field '${field}' ${message}`, [
    source,
    line,
    field,
  ]);
}

/** Parse one data line into numbers, checking the column count and finiteness, then `schema`. */
function numericRow(d: DataLine, columns: readonly string[], source: string, schema: z.ZodType): number[] {
  if (d.fields.length !== columns.length) {
    throw new SpecError(
      'invalid_spectrum',
      `${source} line ${d.line}: ${d.fields.length} fields; expected ${columns.length} (${columns.join(', ')})`,
      [source, d.line],
    );
  }
  const values = d.fields.map((f, k) => {
    const v = Number(f);
    if (!Number.isFinite(v)) throw rowError(source, d.line, columns[k]!, `= "${f}" is not a finite number`);
    return v;
  });
  const r = schema.safeParse(values);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const k = Number(issue.path[0]);
    throw rowError(source, d.line, columns[k] ?? '?', `= ${values[k]}: ${issue.message}`);
  }
  return values;
}

/** Rows of an atmospheric table (E, cosθ, 6 flavour fluxes); every (E, cosθ) pair must occur once. */
export function parseAtmosphericTable(text: string, source: string): AtmosphericRow[] {
  const seen = new Map<string, number>();
  const rows = dataLines(text).map((d) => {
    const v = numericRow(d, ATMOSPHERIC_COLUMNS, source, AtmosphericRowSchema);
    const key = `${v[0]}|${v[1]}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw rowError(source, d.line, 'cosZenith', `repeats (E, cosθ) = (${v[0]}, ${v[1]}) of line ${first}`);
    }
    seen.set(key, d.line);
    return {
      eMeV: v[0]!,
      cosZenith: v[1]!,
      fluxPerCm2PerSPerSrPerMeV: v.slice(2) as [number, number, number, number, number, number],
    };
  });
  const energies = new Set(rows.map((r) => r.eMeV));
  const zeniths = new Set(rows.map((r) => r.cosZenith));
  if (energies.size < 2 || rows.length !== energies.size * zeniths.size) {
    throw new SpecError(
      'invalid_spectrum',
      `${source}: ${rows.length} rows do not form a complete grid of ${energies.size} energies × ${zeniths.size} zenith bins (≥ 2 energies needed)`,
      [source],
    );
  }
  return rows;
}

/** A two-column (E [MeV], dΦ/dE) table; energies strictly increasing, ≥ 2 points. */
export function parseTwoColumnSpectrum(text: string, source: string): { eMeV: number[]; density: number[] } {
  const eMeV: number[] = [];
  const density: number[] = [];
  for (const d of dataLines(text)) {
    const [e, y] = numericRow(d, ['eMeV', 'density'], source, TwoColumnRowSchema) as [number, number];
    const prev = eMeV[eMeV.length - 1];
    if (prev !== undefined && !(e > prev)) {
      throw rowError(source, d.line, 'eMeV', `= ${e} is not greater than the previous energy ${prev}`);
    }
    eMeV.push(e);
    density.push(y);
  }
  if (eMeV.length < 2) throw new SpecError('invalid_spectrum', `${source}: fewer than 2 data rows`, [source]);
  return { eMeV, density };
}

/** Build the spectrum of a validated user spec (one tabulated continuum). */
export function userSpectrumFromSpec(spec: UserSpectrumSpec): NeutrinoSpectrum {
  const eFactor = ENERGY_UNIT_TO_MEV[spec.energyUnit];
  const dFactor = spec.densityUnit === 'per_cm2_per_s_per_keV' ? 1e3 : 1;
  const continuum = tabulatedContinuum(
    spec.points.map(([e]) => e * eFactor),
    spec.points.map(([, d]) => d * dFactor),
    {
      label: spec.name,
      interpolation: spec.interpolation ?? 'linear',
      ...(spec.fluxPerCm2PerS !== undefined ? { fluxPerCm2PerS: spec.fluxPerCm2PerS } : {}),
    },
  );
  return {
    name: spec.name,
    description: spec.description ?? `user spectrum "${spec.name}"`,
    components: [continuum],
  };
}

/** A user spectrum from JSON text. */
export function parseUserSpectrumJson(text: string, source: string): NeutrinoSpectrum {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new SpecError('invalid_spectrum', `${source}: not valid JSON (${(e as Error).message})`, [source]);
  }
  return userSpectrumFromSpec(parseUserSpectrumSpec(raw, source));
}

const NUMERIC_DIRECTIVES = new Set(['fluxPerCm2PerS']);

/**
 * A user spectrum from CSV: `# key: value` directives (energyUnit, densityUnit, name, fluxPerCm2PerS,
 * interpolation, description) and two numeric columns. Errors on points name the CSV line.
 */
export function parseUserSpectrumCsv(text: string, source: string): NeutrinoSpectrum {
  const spec: Record<string, unknown> = { $schemaVersion: '1.0.0', name: basename(source, extname(source)) };
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*#\s*([A-Za-z$][\w$]*)\s*:\s*(.*?)\s*$/.exec(raw);
    if (m) spec[m[1]!] = NUMERIC_DIRECTIVES.has(m[1]!) ? Number(m[2]) : m[2];
  }
  const lines = dataLines(text);
  spec.points = lines.map((d) => {
    if (d.fields.length !== 2) {
      throw new SpecError(
        'invalid_spectrum',
        `${source} line ${d.line}: ${d.fields.length} fields; expected 2 (energy, density)`,
        [source, d.line],
      );
    }
    return d.fields.map((f, k) => {
      const v = Number(f);
      if (!Number.isFinite(v))
        throw rowError(source, d.line, k === 0 ? 'energy' : 'density', `= "${f}" is not a finite number`);
      return v;
    });
  });
  const locate = (p: readonly PropertyKey[]): string =>
    p[0] === 'points' && typeof p[1] === 'number'
      ? `line ${lines[p[1]]?.line ?? '?'}, field '${p[2] === 1 ? 'density' : 'energy'}'`
      : `directive '${String(p[0])}'`;
  return userSpectrumFromSpec(parseUserSpectrumSpec(spec, source, locate));
}

/** Read files: the atmospheric layout, a two-column table, a user spectrum (.json → JSON, else CSV). */
export function readAtmosphericTable(path: string): AtmosphericRow[] {
  return parseAtmosphericTable(readText(path), basename(path));
}
export function readTwoColumnSpectrum(path: string): { eMeV: number[]; density: number[] } {
  return parseTwoColumnSpectrum(readText(path), basename(path));
}
export function readUserSpectrum(path: string): NeutrinoSpectrum {
  const text = readText(path);
  return extname(path).toLowerCase() === '.json'
    ? parseUserSpectrumJson(text, basename(path))
    : parseUserSpectrumCsv(text, basename(path));
}

/**
 * One of the shared tables as a spectrum, at the table's own absolute flux (b8.csv 5.58×10⁶,
 * hep.csv 8.04×10³, atmos_extrapolated.txt 7.86, atmos.txt 3.37 cm⁻² s⁻¹).
 */
export function loadSharedSpectrum(
  kind: SharedSpectrumKind,
  dir: string = defaultSpectraDir(),
): NeutrinoSpectrum {
  const path = join(dir, SHARED_SPECTRUM_FILES[kind]);
  if (kind === 'atmos' || kind === 'atmosExtrapolated') {
    return atmosphericSpectrum(readAtmosphericTable(path), {
      name: `atmospheric (${SHARED_SPECTRUM_FILES[kind]})`,
    });
  }
  const table = readTwoColumnSpectrum(path);
  return kind === 'b8'
    ? solar8BSpectrum({ table, fluxPerCm2PerS: 'table' })
    : solarHepSpectrum({ table, fluxPerCm2PerS: 'table' });
}
