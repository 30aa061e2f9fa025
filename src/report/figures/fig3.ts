/**
 * Figure 3 of Sharma et al. (2021): α(q²) and ξ(q²) = F_A²(q²) against q² for Ar, Ge, Xe with the
 * Helm form factor (Eq. 9), universal for all neutrino sources; the end points of reactor, solar and
 * DAR-π neutrinos (q²_max at the spectrum's end point) are marked on the α curves. Curves stop where
 * α first reaches 0 (just before the Helm form factor's first zero; beyond it α < 0 briefly and the
 * second diffraction lobe follows, outside the coherency picture).
 */
import type { TopLevelSpec } from 'vega-lite';
import { alphaFromXi, paperHelm } from '../../physics/index.js';
import { layeredChart, lineLayer, pointLayer, type Datum, type Layer } from '../index.js';
import {
  END_POINT_SOURCES,
  SOURCE_SHAPE,
  figureNuclei,
  logGrid,
  nucleusColours,
  type PaperSpectra,
} from './common.js';
import { withMarkerStyle } from './specTweaks.js';
import { endPointMarkers, markerColours, markerLabel } from './fig1.js';

/**
 * q² axis range of the figure [MeV²]: from 1 to just past the first zero of α for Ar (≈ 3.5×10⁴), where
 * every curve ends.
 */
export const FIG3_Q2_RANGE_MEV2 = [1, 5e4] as const;

/** Names of the two plotted quantities (the dash legend). */
export const ALPHA_LABEL = 'α';
export const XI_LABEL = 'ξ = F_{A}²';

/** The α and ξ rows of one nucleus on a log q² grid, up to the first α ≤ 0. */
export function coherencyCurveRows(
  nucleus: Parameters<typeof paperHelm>[1],
  label: string,
  q2Grid: readonly number[],
): Datum[] {
  const rows: Datum[] = [];
  for (const q2 of q2Grid) {
    const f = paperHelm(q2, nucleus);
    const alpha = alphaFromXi(nucleus, f * f);
    if (alpha <= 0) break;
    rows.push({ q2, value: alpha, quantity: ALPHA_LABEL, nucleus: label });
    rows.push({ q2, value: f * f, quantity: XI_LABEL, nucleus: label });
  }
  return rows;
}

/** Figure 3 (one panel). */
export function figure3(spectra: PaperSpectra): TopLevelSpec {
  const nuclei = figureNuclei();
  const grid = logGrid(FIG3_Q2_RANGE_MEV2[0], FIG3_Q2_RANGE_MEV2[1], 241);
  const curves = nuclei.flatMap((n) => coherencyCurveRows(n.nucleus, n.label, grid));
  const markers = nuclei.flatMap((n) => endPointMarkers(spectra, n.label, n.nucleus));
  // q²_max = 4E²M²/(M + 2E)² hardly depends on the nucleus (≤ 0.6 % here): one vertical line per
  // source marks it, labelled at the top; small markers show where each α curve crosses it.
  const sourceLayers: Layer[] = END_POINT_SOURCES.flatMap((source) => {
    const ms = markers.filter((m) => m.source === source);
    const q2 = Math.max(...ms.map((m) => m.q2MeV2));
    const label = markerLabel(spectra, source);
    return [
      lineLayer({
        data: [
          { q2, value: 0 },
          { q2, value: 1 },
        ],
        label,
        dash: [2, 3],
      }),
      pointLayer({
        data: ms.map((m) => ({ q2: m.q2MeV2, value: m.alpha })),
        label,
        shape: SOURCE_SHAPE[source],
      }),
    ];
  });
  const spec = layeredChart({
    title: 'Fig. 3 — α and ξ (= F_{A}²) against q² (Helm form factor)',
    subtitle: 'dotted: q²_{max} at the end point E of each source; markers: α there on each nucleus',
    x: { field: 'q2', title: 'q² [MeV²]', scale: 'log', domain: FIG3_Q2_RANGE_MEV2 },
    y: { field: 'value', title: 'α (solid), ξ (dashed)', domain: [0, 1.02] },
    layers: [lineLayer({ data: curves, series: 'nucleus', dashBy: 'quantity' }), ...sourceLayers],
    colors: { ...nucleusColours(nuclei), ...markerColours(spectra) },
    legend: 'auto',
    width: 560,
    height: 360,
  });
  return withMarkerStyle(spec, 36);
}
