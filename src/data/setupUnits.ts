/**
 * Dimensioned quantities of a setup file, with their units (STYLE P2: "units belong in names and
 * types"). Every dimensioned number of a setup is written either as an object `{"value": 1, "unit": "kg"}`
 * or as a string `"1 kg"`; a bare number is rejected ("missing unit"), and so is an unknown unit.
 * Each unit kind has a table of accepted spellings with the factor to the internal unit (kg, s, m, MW,
 * cm⁻² s⁻¹, keV of the named scale, MeV for neutrino energies).
 *
 * The zod schemas here parse to `{ value, unit, si }`: `si` is the value in the internal unit, so
 * nothing downstream converts again.
 */
import * as z from 'zod';
import { MASS_UNITS_KG, SECONDS_PER_DAY, SECONDS_PER_YEAR } from '../physics/index.js';

/** Energy scale of a detector energy: nuclear recoil (keV_nr) or electron equivalent (keV_ee). */
export type EnergyScale = 'nr' | 'ee';

/** A parsed quantity: the number and unit as written, and the value in the internal unit. */
export interface Quantity<U extends string = string> {
  readonly value: number;
  readonly unit: U;
  readonly si: number;
}

/** A detector energy: in keV of its scale. */
export interface EnergyQuantity extends Quantity {
  readonly scale: EnergyScale;
}

export const MASS_UNITS: Readonly<Record<string, number>> = { ...MASS_UNITS_KG };
export const TIME_UNITS: Readonly<Record<string, number>> = {
  s: 1,
  h: 3600,
  day: SECONDS_PER_DAY,
  yr: SECONDS_PER_YEAR,
};
export const DISTANCE_UNITS: Readonly<Record<string, number>> = { m: 1, km: 1000, cm: 0.01 };
export const POWER_UNITS: Readonly<Record<string, number>> = { MW: 1, GW: 1000, MWth: 1, GWth: 1000 };
/** Flux units → cm⁻² s⁻¹. */
export const FLUX_UNITS: Readonly<Record<string, number>> = {
  'cm-2 s-1': 1,
  'cm-2 day-1': 1 / SECONDS_PER_DAY,
  'cm-2 yr-1': 1 / SECONDS_PER_YEAR,
};
/** Neutrino energies → MeV. */
export const NU_ENERGY_UNITS: Readonly<Record<string, number>> = { MeV: 1, keV: 1e-3 };
/** Detector energies → keV of the scale in the unit's name. */
export const ENERGY_UNITS: Readonly<Record<string, { keV: number; scale: EnergyScale }>> = {
  eVnr: { keV: 1e-3, scale: 'nr' },
  keVnr: { keV: 1, scale: 'nr' },
  MeVnr: { keV: 1e3, scale: 'nr' },
  eVee: { keV: 1e-3, scale: 'ee' },
  keVee: { keV: 1, scale: 'ee' },
  MeVee: { keV: 1e3, scale: 'ee' },
};
/** Stochastic resolution coefficients a in σ² = σ0² + a²·E → sqrt(keV) of the scale. */
export const STOCHASTIC_UNITS: Readonly<Record<string, { sqrtKeV: number; scale: EnergyScale }>> = {
  'sqrt(keVee)': { sqrtKeV: 1, scale: 'ee' },
  'sqrt(keVnr)': { sqrtKeV: 1, scale: 'nr' },
};

/** Normalise a unit spelling: drop spaces and underscores around scale tags, unify ⁻ and ^. */
export function normaliseUnit(unit: string): string {
  return unit
    .trim()
    .replace(/_(ee|nr)\b/g, '$1')
    .replace(/\s+/g, ' ')
    .replace(/⁻¹/g, '-1')
    .replace(/⁻²/g, '-2')
    .replace(/\^/g, '');
}

/** Flux spellings accepted besides the canonical ones. */
const FLUX_ALIASES: Readonly<Record<string, string>> = {
  '/cm2/s': 'cm-2 s-1',
  '/(cm2 s)': 'cm-2 s-1',
  'cm-2s-1': 'cm-2 s-1',
  '/cm2/day': 'cm-2 day-1',
  '/cm2/yr': 'cm-2 yr-1',
};

interface UnitOptions {
  /** 'positive': > 0; 'nonNegative': ≥ 0 (default). */
  readonly sign?: 'positive' | 'nonNegative';
  /** What the quantity is, for messages ("a mass"). */
  readonly noun: string;
}

type Ctx = z.core.$RefinementCtx<unknown>;

function issue(ctx: Ctx, message: string, path: (string | number)[] = []): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message, path, input: undefined });
  return z.NEVER;
}

