/**
 * Solar ⁸B and hep ν_e spectra, computed from β⁺-decay physics, or taken from a table.
 *
 * Allowed shape (Fermi function F₀ of fermiFunction.ts, relativistic with finite size R = 1.2 A^{1/3} fm;
 * radiative, recoil-order and screening corrections neglected):
 *
 *   dN/dE_ν ∝ E_ν² p_e W_e F₀(Z_f, W_e),   W_e = W₀ − E_ν,   W₀ = Q_atomic − m_e − E_x,
 *
 * (for β⁺ between atoms the positron total-energy end point is Q_atomic − m_e; the ν end point is
 * Q_atomic − 2m_e − E_x).
 * - ⁸B → ⁸Be* + e⁺ + ν_e: Z_f = 4, folded over the ⁸Be excitation energy with the R-matrix strength
 *   function of be8Strength.ts: dN/dE_ν ∝ ∫ dE_x w(E_x) E_ν² p_e W_e F₀, on a uniform 20 keV grid
 *   (trapezoid in E_x, linear interpolation in E_ν). Q_atomic(⁸B → ⁸Be) = 17.980 MeV.
 * - hep, ³He + p → ⁴He + e⁺ + ν_e: Z_f = 2, single allowed shape, Q_atomic = 19.795 MeV
 *   (ν end point 18.773 MeV); the ~keV thermal energy of the reactants is neglected.
 * Masses: AME2020 mass excesses (W. J. Huang et al., Chin. Phys. C 45, 030002 (2021)).
 * Fluxes: B16-GS98 standard solar model, N. Vinyoles et al., ApJ 835, 202 (2017), Table 6.
 * The paper (Sharma et al. 2021) takes its solar spectra from ref. [21], Bahcall et al.,
 * PRL 92, 121301 (2004) (BP04); those fluxes are given as PAPER_* constants.
 */
import {
  ELECTRON_MASS_MEV,
  FINE_STRUCTURE,
  HBAR_C_MEV_FM,
  PAPER_HELM_R_COEFFICIENT_FM,
} from '../constants.js';
import { integrate } from '../quadrature.js';
import { be8StrengthOnGrid, DEFAULT_BE8_STRENGTH, type Be8StrengthParameters } from './be8Strength.js';
import { allowedNeutrinoShape, chargedLeptonWeight, type AllowedBetaDecay } from './fermiFunction.js';
import { tabulatedContinuum, type Interpolation } from './tabulated.js';
import type { ContinuumComponent, NeutrinoSpectrum } from './types.js';

/** ⁸B ν_e flux, B16-GS98 SSM (Vinyoles et al. 2017) [cm⁻² s⁻¹], ±12 %. */
export const SOLAR_8B_FLUX_B16_GS98_PER_CM2_PER_S = 5.46e6;
/** hep ν_e flux, B16-GS98 SSM (Vinyoles et al. 2017) [cm⁻² s⁻¹], ±30 %. */
export const SOLAR_HEP_FLUX_B16_GS98_PER_CM2_PER_S = 7.98e3;
/** ⁸B flux of BP04 (Bahcall & Pinsonneault, PRL 92, 121301 (2004)), the paper's ref. [21] [cm⁻² s⁻¹]. */
export const PAPER_SOLAR_8B_FLUX_BP04_PER_CM2_PER_S = 5.79e6;
/** hep flux of BP04 [cm⁻² s⁻¹]. */
export const PAPER_SOLAR_HEP_FLUX_BP04_PER_CM2_PER_S = 7.88e3;

/** Atomic mass excesses [MeV], AME2020. ⁸B: 22 921.6(1.0) keV. */
const MASS_EXCESS_MEV = {
  H1: 7.288971064,
  He3: 14.9312178,
  He4: 2.42491587,
  Be8: 4.941671,
  B8: 22.9216,
} as const;
/** α-particle mass [MeV], CODATA 2018: 3727.3794066 MeV. */
const ALPHA_MASS_MEV = 3727.3794066;

