/**
 * Atmospheric neutrinos from a zenith-binned flux table, summed over flavours and directions.
 *
 *   dΦ/dE(E) = Σ_flavours Σ_zenith-bins  φ_f(E, cosθ_j) · 2π Δcosθ_j      [cm⁻² s⁻¹ MeV⁻¹]
 *
 * (∫dΩ = ∫dφ ∫dcosθ = 2π Δcosθ per bin, the flux taken as constant across a bin.) Bin edges are the
 * midpoints between neighbouring bin centres, the outer edges mirrored about the outer centres and
 * clipped to [−1, 1]; for the tables of ../shared/data/spectra (40 uniform bins, centres ±0.975) this
 * gives Δcosθ = 0.05 and exactly the full sphere. The energy dependence is then interpolated log-log
 * (a power law between knots), appropriate for a steeply falling flux on a logarithmic energy grid.
 *
 * CEvNS is flavour-blind at tree level, so all six flavours are summed by default (ν_τ columns are 0
 * in the shared tables). No oscillation is applied. Source of the paper's atmospheric flux: FLUKA,
 * G. Battistoni et al., Astropart. Phys. 23, 526 (2005) (Sharma et al. 2021, ref. [21]).
 */
import { tabulatedContinuum, type Interpolation } from './tabulated.js';
import type { NeutrinoSpectrum } from './types.js';

/** Column order of the six flavour fluxes in the table layout. */
export const ATMOSPHERIC_FLAVOURS = ['nuE', 'nuMu', 'nuTau', 'nuEBar', 'nuMuBar', 'nuTauBar'] as const;
export type AtmosphericFlavour = (typeof ATMOSPHERIC_FLAVOURS)[number];

/** One table row: E [MeV], cos(zenith) bin centre, six fluxes [cm⁻² s⁻¹ sr⁻¹ MeV⁻¹]. */
export interface AtmosphericRow {
  readonly eMeV: number;
  readonly cosZenith: number;
  readonly fluxPerCm2PerSPerSrPerMeV: readonly [number, number, number, number, number, number];
}

export interface AtmosphericOptions {
  /** Flavours to sum (default: all six). */
  readonly flavours?: readonly AtmosphericFlavour[];
  /** Rescale to this total flux [cm⁻² s⁻¹] (default: the table's own integral). */
  readonly fluxPerCm2PerS?: number;
  readonly interpolation?: Interpolation;
  /** Spectrum name, default "atmospheric". */
  readonly name?: string;
}

/**
 * Solid-angle weights 2π Δcosθ_j [sr] for sorted-or-not distinct bin centres (returned in the order
 * of `centres`). Edges: midpoints between neighbours; outer edges mirrored, clipped to [−1, 1].
 */
export function zenithSolidAngles(centres: readonly number[]): number[] {
  const sorted = [...centres].sort((a, b) => a - b);
  const n = sorted.length;
  const weightOf = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = sorted[i]!;
    const lo = i > 0 ? 0.5 * (sorted[i - 1]! + c) : Math.max(-1, c - (n > 1 ? 0.5 * (sorted[1]! - c) : 1));
    const hi =
      i < n - 1 ? 0.5 * (c + sorted[i + 1]!) : Math.min(1, c + (n > 1 ? 0.5 * (c - sorted[n - 2]!) : 1));
    weightOf.set(c, 2 * Math.PI * (hi - lo));
  }
  return centres.map((c) => weightOf.get(c)!);
}

/**
 * Direction- and flavour-summed differential flux on the table's energy grid.
 * Returns strictly increasing energies [MeV] and dΦ/dE [cm⁻² s⁻¹ MeV⁻¹]. Rows may come in any
 * order; every (E, cosθ) pair is expected once (the readers in src/data check this).
 */
export function atmosphericEnergyDensity(
  rows: readonly AtmosphericRow[],
  flavours: readonly AtmosphericFlavour[] = ATMOSPHERIC_FLAVOURS,
): { eMeV: number[]; densityPerCm2PerSPerMeV: number[] } {
  const columns = flavours.map((f) => ATMOSPHERIC_FLAVOURS.indexOf(f));
  const centres = [...new Set(rows.map((r) => r.cosZenith))];
  const solidAngles = zenithSolidAngles(centres);
  const omega = new Map(centres.map((c, i) => [c, solidAngles[i]!] as const));
  const byEnergy = new Map<number, number>();
  for (const r of rows) {
    let s = 0;
    for (const k of columns) s += r.fluxPerCm2PerSPerSrPerMeV[k]!;
    byEnergy.set(r.eMeV, (byEnergy.get(r.eMeV) ?? 0) + s * omega.get(r.cosZenith)!);
  }
  const eMeV = [...byEnergy.keys()].sort((a, b) => a - b);
  return { eMeV, densityPerCm2PerSPerMeV: eMeV.map((e) => byEnergy.get(e)!) };
}

/**
 * Atmospheric spectrum (one continuum) from table rows in the layout of
 * ../shared/data/spectra/atmos*.txt.
 */
export function atmosphericSpectrum(
  rows: readonly AtmosphericRow[],
  opts: AtmosphericOptions = {},
): NeutrinoSpectrum {
  const flavours = opts.flavours ?? ATMOSPHERIC_FLAVOURS;
  const { eMeV, densityPerCm2PerSPerMeV } = atmosphericEnergyDensity(rows, flavours);
  return atmosphericSpectrumFromDensity(eMeV, densityPerCm2PerSPerMeV, { ...opts, flavours });
}

/**
 * Atmospheric spectrum from the direction- and flavour-summed density already computed
 * ({@link atmosphericEnergyDensity}), e.g. as shipped in a fixture; `flavours` only labels it.
 */
export function atmosphericSpectrumFromDensity(
  eMeV: readonly number[],
  densityPerCm2PerSPerMeV: readonly number[],
  opts: AtmosphericOptions = {},
): NeutrinoSpectrum {
  const flavours = opts.flavours ?? ATMOSPHERIC_FLAVOURS;
  const continuum = tabulatedContinuum(eMeV, densityPerCm2PerSPerMeV, {
    label: `atmospheric (${flavours.join('+')}, 4π)`,
    interpolation: opts.interpolation ?? 'loglog',
    ...(opts.fluxPerCm2PerS !== undefined ? { fluxPerCm2PerS: opts.fluxPerCm2PerS } : {}),
  });
  return {
    name: opts.name ?? 'atmospheric',
    description: `Atmospheric ν, zenith table summed over ${flavours.length} flavours and 4π, ${eMeV[0]}–${eMeV[eMeV.length - 1]} MeV`,
    components: [continuum],
  };
}
