/**
 * Figure 7 of Sharma et al. (2021): α and ξ (= F_A²) against the nuclear recoil energy T [keV_nr] on
 * Ar, Ge, Xe, one panel per source: (a) DAR-π, (b) reactor, (c) solar, (d) atmospheric. At a given T
 * the value depends on q² = 2MT + T² only; what differs between sources is the T range reached,
 * T ≤ T_max at the end point the paper marks (solar: ⁸B; see markedEndPointMeV), and for the
 * atmospheric flux T up to α = 0.01 (the paper's Appendix A).
 */
import type { TopLevelSpec } from 'vega-lite';
import { MeVToKeV, PAPER_HELM_MODEL, coherencyAtRecoil } from '../../physics/index.js';
import { layeredChart, lineLayer, panelGrid, type Datum } from '../index.js';
import {
  PANEL_SOURCES,
  SOURCE_LABEL,
  figureNuclei,
  linGrid,
  markedEndPointMeV,
  nucleusColours,
  recoilCapMeV,
  type FigureNucleus,
  type PaperSourceName,
  type PaperSpectra,
} from './common.js';
import { ALPHA_LABEL, XI_LABEL } from './fig3.js';

/** Panel letters (a)–(d) of Figures 7–9. */
export const PANEL_LETTER: Readonly<Record<PaperSourceName, string>> = {
  darPi: '(a)',
  reactor: '(b)',
  solar: '(c)',
  atmospheric: '(d)',
};

/** α and ξ rows against T [keV_nr] for one nucleus, from T = 0 to the source's cap. */
export function alphaVsRecoilRows(n: FigureNucleus, tCapMeV: number, points = 121): Datum[] {
  return linGrid(0, tCapMeV, points).flatMap((tMeV) => {
    const c = coherencyAtRecoil(tMeV, n.nucleus, PAPER_HELM_MODEL);
    const tKeV = MeVToKeV(tMeV);
    return [
      { tKeV, value: c.alpha, quantity: ALPHA_LABEL, nucleus: n.label },
      { tKeV, value: c.xi, quantity: XI_LABEL, nucleus: n.label },
    ];
  });
}

function rangeNote(source: PaperSourceName, spectra: PaperSpectra): string {
  if (source === 'atmospheric') return 'T up to α = 0.01 (no end point)';
  return `T up to T_{max} at the end point E = ${Number(markedEndPointMeV(spectra[source]).toPrecision(3))} MeV`;
}

/** One panel of Figure 7. */
function panel(source: PaperSourceName, spectra: PaperSpectra, nuclei: readonly FigureNucleus[]) {
  const caps = nuclei.map((n) => recoilCapMeV(source, spectra[source], n.nucleus, 'marked'));
  const rows = nuclei.flatMap((n, i) => alphaVsRecoilRows(n, caps[i]!));
  const hiKeV = MeVToKeV(Math.max(...caps));
  // Curves that stay near 1 (reactor, solar) get a zoomed y range with room below for the legend.
  const lowest = Math.min(...rows.map((r) => Number(r.value)));
  const zoomed = lowest > 0.5;
  const yLo = zoomed ? Math.floor(100 * (lowest - 0.35 * (1 - lowest))) / 100 : 0;
  return layeredChart({
    title: `${PANEL_LETTER[source]} ${SOURCE_LABEL[source]}`,
    subtitle: rangeNote(source, spectra),
    x: { field: 'tKeV', title: 'T [keV_{nr}]', domain: [0, hiKeV] },
    y: { field: 'value', title: 'α (solid), ξ (dashed)', domain: [yLo, 1] },
    layers: [lineLayer({ data: rows, series: 'nucleus', dashBy: 'quantity' })],
    colors: nucleusColours(nuclei),
    legend: 'auto',
    width: 380,
    height: 250,
  });
}

/** Figure 7: the four panels in a 2 × 2 grid. */
export function figure7(spectra: PaperSpectra): TopLevelSpec {
  const nuclei = figureNuclei();
  return panelGrid({
    panels: PANEL_SOURCES.map((s) => panel(s, spectra, nuclei)),
    columns: 2,
    title: 'Fig. 7 — α and ξ (= F_{A}²) against recoil energy T (Helm form factor)',
  });
}
