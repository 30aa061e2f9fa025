/**
 * Figures of a template-dataset analysis (any `"template"` dataset, e.g. XENONnT ⁸B):
 *
 * - `templateProjectionFigure`: the data and the fitted model (combined one-α best fit) projected on
 *   each observable of each channel — one panel per (channel, observable), the samples stacked
 *   (backgrounds, then the CEvNS signal = every band's excess + floor), the data with 68.27 % central
 *   Poisson intervals. A channel's bins are the row-major product of its `axes` (last axis fastest);
 *   the projection on axis a sums over the others.
 * - `alphaScanFigure`: t(α) = 2ΔNLL of the combined α (and of each band's α when there are several)
 *   with the critical values of the 68.27 % and 90 % intervals (two-boundary asymptotics: the interval
 *   is where t(α) lies below its curve).
 *
 * The numbers come from likelihood/coherency (`templateFigureData`); this file only draws.
 */
import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import type { TopLevelSpec } from 'vega-lite';
import type { TemplateDataset } from '../data/index.js';
import type { TemplateFigureData } from '../likelihood/index.js';
import type { TemplateScan } from '../sensitivity/index.js';
import { bandLayer, errorBarLayer, layeredChart, lineLayer, panelGrid } from './charts.js';
import type { Datum, Layer } from './chartTypes.js';
import { PALETTE } from './theme.js';

/** Colours of the per-band t(α) curves: the palette without black (the combined curve's). */
const BAND_COLOURS = PALETTE.filter((c) => c !== '#000000');

/** Confidence level of the data error bars. */
const DATA_CL = 0.6827;

/**
 * Central Poisson interval of an observed count n at confidence `cl` (F. Garwood, Biometrika 28
 * (1936) 437): lo = ½ χ²⁻¹(a/2; 2n), hi = ½ χ²⁻¹(1 − a/2; 2n + 2), a = 1 − cl; lo = 0 for n = 0.
 */
export function poissonCentralInterval(n: number, cl = DATA_CL): [number, number] {
  const a = 1 - cl;
  const lo = n > 0 ? 0.5 * chisquareQuantile(a / 2, 2 * n) : 0;
  return [lo, 0.5 * chisquareQuantile(1 - a / 2, 2 * n + 2)];
}

/** "cS2 [PE]", or the label alone for dimensionless observables (unit "1"). */
function axisTitle(a: TemplateDataset['channels'][number]['axes'][number]): string {
  const label = a.label ?? a.name.replace(/_/g, ' ');
  const unit = a.unit === 'us' ? 'µs' : a.unit;
  return unit === '1' ? label : `${label} [${unit}]`;
}

/**
 * A channel's panel title: its label; else, for an abbreviated name of ≤ 3 characters (CsI 2021's "c",
 * "ac"), the head of its description when short ("coincidence window" from "coincidence window (beam
 * on): …"); else its name with underscores as spaces (never a literal `cenns10_anlA`).
 */
export function channelTitle(c: TemplateDataset['channels'][number]): string {
  if (c.label !== undefined) return c.label;
  const name = c.name.replace(/_/g, ' ');
  const full = c.description?.includes(':') === true ? c.description.split(':')[0]!.trim() : undefined;
  if (name.length > 3 || full === undefined) return name;
  // A bold title fits a 190 px panel in one line up to ~24 characters: drop a trailing "(…)" beyond.
  const head = full.length > 24 ? full.replace(/\s*\([^)]*\)$/, '') : full;
  return head !== '' && head.length <= 24 ? head : name;
}

/**
 * Whether an axis's bins differ in width (by more than 0.1 %): counts per bin then mislead (a wide bin
 * looks tall, a flat background looks stepped), so the panel shows events per unit of the observable.
 */
export function unequalBins(edges: readonly number[]): boolean {
  const widths = edges.slice(1).map((e, i) => e - edges[i]!);
  return Math.max(...widths) > 1.001 * Math.min(...widths);
}

/**
 * y title of a projection panel: "events per bin", or a density "events per PE", "events per µs", and
 * "events per unit" for a dimensionless observable (the x axis names it; longer titles overran 150 px).
 */
function countTitle(axis: TemplateDataset['channels'][number]['axes'][number], density: boolean): string {
  if (!density) return 'events per bin';
  const unit = axis.unit === 'us' ? 'µs' : axis.unit;
  return unit === '1' ? 'events per unit' : `events per ${unit}`;
}

/** Sum a channel's flat bins onto axis `axis` (row-major, last axis fastest). */
export function projectOnAxis(values: readonly number[], sizes: readonly number[], axis: number): number[] {
  let stride = 1;
  for (let b = axis + 1; b < sizes.length; b++) stride *= sizes[b]!;
  const n = sizes[axis]!;
  const out = new Array<number>(n).fill(0);
  values.forEach((v, i) => {
    out[Math.floor(i / stride) % n]! += v;
  });
  return out;
}

