/**
 * Figures of a sensitivity projection (`coherency project --out`): dR/dT for several α (the paper's
 * Fig. 8 for the setup), expected counts per bin as step histograms of events per unit energy (the bins
 * may be unequal: counts per bin joined by lines made a flat background look like it rose), and the
 * median expected significance against exposure with its ±1σ/±2σ bands and the nominal exposure.
 */
import { SECONDS_PER_YEAR } from '../physics/index.js';
import { differentialRateCurves, type Projection, type SetupResponse } from '../sensitivity/index.js';
import { bandLayer, layeredChart, lineLayer, textLayer } from './charts.js';
import type { Datum, Layer } from './chartTypes.js';
import { formatNumber } from './format.js';
import type { TopLevelSpec } from 'vega-lite';

/** An exposure [kg·s] as kg·yr, or t·yr for ton-scale detectors (mass ≥ 1000 kg). */
export function exposureText(kgS: number, massKg: number): string {
  const yr = SECONDS_PER_YEAR;
  return massKg >= 1000
    ? `${formatNumber(kgS / 1000 / yr, { digits: 3 })} t·yr`
    : `${formatNumber(kgS / yr, { digits: 3 })} kg·yr`;
}

/** Colours by meaning, shared by the three figures. */
const COLOURS = {
  alpha1: '#0072B2',
  alphaHalf: '#009E73',
  alpha0: '#D55E00',
  model: '#000000',
  background: '#888888',
  threshold: '#666666',
} as const;

/** [10^floor(log10 lo), 10^ceil(log10 hi)] shrunk to the data where the data are far from a decade. */
function logDomain(values: readonly number[], padding = 1.5): [number, number] {
  const pos = values.filter((v) => v > 0 && Number.isFinite(v));
  return [Math.min(...pos) / padding, Math.max(...pos) * padding];
}

/** dR/dT for several α and the true model (the paper's Fig. 8 for this setup). */
export function ratesFigure(resp: SetupResponse, p: Projection): TopLevelSpec {
  const model = `${p.setup.model.split(',')[0] ?? 'model'} (true model)`;
  const rows = differentialRateCurves(resp, [
    { label: 'α = 1', model: { kind: 'alpha', alpha: 1 } },
    { label: 'α = 0.5', model: { kind: 'alpha', alpha: 0.5 } },
    { label: 'α = 0', model: { kind: 'alpha', alpha: 0 } },
    { label: model, model: resp.setup.model.gamma },
  ]).filter((r) => r.ratePerKgDayKeV > 0);
  // Table II's units: per kg per day for kg-scale detectors, per ton per year from 1 t.
  const ton = p.setup.massKg >= 1000;
  const toUnit = ton ? 1000 * 365.25 : 1;
  const data: Datum[] = rows.map((r) => ({ t: r.tKeV, rate: r.ratePerKgDayKeV * toUnit, label: r.label }));
  // Six decades below the maximum: the fall to the kinematic end point is cut, not drawn to 1e-14.
  const yHi = 3 * Math.max(...data.map((d) => d.rate as number));
  const yLo = yHi * 1e-6;
  const shown = data.filter((d) => (d.rate as number) >= yLo);
  const tLo = Math.min(...rows.map((r) => r.tKeV));
  const tEnd = Math.max(...resp.setup.endPointKeVnr);
  const thr = Math.min(...p.setup.thresholdKeVnr);
  const curve = (label: string) => shown.filter((d) => d.label === label);
  const layers: Layer[] = [
    lineLayer({ data: curve('α = 0'), label: 'α = 0' }),
    lineLayer({ data: curve('α = 0.5'), label: 'α = 0.5' }),
    lineLayer({ data: curve('α = 1'), label: 'α = 1' }),
    // The true model last and dashed: near α = 1 (reactor, solar) it would hide that curve otherwise.
    lineLayer({ data: curve(model), label: model, dash: [6, 3] }),
  ];
  if (thr > tLo && thr < tEnd) {
    layers.push(
      lineLayer({
        data: [
          { t: thr, rate: yLo },
          { t: thr, rate: yHi },
        ],
        label: 'threshold (mean response)',
        dash: [2, 3],
      }),
    );
  }
  return layeredChart({
    title: `dR/dT on ${p.setup.target}: ${p.setup.name}`,
    subtitle: `recoil spectrum for several α (the paper's Fig. 8 for this setup), before the detector response; up to the end point T_{max} = ${formatNumber(tEnd, { digits: 3 })} keV_{nr}`,
    x: { field: 't', title: 'T [keV_{nr}]', scale: 'log', domain: [tLo, tEnd] },
    y: {
      field: 'rate',
      title: `dR/dT [${ton ? 't⁻¹ yr⁻¹' : 'kg⁻¹ day⁻¹'} keV_{nr}⁻¹]`,
      scale: 'log',
      domain: [yLo, yHi],
    },
    colors: {
      'α = 1': COLOURS.alpha1,
      'α = 0.5': COLOURS.alphaHalf,
      'α = 0': COLOURS.alpha0,
      [model]: COLOURS.model,
      'threshold (mean response)': COLOURS.threshold,
    },
    layers,
  });
}