/** Split `"300 eVee"` / `{value, unit}` into parts, reporting what is missing. */
function splitQuantity(raw: unknown, ctx: Ctx, example: string): { value: number; unit: string } | undefined {
  if (raw === undefined) {
    issue(ctx, `is missing; expected a quantity with its unit, e.g. ${example}`);
    return undefined;
  }
  if (typeof raw === 'number') {
    issue(ctx, `${raw} has no unit (missing unit); write e.g. ${example}`);
    return undefined;
  }
  if (typeof raw === 'string') {
    const m = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$/.exec(raw);
    if (!m) {
      issue(ctx, `"${raw}" is not a number followed by a unit; expected e.g. ${example}`);
      return undefined;
    }
    if (m[2] === '') {
      issue(ctx, `"${raw}" has no unit (missing unit); write e.g. ${example}`);
      return undefined;
    }
    return { value: Number(m[1]), unit: m[2]! };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    issue(ctx, `${JSON.stringify(raw)} is not a quantity; expected e.g. ${example}`);
    return undefined;
  }
  const o = raw as Record<string, unknown>;
  const extra = Object.keys(o).filter((k) => k !== 'value' && k !== 'unit');
  if (extra.length > 0) {
    issue(ctx, `unknown field "${extra[0]}"; a quantity has only "value" and "unit"`, [extra[0]!]);
    return undefined;
  }
  if (typeof o.value !== 'number' || !Number.isFinite(o.value)) {
    issue(
      ctx,
      o.value === undefined
        ? 'is missing; expected a finite number'
        : `${JSON.stringify(o.value)} is not a finite number`,
      ['value'],
    );
    return undefined;
  }
  if (o.unit === undefined) {
    issue(ctx, `missing unit; expected e.g. ${example}`, ['unit']);
    return undefined;
  }
  if (typeof o.unit !== 'string') {
    issue(ctx, `${JSON.stringify(o.unit)} is not a unit string`, ['unit']);
    return undefined;
  }
  return { value: o.value, unit: o.unit };
}

function checkSign(
  v: number,
  opts: UnitOptions,
  ctx: Ctx,
  where: (string | number)[],
  unit: string,
): boolean {
  if (!Number.isFinite(v)) {
    issue(ctx, `${v} is not a finite number`, where);
    return false;
  }
  if (opts.sign === 'positive' && !(v > 0)) {
    issue(ctx, `${v} ${unit} is not positive; expected ${opts.noun} > 0`, where);
    return false;
  }
  if ((opts.sign ?? 'nonNegative') === 'nonNegative' && v < 0) {
    issue(ctx, `${v} ${unit} is negative; expected ${opts.noun} ≥ 0`, where);
    return false;
  }
  return true;
}

/** A quantity with units from `table` (unit → factor to the internal unit). */
export function quantitySchema(table: Readonly<Record<string, number>>, opts: UnitOptions, aliases = {}) {
  const units = Object.keys(table);
  const example = `{"value": 1, "unit": "${units[0]}"} or "1 ${units[0]}"`;
  return z.unknown().transform((raw, ctx): Quantity => {
    const parts = splitQuantity(raw, ctx, example);
    if (parts === undefined) return z.NEVER;
    const norm = normaliseUnit(parts.unit);
    const unit = (aliases as Record<string, string>)[norm] ?? norm;
    const factor = table[unit];
    if (factor === undefined) {
      return issue(
        ctx,
        `unknown unit "${parts.unit}" for ${opts.noun}; expected one of ${units.join(', ')}`,
        typeof raw === 'object' ? ['unit'] : [],
      );
    }
    if (!checkSign(parts.value, opts, ctx, typeof raw === 'object' ? ['value'] : [], unit)) return z.NEVER;
    return { value: parts.value, unit, si: parts.value * factor };
  });
}

/** A detector energy in eV/keV/MeV of the nr or ee scale; `si` in keV of that scale. */
export function energySchema(opts: UnitOptions) {
  const units = Object.keys(ENERGY_UNITS);
  const example = `{"value": 1, "unit": "keVnr"} or "300 eVee"`;
  return z.unknown().transform((raw, ctx): EnergyQuantity => {
    const parts = splitQuantity(raw, ctx, example);
    if (parts === undefined) return z.NEVER;
    const unit = normaliseUnit(parts.unit);
    const u = ENERGY_UNITS[unit];
    if (u === undefined) {
      const hint = /^(e|ke|Me)V$/.test(unit)
        ? ' (say which scale: nuclear recoil "nr" or electron equivalent "ee")'
        : '';
      return issue(
        ctx,
        `unknown unit "${parts.unit}" for ${opts.noun}${hint}; expected one of ${units.join(', ')}`,
        typeof raw === 'object' ? ['unit'] : [],
      );
    }
    if (!checkSign(parts.value, opts, ctx, typeof raw === 'object' ? ['value'] : [], unit)) return z.NEVER;
    return { value: parts.value, unit, si: parts.value * u.keV, scale: u.scale };
  });
}

/** An energy unit name alone (for tables: `"energyUnit": "keVee"`). */
export const energyUnitSchema = z.string().transform((s, ctx) => {
  const unit = normaliseUnit(s);
  const u = ENERGY_UNITS[unit];
  if (u === undefined) {
    return issue(ctx, `unknown energy unit "${s}"; expected one of ${Object.keys(ENERGY_UNITS).join(', ')}`);
  }
  return { unit, keV: u.keV, scale: u.scale };
});

