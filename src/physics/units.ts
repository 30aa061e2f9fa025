/**
 * Unit conversions. The internal unit system is MeV for energies and momenta, MeV² for q², fm for
 * lengths, cm² for cross sections, seconds for time and kg for masses; every dimensioned name carries
 * its unit (`tKeV`, `q2MeV2`, `eNuMeV`, `fluxPerCm2PerS`). Convert only at the edges, through here.
 */
import { HBAR_C_MEV_FM, HBAR_C_SQUARED_MEV2_CM2, SECONDS_PER_DAY, SECONDS_PER_YEAR } from './constants.js';

export const keVToMeV = (tKeV: number): number => tKeV * 1e-3;
export const MeVToKeV = (tMeV: number): number => tMeV * 1e3;

/** Momentum q [MeV] → inverse length [fm⁻¹]. */
export const mevToInverseFm = (qMeV: number): number => qMeV / HBAR_C_MEV_FM;

/** Cross section in natural units [MeV⁻²] → cm². */
export const perMeV2ToCm2 = (sigmaPerMeV2: number): number => sigmaPerMeV2 * HBAR_C_SQUARED_MEV2_CM2;

/** A rate per second → per year (365.25 d) and per day. */
export const perSecondToPerYear = (r: number): number => r * SECONDS_PER_YEAR;
export const perSecondToPerDay = (r: number): number => r * SECONDS_PER_DAY;
export const perYearToPerSecond = (r: number): number => r / SECONDS_PER_YEAR;

/** Exposure units accepted in user input, with their factor to kg·s. */
export const MASS_UNITS_KG = { kg: 1, t: 1000, ton: 1000, g: 1e-3 } as const;
export const TIME_UNITS_S = { s: 1, day: SECONDS_PER_DAY, yr: SECONDS_PER_YEAR } as const;
export type MassUnit = keyof typeof MASS_UNITS_KG;
export type TimeUnit = keyof typeof TIME_UNITS_S;