/** Step-histogram rows of a per-bin quantity: (lo_i, v_i) for every bin and (hi_last, v_last). */
function stepRows(bins: readonly { lo: number; hi: number; v: number }[], label: string): Datum[] {
  const rows: Datum[] = bins.map((b) => ({ e: b.lo, v: b.v, label }));
  const last = bins[bins.length - 1];
  if (last !== undefined) rows.push({ e: last.hi, v: last.v, label });
  return rows;
}

/** Expected events per unit observed energy in each bin, as step histograms. */
export function countsFigure(p: Projection): TopLevelSpec {
  const unit = p.setup.observedUnit;
  const series = [
    ['background', (b: Projection['expected']['bins'][number]) => b.background, COLOURS.background],
    ['signal α = 1', (b: Projection['expected']['bins'][number]) => b.signal1, COLOURS.alpha1],
    ['signal α = 0', (b: Projection['expected']['bins'][number]) => b.signal0, COLOURS.alpha0],
    ['signal, true model', (b: Projection['expected']['bins'][number]) => b.signalModel, COLOURS.model],
  ] as const;
  const densities = series.map(([label, value]) => ({
    label,
    bins: p.expected.bins.map((b) => ({ lo: b.loKeV, hi: b.hiKeV, v: value(b) / (b.hiKeV - b.loKeV) })),
  }));
  const all = densities.flatMap((d) => d.bins.map((b) => b.v));
  const [yLo, yHi] = logDomain(all, 2);
  const layers = densities.map((d) =>
    lineLayer({
      data: stepRows(
        d.bins.map((b) => ({ ...b, v: Math.max(b.v, yLo) })),
        d.label,
      ),
      label: d.label,
      interpolate: 'step-after',
      ...(d.label === 'signal, true model' ? { dash: [6, 3] } : {}),
    }),
  );
  const eLo = p.expected.bins[0]?.loKeV ?? 0;
  const eHi = p.expected.bins[p.expected.bins.length - 1]?.hiKeV ?? 1;
  return layeredChart({
    title: `Expected events per ${unit}: ${p.setup.name}`,
    subtitle: `exposure ${exposureText(p.exposureKgDay * 86_400, p.setup.massKg)}; counts of each analysis bin divided by its width`,
    x: { field: 'e', title: `E [${unit}]`, domain: [eLo, eHi] },
    y: { field: 'v', title: `events per ${unit}`, scale: 'log', domain: [yLo, yHi] },
    colors: Object.fromEntries(series.map(([label, , colour]) => [label, colour])),
    layers,
  });
}