const SIGNAL_LABEL = 'CEvNS (excess + floor)';
const DATA_LABEL = 'data (68.27 % Poisson)';

interface Group {
  readonly label: string;
  readonly bins: readonly number[];
}

/** The samples of a channel as drawn: each background, then the summed CEvNS samples (unordered). */
function groupsOf(ds: TemplateDataset, ch: TemplateFigureData['channels'][number]): Group[] {
  const label = (name: string) => ds.sampleLabels?.[name] ?? name.replace(/_/g, ' ');
  const signal = new Array<number>(ch.observed.length).fill(0);
  const backgrounds: Group[] = [];
  for (const s of ch.samples) {
    if (s.signal) s.fitted.forEach((v, i) => (signal[i]! += v));
    else backgrounds.push({ label: label(s.name), bins: s.fitted });
  }
  return [...backgrounds, { label: SIGNAL_LABEL, bins: signal }];
}

/** One stacking order for every panel: backgrounds by their total over all channels (largest lowest), CEvNS on top. */
function stackOrder(all: readonly (readonly Group[])[]): string[] {
  const totals = new Map<string, number>();
  for (const groups of all) {
    for (const g of groups)
      totals.set(g.label, (totals.get(g.label) ?? 0) + g.bins.reduce((t, v) => t + v, 0));
  }
  return [...totals.keys()]
    .filter((l) => l !== SIGNAL_LABEL)
    .sort((a, b) => totals.get(b)! - totals.get(a)!)
    .concat(SIGNAL_LABEL);
}

/** Fixed colours: the signal vermillion, backgrounds the rest of the palette in order. */
function colourMap(labels: readonly string[]): Record<string, string> {
  const others = PALETTE.filter((c) => c !== '#D55E00' && c !== '#000000');
  const map: Record<string, string> = { [SIGNAL_LABEL]: '#D55E00', [DATA_LABEL]: '#000000' };
  let k = 0;
  for (const l of labels) if (!(l in map)) map[l] = others[k++ % others.length]!;
  return map;
}

function panel(
  title: string,
  axis: TemplateDataset['channels'][number]['axes'][number],
  groups: readonly Group[],
  observed: readonly number[],
  colors: Record<string, string>,
  legend: boolean,
): TopLevelSpec {
  const edges = axis.edges;
  const width = edges.at(-1)! - edges[0]!;
  // Unequal bins: every count divided by its bin width (events per unit of the observable).
  const density = unequalBins(edges);
  const per = (i: number) => (density ? edges[i + 1]! - edges[i]! : 1);
  const layers: Layer[] = [];
  const cum = new Array<number>(observed.length).fill(0);
  for (const g of groups) {
    // A histogram as a band with two points per bin (a hair inside the upper edge, so that the
    // vertical step at a shared edge keeps its order when the area mark sorts by x).
    const rows: Datum[] = [];
    g.bins.forEach((v, i) => {
      const lo = cum[i]!;
      cum[i] = lo + v / per(i);
      rows.push({ x: edges[i]!, lo, hi: cum[i] });
      rows.push({ x: edges[i + 1]! - 1e-9 * width, lo, hi: cum[i] });
    });
    layers.push(bandLayer({ data: rows, yLow: 'lo', yHigh: 'hi', label: g.label, opacity: 0.85 }));
  }
  const data: Datum[] = observed.map((n, i) => {
    const [lo, hi] = poissonCentralInterval(n);
    return { x: 0.5 * (edges[i]! + edges[i + 1]!), y: n / per(i), lo: lo / per(i), hi: hi / per(i) };
  });
  layers.push(errorBarLayer({ data, yLow: 'lo', yHigh: 'hi', label: DATA_LABEL }));
  const top = Math.max(...data.map((d) => d.hi as number), ...cum) * 1.1;
  // Round the top up to 1, 2 or 5 × 10ⁿ-ish steps (densities can be ≪ 1).
  const step = 10 ** Math.floor(Math.log10(top)) / 2;
  return layeredChart({
    title,
    x: { field: 'x', title: axisTitle(axis), domain: [edges[0]!, edges.at(-1)!] },
    y: { field: 'y', title: countTitle(axis, density), domain: [0, Math.ceil(top / step) * step] },
    width: 190,
    height: 150,
    colors,
    legend: legend ? 'right' : 'none',
    layers,
  });
}