/** Q between atoms, ⁸B → ⁸Be(g.s.) [MeV] (≈ 17.980). */
export const B8_Q_ATOMIC_MEV = MASS_EXCESS_MEV.B8 - MASS_EXCESS_MEV.Be8;
/** Q between atoms, ³He + ¹H → ⁴He [MeV] (≈ 19.795). */
export const HEP_Q_ATOMIC_MEV = MASS_EXCESS_MEV.He3 + MASS_EXCESS_MEV.H1 - MASS_EXCESS_MEV.He4;
/** ν end points [MeV]: Q_atomic − 2 m_e (⁸B to the ⁸Be ground state: 16.958; hep: 18.773). */
export const B8_NEUTRINO_END_POINT_MEV = B8_Q_ATOMIC_MEV - 2 * ELECTRON_MASS_MEV;
export const HEP_NEUTRINO_END_POINT_MEV = HEP_Q_ATOMIC_MEV - 2 * ELECTRON_MASS_MEV;

const decay = (zDaughter: number, aDaughter: number): AllowedBetaDecay => ({
  zDaughter,
  aDaughter,
  positron: true,
  electronMassMeV: ELECTRON_MASS_MEV,
  radiusCoefficientFm: PAPER_HELM_R_COEFFICIENT_FM,
  hbarCMeVFm: HBAR_C_MEV_FM,
  alpha: FINE_STRUCTURE,
});
const B8_DECAY = decay(4, 8);
const HEP_DECAY = decay(2, 4);

/** Default grid step of the computed ⁸B spectrum [MeV]. */
export const B8_GRID_STEP_MEV = 0.02;

/** A tabulated shape: energies [MeV] strictly increasing, densities ≥ 0 (any scale). */
export interface SpectrumTable {
  readonly eMeV: readonly number[];
  readonly density: readonly number[];
  readonly interpolation?: Interpolation;
}

export interface SolarOptions {
  /** Use this table's shape instead of the computed one (takes precedence). */
  readonly table?: SpectrumTable;
  /** Total flux [cm⁻² s⁻¹]; default the B16-GS98 value; 'table' = the table's own integral. */
  readonly fluxPerCm2PerS?: number | 'table';
}

export interface Solar8BOptions extends SolarOptions {
  /** Override parameters of the ⁸Be strength function (be8Strength.ts). */
  readonly strength?: Partial<Be8StrengthParameters>;
  readonly gridStepMeV?: number;
}

/**
 * Computed ⁸B ν_e spectrum shape on a uniform grid (unnormalised), ending at the exact end point
 * B8_NEUTRINO_END_POINT_MEV where the density is 0.
 */
export function solar8BShape(
  strength: Be8StrengthParameters = DEFAULT_BE8_STRENGTH,
  stepMeV: number = B8_GRID_STEP_MEV,
): { eMeV: number[]; density: number[] } {
  const wTopMeV = B8_Q_ATOMIC_MEV - ELECTRON_MASS_MEV; // W₀ at E_x = 0
  const n = Math.floor(B8_NEUTRINO_END_POINT_MEV / stepMeV) + 1; // grid points E = 0 … (n−1)h
  const w = be8StrengthOnGrid(
    {
      alphaMassMeV: ALPHA_MASS_MEV,
      groundStateAboveThresholdMeV: MASS_EXCESS_MEV.Be8 - 2 * MASS_EXCESS_MEV.He4,
      hbarCMeVFm: HBAR_C_MEV_FM,
      alpha: FINE_STRUCTURE,
    },
    strength,
    stepMeV,
    n,
  );
  // Lepton weight on W_k = W_top − k h: E_ν = i h and E_x = j h give W = W_{i+j}.
  const g = new Float64Array(n);
  for (let k = 0; k < n; k++) g[k] = chargedLeptonWeight(B8_DECAY, wTopMeV - k * stepMeV);
  const eMeV: number[] = [];
  const density: number[] = [];
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; i + j < n; j++) s += (j === 0 ? 0.5 : 1) * w[j]! * g[i + j]!;
    const e = i * stepMeV;
    eMeV.push(e);
    density.push(e * e * s * stepMeV);
  }
  if (B8_NEUTRINO_END_POINT_MEV > eMeV[n - 1]! + 1e-9) {
    eMeV.push(B8_NEUTRINO_END_POINT_MEV);
    density.push(0);
  }
  return { eMeV, density };
}

