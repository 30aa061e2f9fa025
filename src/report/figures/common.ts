/**
 * What the paper-figure builders share: the three nuclei and four sources of Sharma et al. (PRD 103,
 * 092002 (2021)), their colours and labels, the rate units of Table II, the recoil range each source
 * reaches, and grids.
 */
import {
  MeVToKeV,
  PAPER_HELM_MODEL,
  SECONDS_PER_YEAR,
  endPointMeV,
  maxRecoilEnergy,
  paperTarget,
  recoilWhereAlphaFalls,
  type NeutrinoSpectrum,
  type Nucleus,
  type Target,
} from '../../physics/index.js';
// Table II's source/target names, spectra record and rate units live beside Table II itself; the
// figures reuse them so that the two cannot drift apart (the physics door does not export them).
import {
  PAPER_TARGETS,
  RATE_UNIT,
  type PaperSourceName,
  type PaperSpectra,
  type PaperTargetName,
} from '../../physics/index.js';
import { PALETTE } from '../index.js';

export type { PaperSourceName, PaperSpectra, PaperTargetName };

/** One of the paper's representative nuclei (mean-A, M = A·u, as in Table II). */
export interface FigureNucleus {
  readonly name: PaperTargetName;
  /** Legend label, e.g. `Ar (Z=18, N=22)`. */
  readonly label: string;
  readonly nucleus: Nucleus;
  readonly target: Target;
}

/** Ar, Ge, Xe as the paper uses them (Sec. III): Z = 18, 32, 54 with A = 40, 73, 131. */
export function figureNuclei(): FigureNucleus[] {
  return PAPER_TARGETS.map((name) => {
    const target = paperTarget(name);
    const nucleus = target.components[0]!.nucleus;
    return { name, label: `${name} (Z=${nucleus.Z}, N=${nucleus.N})`, nucleus, target };
  });
}

/** Sources in the order of the paper's panels (a)–(d) of Figures 7–9. */
export const PANEL_SOURCES: readonly PaperSourceName[] = ['darPi', 'reactor', 'solar', 'atmospheric'];
/** The sources whose spectra have a well-defined end point (Figures 1b and 3). */
export const END_POINT_SOURCES: readonly PaperSourceName[] = ['reactor', 'solar', 'darPi'];

export const SOURCE_LABEL: Readonly<Record<PaperSourceName, string>> = {
  darPi: 'DAR-π',
  reactor: 'reactor ν̄ₑ',
  solar: 'solar ⁸B',
  atmospheric: 'atmospheric',
};

/** Marker shapes of the end-point markers, one per source. */
export const SOURCE_SHAPE = {
  reactor: 'square',
  solar: 'diamond',
  darPi: 'triangle-up',
  atmospheric: 'circle',
} as const satisfies Record<PaperSourceName, string>;

/** Fixed colours: nuclei take the first three palette colours, sources the next ones (Okabe–Ito). */
export const FIGURE_COLOURS: Readonly<Record<string, string>> = {
  Ar: PALETTE[0]!,
  Ge: PALETTE[1]!,
  Xe: PALETTE[2]!,
  [SOURCE_LABEL.darPi]: PALETTE[3]!,
  [SOURCE_LABEL.solar]: PALETTE[4]!,
  [SOURCE_LABEL.atmospheric]: PALETTE[5]!,
  [SOURCE_LABEL.reactor]: PALETTE[6]!,
};

/** The same colours keyed by nucleus legend label (`Ar (Z=18, N=22)` → blue). */
export function nucleusColours(nuclei: readonly FigureNucleus[]): Record<string, string> {
  const out: Record<string, string> = { ...FIGURE_COLOURS };
  for (const n of nuclei) out[n.label] = FIGURE_COLOURS[n.name]!;
  return out;
}

/** Components carrying less than this fraction of the flux do not define the "end point" markers. */
const MINOR_COMPONENT_FRACTION = 0.01;

/**
 * The end point the paper marks for a source [MeV]: the highest energy among components carrying at
 * least 1 % of the total flux. Solar: the ⁸B end point (hep, 0.15 % of the flux, reaches 20 MeV);
 * DAR-π: the Michel end point m_μ/2 = 52.8 MeV; reactor: 8 MeV.
 */
export function markedEndPointMeV(spectrum: NeutrinoSpectrum): number {
  const total = spectrum.components.reduce((s, c) => s + c.fluxPerCm2PerS, 0);
  const major = spectrum.components.filter((c) => c.fluxPerCm2PerS >= MINOR_COMPONENT_FRACTION * total);
  return Math.max(...major.map((c) => (c.kind === 'line' ? c.eNuMeV : c.eMaxMeV)));
}

/**
 * Largest recoil energy [MeV] plotted for a source on a nucleus: T_max at the spectrum's end point
 * (`'full'`: the highest energy of any component; `'marked'`: {@link markedEndPointMeV}), and for the atmospheric flux (no end point) the T where the Helm α falls to 0.01, as the paper's
 * Figures 8d and 9d and Table II do (T < 361; 148; 60 keV_nr for Ar; Ge; Xe).
 */
export function recoilCapMeV(
  source: PaperSourceName,
  spectrum: NeutrinoSpectrum,
  nucleus: Nucleus,
  endPoint: 'full' | 'marked' = 'full',
): number {
  if (source === 'atmospheric') return recoilWhereAlphaFalls(nucleus, PAPER_HELM_MODEL, 0.01);
  const eMeV = endPoint === 'full' ? endPointMeV(spectrum) : markedEndPointMeV(spectrum);
  return maxRecoilEnergy(eMeV, nucleus.massMeV);
}

/** Recoil-axis range [keV_nr] of a source's panel: up to the largest cap, from three decades below. */
export function recoilAxisKeV(
  source: PaperSourceName,
  spectrum: NeutrinoSpectrum,
  nuclei: readonly FigureNucleus[],
): { loKeV: number; hiKeV: number } {
  const hiKeV = Math.max(...nuclei.map((n) => MeVToKeV(recoilCapMeV(source, spectrum, n.nucleus))));
  return { loKeV: 10 ** (Math.floor(Math.log10(hiKeV)) - 3), hiKeV };
}

/** Table II's units: DAR-π and reactor per kg per year, solar and atmospheric per ton per year. */
export function rateUnit(source: PaperSourceName): { perKgPerSToUnit: number; massLabel: 'kg' | 'ton' } {
  const ton = RATE_UNIT[source] === 'per ton per yr';
  return { perKgPerSToUnit: SECONDS_PER_YEAR * (ton ? 1000 : 1), massLabel: ton ? 'ton' : 'kg' };
}

/** n points from lo to hi, equally spaced in log (lo, hi > 0). */
export function logGrid(lo: number, hi: number, n: number): number[] {
  const a = Math.log10(lo);
  const step = (Math.log10(hi) - a) / (n - 1);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? hi : 10 ** (a + step * i)));
}

/** n points from lo to hi, equally spaced. */
export function linGrid(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? hi : lo + ((hi - lo) * i) / (n - 1)));
}