/** Median expected Z against exposure with ±1σ/±2σ bands (Asimov, Z_A ± N), 3σ/5σ and the nominal exposure. */
export function scanFigure(p: Projection): TopLevelSpec | undefined {
  const sc = p.scan;
  if (sc === undefined) return undefined;
  const yr = 365.25 * 86_400;
  const ton = p.setup.massKg >= 1000;
  const x = (kgS: number) => (ton ? kgS / 1000 / yr : kgS / yr);
  const x0 = x(sc.points[0]!.exposureKgS);
  const x1 = x(sc.points.at(-1)!.exposureKgS);
  // Linear Z up to 8σ: what matters is where the median and its bands cross 3σ and 5σ; curves beyond
  // 8σ leave the frame (their values are in projection.json).
  const zMax = Math.max(...sc.points.flatMap((pt) => [pt.zAlpha1, pt.zAlpha0]));
  const yLo = 0;
  const yHi = Math.min(8, Math.max(6, Math.ceil(zMax + 2.5)));
  // Clipped at 0 only: marks are clipped to the frame, so a curve above yHi leaves it, not runs along it.
  const clip = (z: number) => Math.max(z, yLo);
  const tests = [
    { label: 'exclude α = 1', z: (pt: (typeof sc.points)[number]) => pt.zAlpha1, colour: COLOURS.alpha1 },
    { label: 'exclude α = 0', z: (pt: (typeof sc.points)[number]) => pt.zAlpha0, colour: COLOURS.alpha0 },
  ];
  const layers: Layer[] = [];
  for (const t of tests) {
    const rows = sc.points.map((pt) => {
      const z = t.z(pt);
      // Asimov bands (sensitivity/asimov.ts): Z_A ± N, clipped at 0 (here at the axis floor).
      return {
        x: x(pt.exposureKgS),
        z: clip(z),
        m1: clip(z - 1),
        p1: clip(z + 1),
        m2: clip(z - 2),
        p2: clip(z + 2),
      };
    });
    layers.push(
      bandLayer({ data: rows, yLow: 'm2', yHigh: 'p2', label: t.label, opacity: 0.12 }),
      bandLayer({ data: rows, yLow: 'm1', yHigh: 'p1', label: t.label, opacity: 0.25 }),
      lineLayer({ data: rows, label: t.label }),
    );
  }
  const nominal = x(p.exposureKgDay * 86_400);
  for (const z of [3, 5]) {
    layers.push(
      lineLayer({
        data: [
          { x: x0, z },
          { x: x1, z },
        ],
        label: 'levels',
        dash: [4, 4],
        legend: false,
      }),
    );
  }
  layers.push(
    textLayer({
      data: [3, 5].map((z) => ({ x: x0, z, text: `${z}σ` })),
      text: 'text',
      dx: 4,
      dy: -8,
      label: 'levels',
    }),
    lineLayer({
      data: [
        { x: nominal, z: yLo },
        { x: nominal, z: yHi },
      ],
      label: `nominal exposure (${exposureText(p.exposureKgDay * 86_400, p.setup.massKg)})`,
      dash: [2, 3],
    }),
  );
  const colors: Record<string, string> = { levels: '#777777' };
  for (const t of tests) colors[t.label] = t.colour;
  colors[`nominal exposure (${exposureText(p.exposureKgDay * 86_400, p.setup.massKg)})`] = '#000000';
  return layeredChart({
    title: `Median expected significance against exposure: ${p.setup.name}`,
    subtitle:
      'Asimov dataset of the true model: median (line), ±1σ and ±2σ bands of the expected Z (Z_{A} ± N, Wald)',
    x: { field: 'x', title: `exposure [${ton ? 't·yr' : 'kg·yr'}]`, scale: 'log', domain: [x0, x1] },
    y: { field: 'z', title: 'expected significance Z', domain: [yLo, yHi] },
    colors,
    layers,
  });
}