function fromTable(table: SpectrumTable, label: string, flux: number | 'table'): ContinuumComponent {
  return tabulatedContinuum(table.eMeV, table.density, {
    label,
    interpolation: table.interpolation ?? 'linear',
    ...(flux === 'table' ? {} : { fluxPerCm2PerS: flux }),
  });
}

/** Solar ⁸B ν_e spectrum (one continuum). */
export function solar8BSpectrum(opts: Solar8BOptions = {}): NeutrinoSpectrum {
  const flux = opts.fluxPerCm2PerS ?? SOLAR_8B_FLUX_B16_GS98_PER_CM2_PER_S;
  if (opts.table !== undefined) {
    return {
      name: 'solar-8B',
      description: 'Solar ⁸B ν_e, user table',
      components: [fromTable(opts.table, '⁸B ν_e', flux)],
    };
  }
  const shape = solar8BShape({ ...DEFAULT_BE8_STRENGTH, ...opts.strength }, opts.gridStepMeV);
  return {
    name: 'solar-8B',
    description:
      'Solar ⁸B ν_e: allowed β⁺ shape × Fermi function folded over the ⁸Be 2⁺ R-matrix strength; B16-GS98 flux by default',
    components: [
      // A computed shape has no absolute scale: 'table' falls back to the SSM flux.
      fromTable(shape, '⁸B ν_e', flux === 'table' ? SOLAR_8B_FLUX_B16_GS98_PER_CM2_PER_S : flux),
    ],
  };
}

/** Unnormalised hep shape E_ν² p_e W_e F₀(2, W_e) at E_ν [MeV]; 0 outside [0, end point]. */
export function solarHepShape(eNuMeV: number): number {
  if (!(eNuMeV >= 0 && eNuMeV <= HEP_NEUTRINO_END_POINT_MEV)) return 0;
  return allowedNeutrinoShape(HEP_DECAY, HEP_Q_ATOMIC_MEV - ELECTRON_MASS_MEV, eNuMeV);
}

/** Solar hep ν_e spectrum (one continuum, analytic allowed shape normalised by quadrature). */
export function solarHepSpectrum(opts: SolarOptions = {}): NeutrinoSpectrum {
  const flux = opts.fluxPerCm2PerS ?? SOLAR_HEP_FLUX_B16_GS98_PER_CM2_PER_S;
  if (opts.table !== undefined) {
    return {
      name: 'solar-hep',
      description: 'Solar hep ν_e, user table',
      components: [fromTable(opts.table, 'hep ν_e', flux)],
    };
  }
  const norm = integrate(solarHepShape, 0, HEP_NEUTRINO_END_POINT_MEV, { relTol: 1e-12 }).value;
  return {
    name: 'solar-hep',
    description: 'Solar hep ν_e: allowed β⁺ shape × Fermi function (Z = 2); B16-GS98 flux by default',
    components: [
      {
        kind: 'continuum',
        label: 'hep ν_e',
        // A computed shape has no table integral: 'table' falls back to the SSM flux.
        fluxPerCm2PerS: flux === 'table' ? SOLAR_HEP_FLUX_B16_GS98_PER_CM2_PER_S : flux,
        eMinMeV: 0,
        eMaxMeV: HEP_NEUTRINO_END_POINT_MEV,
        pdf: (e) => solarHepShape(e) / norm,
      },
    ],
  };
}

/** ⁸B + hep together (two components), the solar CEvNS source. */
export function solarSpectrum(opts: { b8?: Solar8BOptions; hep?: SolarOptions } = {}): NeutrinoSpectrum {
  const b8 = solar8BSpectrum(opts.b8);
  const hep = solarHepSpectrum(opts.hep);
  return {
    name: 'solar',
    description: `${b8.description}; ${hep.description}`,
    components: [...b8.components, ...hep.components],
  };
}
