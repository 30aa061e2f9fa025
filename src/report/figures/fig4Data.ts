/**
 * The numbers behind Figure 4 of Sharma et al. (2021): the mean coherency ⟨α⟩ of a monochromatic
 * neutrino of energy E_ν on a nucleus of neutron number N at T_min = 0 (Helm form factor), and the
 * E_ν ranges of the four sources: the full width at half maximum of Φ_ν(E)·σ(E), σ the total νA_el
 * cross section at T_min = 0.
 *
 * Z along the valley of β stability, Green's formula Z = A/(1.98 + 0.0155 A^{2/3}) (A. E. S. Green,
 * "Nuclear Physics", McGraw-Hill 1955; the semi-empirical-mass-formula minimum), solved for Z at
 * given N = A − Z; it gives Z = 18.7, 32.6, 55.6 at N = 22, 41, 77 (Ar, Ge, Xe: 18, 32, 54). The
 * nucleus is a mean nucleus of non-integer Z and A with M = A·u, like the paper's Ar, Ge, Xe.
 */
import {
  fwhmEnergyRange,
  PAPER_HELM_MODEL,
  meanCoherency,
  meanNucleus,
  type NeutrinoSpectrum,
  type Target,
} from '../../physics/index.js';
import type { FigureNucleus, PaperSourceName, PaperSpectra } from './common.js';

/** Green's valley-of-stability coefficients: Z = A/(GREEN_A + GREEN_B·A^{2/3}). */
const GREEN_A = 1.98;
const GREEN_B = 0.0155;

/** Z on the valley of stability for neutron number N (fixed-point iteration; contraction ≈ 0.45). */
export function stableZForN(n: number): number {
  let z = 0.8 * n;
  for (let i = 0; i < 60; i++) {
    const a = n + z;
    z = a / (GREEN_A + GREEN_B * Math.cbrt(a * a));
  }
  return z;
}

/** A single-nucleus target of neutron number N on the valley of stability. */
export function valleyTarget(n: number): Target {
  const z = stableZForN(n);
  const nucleus = meanNucleus(`N=${n.toFixed(1)}`, z, n + z);
  return {
    label: nucleus.label,
    components: [{ nucleus, atomsPerFormulaUnit: 1 }],
    formulaMassU: nucleus.atomicMassU,
  };
}

/** A monochromatic neutrino spectrum of unit flux. */
export function monochromatic(eNuMeV: number): NeutrinoSpectrum {
  return {
    name: 'mono',
    description: `monochromatic ν, ${eNuMeV} MeV`,
    components: [{ kind: 'line', label: 'ν', eNuMeV, fluxPerCm2PerS: 1 }],
  };
}

/** ⟨α⟩ at T_min = 0 of a monochromatic ν on a target (coherent-rate-weighted mean, rates.ts). */
export function monochromaticMeanAlpha(target: Target, eNuMeV: number): number {
  return meanCoherency(target, monochromatic(eNuMeV), PAPER_HELM_MODEL, { tMinMeV: 0 }).meanAlpha;
}

/** ⟨α⟩ along E_ν at one neutron number (E_ν ascending). */
export interface AlphaColumn {
  readonly n: number;
  readonly eNuMeV: readonly number[];
  readonly meanAlpha: readonly number[];
}

/** ⟨α⟩ on a grid: the given neutron numbers × E_ν values (ascending). */
export function meanAlphaGrid(nValues: readonly number[], eValuesMeV: readonly number[]): AlphaColumn[] {
  return nValues.map((n) => {
    const target = valleyTarget(n);
    return { n, eNuMeV: eValuesMeV, meanAlpha: eValuesMeV.map((e) => monochromaticMeanAlpha(target, e)) };
  });
}

/**
 * Contour ⟨α⟩ = level as E_ν(N): in each column the first E_ν (from below) where ⟨α⟩ falls through
 * the level, interpolated linearly in log E_ν between grid points. A column that stays above the level
 * gives its highest E_ν, one that starts below it its lowest (the contour leaves the plotted range), so
 * that every column has a value and filled contours can be drawn as areas between two contours.
 */
export function meanAlphaContour(
  columns: readonly AlphaColumn[],
  level: number,
): { n: number; eNuMeV: number }[] {
  return columns.map(({ n, eNuMeV: e, meanAlpha: a }) => {
    if (!(a[0]! >= level)) return { n, eNuMeV: e[0]! };
    for (let j = 1; j < a.length; j++) {
      if (a[j]! < level) {
        const f = (a[j - 1]! - level) / (a[j - 1]! - a[j]!);
        return { n, eNuMeV: e[j - 1]! * (e[j]! / e[j - 1]!) ** f };
      }
    }
    return { n, eNuMeV: e[e.length - 1]! };
  });
}

/** E_ν range of a source on a nucleus [MeV]. */
export interface SourceBand {
  readonly source: PaperSourceName;
  readonly nucleus: FigureNucleus['name'];
  readonly n: number;
  readonly eLoMeV: number;
  readonly eHiMeV: number;
  /** Where Φ·σ of the continuum peaks [MeV]. */
  readonly ePeakMeV: number;
}

/** FWHM of Φ·σ of a source on a nucleus (physics `fwhmEnergyRange`; the DAR-π line widens it). */
export function sourceBand(
  source: PaperSourceName,
  spectrum: NeutrinoSpectrum,
  n: FigureNucleus,
): SourceBand {
  const r = fwhmEnergyRange(spectrum, n.target, PAPER_HELM_MODEL);
  if (r === undefined) throw new Error(`no continuum in the ${source} spectrum`);
  return { source, nucleus: n.name, n: n.nucleus.N, ...r };
}

/** Bands of all sources on all nuclei. */
export function sourceBands(
  spectra: PaperSpectra,
  nuclei: readonly FigureNucleus[],
  sources: readonly PaperSourceName[],
): SourceBand[] {
  return sources.flatMap((s) => nuclei.map((n) => sourceBand(s, spectra[s], n)));
}