/** The data and the fitted model projected on each observable of each channel (module comment). */
export function templateProjectionFigure(ds: TemplateDataset, data: TemplateFigureData): TopLevelSpec {
  const channels = data.channels.flatMap((ch) => {
    const meta = ds.channels.find((c) => c.name === ch.name);
    return meta ? [{ ch, meta, groups: groupsOf(ds, ch) }] : [];
  });
  const order = stackOrder(channels.map((c) => c.groups));
  const colors = colourMap(order);
  const panels: TopLevelSpec[] = [];
  let columns = 1;
  // The legend sits right of the last panel of the first channel that has every sample.
  const most = Math.max(...channels.map((c) => c.groups.length));
  const legendChannel = channels.findIndex((c) => c.groups.length === most);
  channels.forEach(({ ch, meta, groups }, ci) => {
    const sizes = meta.axes.map((a) => a.edges.length - 1);
    const sorted = order.flatMap((l) => groups.filter((g) => g.label === l));
    columns = Math.max(columns, meta.axes.length);
    meta.axes.forEach((axis, a) => {
      const projected = sorted.map((g) => ({ label: g.label, bins: projectOnAxis(g.bins, sizes, a) }));
      const legend = ci === legendChannel && a === meta.axes.length - 1;
      panels.push(
        panel(channelTitle(meta), axis, projected, projectOnAxis(ch.observed, sizes, a), colors, legend),
      );
    });
  });
  return panelGrid({
    title: `${ds.experiment} ${ds.id}: data and best-fit model (one α) projected on each observable`,
    columns,
    panels,
  });
}

/** t(α) of the combined α (and per band) with the 68.27 % and 90 % critical values (module comment). */
export function alphaScanFigure(ds: TemplateDataset, data: TemplateFigureData): TopLevelSpec {
  const s = data.scan;
  const rows = (t: readonly number[]): Datum[] => s.alpha.map((a, k) => ({ alpha: a, t: t[k]! }));
  const bandLabel = (j: number) => `band ${j} (q² ${bandRange(ds, j)} MeV²)`;
  const yMax = Math.max(4, Math.min(16, Math.ceil(Math.max(...s.combined, ...s.critical90) * 1.1)));
  const layers: Layer[] = [
    lineLayer({ data: rows(s.critical90), label: '90 % CL critical value', dash: [6, 4] }),
    lineLayer({ data: rows(s.critical68), label: '68.27 % CL critical value', dash: [2, 3] }),
    ...s.bands.map((b) => lineLayer({ data: rows(b.t), label: bandLabel(b.band) })),
    lineLayer({ data: rows(s.combined), label: s.bands.length > 0 ? 'one α for all bands' : 't(α)' }),
  ];
  return layeredChart({
    title: `${ds.experiment} ${ds.id}: profile-likelihood scan of the coherency α`,
    subtitle: `nuisances profiled; α̂ = ${s.alphaHat.toFixed(3)}; accepted where t(α) is below the critical value`,
    width: 560,
    x: { field: 'alpha', title: 'coherency α', domain: [0, 1] },
    y: { field: 't', title: 't(α) = 2ΔNLL', domain: [0, yMax] },
    // The critical values are references (grey, dashed/dotted); each band its own palette colour in q²
    // order (six of them; a 4-colour remainder repeated blue and vermillion for band 4 and 5).
    colors: {
      '90 % CL critical value': '#888888',
      '68.27 % CL critical value': '#888888',
      't(α)': '#0072B2',
      'one α for all bands': '#000000',
      ...Object.fromEntries(
        s.bands.map((b, k) => [bandLabel(b.band), BAND_COLOURS[k % BAND_COLOURS.length]!]),
      ),
    },
    layers,
  });
}

function bandRange(ds: TemplateDataset, j: number): string {
  const b = ds.bands[j]!;
  return `${b.q2LoMeV2.toFixed(0)}–${b.q2HiMeV2.toFixed(0)}`;
}

/** Median expected Z of excluding α = 1 and α = 0 against exposure (template projection), with 3σ and 5σ. */
export function templateScanFigure(ds: TemplateDataset, scan: TemplateScan): TopLevelSpec {
  const tonnes = scan.points.every((p) => p.exposureTonneYear !== null);
  const x = (p: TemplateScan['points'][number]) => (tonnes ? p.exposureTonneYear! : p.scale);
  const rows: Datum[] = scan.points
    .flatMap((p) => [
      { x: x(p), z: p.zAlpha1, label: 'exclude α = 1' },
      { x: x(p), z: p.zAlpha0, label: 'exclude α = 0' },
    ])
    .filter((r) => r.z > 1e-3);
  const [x0, x1] = [x(scan.points[0]!), x(scan.points.at(-1)!)];
  const level = (z: number) => [
    { x: x0, z },
    { x: x1, z },
  ];
  return layeredChart({
    title: `${ds.experiment} ${ds.id}: median expected significance against exposure`,
    subtitle: 'the release templates scaled by exposure; Asimov data of the Standard Model',
    x: {
      field: 'x',
      title: tonnes ? 'exposure [t·yr]' : "exposure [× the dataset's]",
      scale: 'log',
      domain: [x0, x1],
    },
    y: { field: 'z', title: 'median Z', scale: 'log' },
    colors: { 'exclude α = 0': '#0072B2', 'exclude α = 1': '#D55E00', '3σ': '#888888', '5σ': '#000000' },
    layers: [
      lineLayer({ data: rows, series: 'label' }),
      lineLayer({ data: level(3), label: '3σ', dash: [4, 4] }),
      lineLayer({ data: level(5), label: '5σ', dash: [2, 2] }),
    ],
  });
}