/** A background rate density: counts per (energy · mass · time), e.g. "counts/(keVee·kg·day)". */
export interface RateUnit {
  readonly unit: string;
  readonly scale: EnergyScale;
  /** Factor from the written unit to counts per (keV of the scale · kg · s). */
  readonly perKeVKgS: number;
}

const RATE_UNIT_RE =
  /^(?:counts|events)?\s*\/\s*\(\s*(eV|keV|MeV)_?(ee|nr)\s*[·*. ]\s*(kg|t|ton|g)\s*[·*. ]\s*(s|h|day|yr)\s*\)$/;

/** Parse a rate unit string; undefined if not of the accepted form. */
export function parseRateUnit(s: string): RateUnit | undefined {
  const m = RATE_UNIT_RE.exec(s.trim());
  if (!m) return undefined;
  const e = ENERGY_UNITS[`${m[1]}${m[2]}`]!;
  const mass = MASS_UNITS[m[3]!]!;
  const time = TIME_UNITS[m[4]!]!;
  return { unit: s.trim(), scale: e.scale, perKeVKgS: 1 / (e.keV * mass * time) };
}

const RATE_EXAMPLE = 'counts/(keVee·kg·day)';

export const rateUnitSchema = z.string().transform((s, ctx) => {
  const r = parseRateUnit(s);
  return (
    r ??
    issue(
      ctx,
      `unknown rate unit "${s}"; expected counts/(<energy unit>·<mass unit>·<time unit>), e.g. ${RATE_EXAMPLE}`,
    )
  );
});

/** A background rate quantity, e.g. `{"value": 1, "unit": "counts/(keVee·kg·day)"}`; `si` per (keV·kg·s). */
export function rateSchema(opts: UnitOptions) {
  const example = `{"value": 1, "unit": "${RATE_EXAMPLE}"}`;
  return z.unknown().transform((raw, ctx): Quantity & { readonly scale: EnergyScale } => {
    const parts = splitQuantity(raw, ctx, example);
    if (parts === undefined) return z.NEVER;
    const r = parseRateUnit(parts.unit);
    if (r === undefined) {
      return issue(
        ctx,
        `unknown rate unit "${parts.unit}"; expected counts/(<energy unit>·<mass unit>·<time unit>), e.g. ${RATE_EXAMPLE}`,
        typeof raw === 'object' ? ['unit'] : [],
      );
    }
    if (!checkSign(parts.value, opts, ctx, typeof raw === 'object' ? ['value'] : [], parts.unit))
      return z.NEVER;
    return { value: parts.value, unit: r.unit, si: parts.value * r.perKeVKgS, scale: r.scale };
  });
}

/** A stochastic resolution term a [sqrt(keV_ee) or sqrt(keV_nr)]. */
export function stochasticSchema() {
  const units = Object.keys(STOCHASTIC_UNITS);
  return z.unknown().transform((raw, ctx): Quantity & { readonly scale: EnergyScale } => {
    const parts = splitQuantity(raw, ctx, `{"value": 0.1, "unit": "sqrt(keVee)"}`);
    if (parts === undefined) return z.NEVER;
    const unit = normaliseUnit(parts.unit).replace(/\s/g, '');
    const u = STOCHASTIC_UNITS[unit];
    if (u === undefined) {
      return issue(
        ctx,
        `unknown unit "${parts.unit}"; expected one of ${units.join(', ')}`,
        typeof raw === 'object' ? ['unit'] : [],
      );
    }
    const noun = { noun: 'a stochastic resolution term', sign: 'nonNegative' } as const;
    if (!checkSign(parts.value, noun, ctx, typeof raw === 'object' ? ['value'] : [], unit)) return z.NEVER;
    return { value: parts.value, unit, si: parts.value * u.sqrtKeV, scale: u.scale };
  });
}

export const massSchema = quantitySchema(MASS_UNITS, { sign: 'positive', noun: 'a mass' });
export const timeSchema = quantitySchema(TIME_UNITS, { sign: 'positive', noun: 'a live time' });
export const distanceSchema = quantitySchema(DISTANCE_UNITS, { sign: 'positive', noun: 'a distance' });
export const powerSchema = quantitySchema(POWER_UNITS, { sign: 'nonNegative', noun: 'a thermal power' });
export const fluxSchema = quantitySchema(FLUX_UNITS, { sign: 'nonNegative', noun: 'a flux' }, FLUX_ALIASES);
export const nuEnergySchema = quantitySchema(NU_ENERGY_UNITS, {
  sign: 'positive',
  noun: 'a neutrino energy',
});

/** An exposure string such as "10 kg·yr", "3 t·yr", "365 kg day" → kg·s; undefined if malformed. */
export function parseExposure(text: string): { kgS: number; text: string } | undefined {
  const m =
    /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(kg|t|ton|g)\s*[·*. ]?\s*(s|h|day|yr)\s*$/.exec(text);
  if (!m) return undefined;
  const v = Number(m[1]);
  if (!(v > 0)) return undefined;
  return { kgS: v * MASS_UNITS[m[2]!]! * TIME_UNITS[m[3]!]!, text: `${m[1]} ${m[2]}·${m[3]}` };
}
