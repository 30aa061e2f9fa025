/**
 * Figure 1 of Sharma et al. (2021): (a) the cross-section ratio ξ against α (Eq. 6, a straight line
 * from (0, ξ_dec) to (1, 1) for each nucleus) and (b) Γ_NP against α on a log axis (Eq. 8:
 * Γ_NP = Γ_QM, from ε²Z + N at α = 0 to (εZ − N)² at α = 1), with the α reached at the maximum q²
 * of reactor, solar and DAR-π neutrinos (q²_max at the spectrum's end point, α by the Helm form
 * factor of Eq. 9) marked on each curve and joined across nuclei ("contours of maximum-q²").
 */
import type { TopLevelSpec } from 'vega-lite';
import {
  alphaFromXi,
  gammaNP,
  gammaQM,
  maxQ2,
  paperHelm,
  xiFromAlpha,
  type Nucleus,
} from '../../physics/index.js';
import { layeredChart, lineLayer, panelGrid, pointLayer, type Datum, type Layer } from '../index.js';
import {
  END_POINT_SOURCES,
  FIGURE_COLOURS,
  SOURCE_LABEL,
  SOURCE_SHAPE,
  figureNuclei,
  linGrid,
  markedEndPointMeV,
  nucleusColours,
  type PaperSourceName,
  type PaperSpectra,
} from './common.js';
import { withMarkerStyle } from './specTweaks.js';

/** One end-point marker of Figures 1b and 3. */
export interface EndPointMarker {
  readonly source: PaperSourceName;
  readonly nucleus: string;
  readonly eNuMeV: number;
  readonly q2MeV2: number;
  /** Helm F² at q²_max. */
  readonly xi: number;
  readonly alpha: number;
  /** Γ_NP = [εZF − NF]² at q²_max. */
  readonly gammaNP: number;
}

/** α, ξ and Γ_NP at q²_max of each end-point source on a nucleus (Helm, F_Z = F_N). */
export function endPointMarkers(spectra: PaperSpectra, label: string, nucleus: Nucleus): EndPointMarker[] {
  return END_POINT_SOURCES.map((source) => {
    const eNuMeV = markedEndPointMeV(spectra[source]);
    const q2MeV2 = maxQ2(eNuMeV, nucleus.massMeV);
    const f = paperHelm(q2MeV2, nucleus);
    return {
      source,
      nucleus: label,
      eNuMeV,
      q2MeV2,
      xi: f * f,
      alpha: alphaFromXi(nucleus, f * f),
      gammaNP: gammaNP(nucleus, f, f),
    };
  });
}

/** Legend label of a source's end-point markers, e.g. `DAR-π: E = 52.8 MeV`. */
export function markerLabel(spectra: PaperSpectra, source: PaperSourceName): string {
  return `${SOURCE_LABEL[source]}: E = ${Number(markedEndPointMeV(spectra[source]).toPrecision(3))} MeV`;
}

/** Colours of the marker labels: the source colours. */
export function markerColours(spectra: PaperSpectra): Record<string, string> {
  return Object.fromEntries(
    END_POINT_SOURCES.map((s) => [markerLabel(spectra, s), FIGURE_COLOURS[SOURCE_LABEL[s]]!]),
  );
}

/** Markers of one source on all nuclei, as a points layer plus a dashed line joining them. */
function markerLayers(
  spectra: PaperSpectra,
  markers: readonly EndPointMarker[],
  x: string,
  y: string,
): Layer[] {
  return END_POINT_SOURCES.flatMap((source) => {
    const rows: Datum[] = markers
      .filter((m) => m.source === source)
      .map((m) => ({ [x]: m.alpha, [y]: y === 'gamma' ? m.gammaNP : m.xi }));
    const label = markerLabel(spectra, source);
    return [
      lineLayer({ data: rows, label, dash: [2, 3] }),
      pointLayer({ data: rows, label, shape: SOURCE_SHAPE[source] }),
    ];
  });
}

/** Figure 1 (a) and (b) side by side. */
export function figure1(spectra: PaperSpectra): TopLevelSpec {
  const nuclei = figureNuclei();
  const colors = nucleusColours(nuclei);
  const alphas = linGrid(0, 1, 51);
  // Panel (a) names each line with its decoherent limit ξ(α = 0) = (ε²Z + N)/(εZ − N)².
  const xiLabel = (n: (typeof nuclei)[number]) =>
    `${n.name}: ξ(α=0) = ${xiFromAlpha(n.nucleus, 0).toFixed(4)}`;
  const xiColours = Object.fromEntries(nuclei.map((n) => [xiLabel(n), colors[n.label]!]));
  const xiRows: Datum[] = nuclei.flatMap((n) => [
    { alpha: 0, xi: xiFromAlpha(n.nucleus, 0), nucleus: xiLabel(n) },
    { alpha: 1, xi: xiFromAlpha(n.nucleus, 1), nucleus: xiLabel(n) },
  ]);
  const gammaRows: Datum[] = nuclei.flatMap((n) =>
    alphas.map((alpha) => ({ alpha, gamma: gammaQM(n.nucleus, alpha), nucleus: n.label })),
  );
  const markers = nuclei.flatMap((n) => endPointMarkers(spectra, n.label, n.nucleus));
  const alphaAxis = { field: 'alpha', title: 'coherency α', domain: [0, 1] } as const;
  const size = { width: 340, height: 300 } as const;
  const a = layeredChart({
    title: '(a) ξ against α (Eq. 6)',
    subtitle: 'ξ = α + (1 − α)·(ε²Z + N)/(εZ − N)²',
    x: alphaAxis,
    y: { field: 'xi', title: 'cross-section ratio ξ', domain: [0, 1] },
    layers: [lineLayer({ data: xiRows, series: 'nucleus' })],
    colors: xiColours,
    legend: 'auto',
    ...size,
  });
  const b = layeredChart({
    title: '(b) Γ_{NP} against α (Eq. 8)',
    subtitle: 'markers: α at q²_{max} of the spectrum end point E (Helm)',
    x: alphaAxis,
    y: { field: 'gamma', title: 'Γ_{NP} = [εZF_{Z} − NF_{N}]²', scale: 'log', domain: [10, 1e4] },
    layers: [
      lineLayer({ data: gammaRows, series: 'nucleus' }),
      ...markerLayers(spectra, markers, 'alpha', 'gamma'),
    ],
    colors: { ...colors, ...markerColours(spectra) },
    legend: 'auto',
    ...size,
  });
  return panelGrid({
    panels: [a, withMarkerStyle(b)],
    columns: 2,
    title: 'Fig. 1 — ξ and Γ_{NP} against the coherency parameter α (Ar, Ge, Xe)',
  });
}
