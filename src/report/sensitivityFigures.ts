/**
 * Figures of a sensitivity projection (`coherency project --out`): dR/dT for several α (the paper's
 * Fig. 8 for the setup), expected counts per bin, and the significance against exposure.
 */
import { SECONDS_PER_YEAR } from '../physics/index.js';
import { differentialRateCurves, type Projection, type SetupResponse } from '../sensitivity/index.js';
import { layeredChart, lineLayer } from './charts.js';
import type { Datum } from './chartTypes.js';
import { formatNumber } from './format.js';
import type { TopLevelSpec } from 'vega-lite';

/** An exposure [kg·s] as kg·yr, or t·yr for ton-scale detectors (mass ≥ 1000 kg). */
export function exposureText(kgS: number, massKg: number): string {
  const yr = SECONDS_PER_YEAR;
  return massKg >= 1000
    ? `${formatNumber(kgS / 1000 / yr, { digits: 3 })} t·yr`
    : `${formatNumber(kgS / yr, { digits: 3 })} kg·yr`;
}

/** dR/dT for several α and the true model (the paper's Fig. 8 for this setup). */
export function ratesFigure(resp: SetupResponse, p: Projection): TopLevelSpec {
  const model = p.setup.model.split(',')[0] ?? 'model';
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
  const thr = Math.min(...p.setup.thresholdKeVnr);
  const layers = [lineLayer({ data: shown, series: 'label' })];
  if (thr > 0) {
    const marker = [
      { t: thr, rate: yLo },
      { t: thr, rate: yHi },
    ];
    layers.push(lineLayer({ data: marker, label: 'threshold (mean response)', dash: [4, 4] }));
  }
  return layeredChart({
    title: `dR/dT on ${p.setup.target}: ${p.setup.name}`,
    subtitle: 'recoil spectrum for several α (the paper’s Fig. 8 for this setup), no detector response',
    x: { field: 't', title: 'T [keV_nr]', scale: 'log' },
    y: {
      field: 'rate',
      title: `dR/dT [${ton ? 't⁻¹ yr⁻¹' : 'kg⁻¹ day⁻¹'} keV_nr⁻¹]`,
      scale: 'log',
      domain: [yLo, yHi],
    },
    layers,
    legend: 'bottom-left',
  });
}

export function countsFigure(p: Projection): TopLevelSpec {
  const rows: Datum[] = [];
  for (const b of p.expected.bins) {
    const e = 0.5 * (b.loKeV + b.hiKeV);
    for (const [label, v] of [
      ['background', b.background],
      ['signal α = 1', b.signal1],
      ['signal α = 0', b.signal0],
      ['signal (model)', b.signalModel],
    ] as const) {
      if (v > 0) rows.push({ e, v, label });
    }
  }
  return layeredChart({
    title: `Expected counts per bin: ${p.setup.name}`,
    subtitle: `exposure ${exposureText(p.exposureKgDay * 86_400, p.setup.massKg)}`,
    x: { field: 'e', title: `E [${p.setup.observedUnit}]` },
    y: { field: 'v', title: 'counts per bin', scale: 'log' },
    layers: [lineLayer({ data: rows, series: 'label', points: true })],
    legend: 'top-right',
  });
}

export function scanFigure(p: Projection): TopLevelSpec | undefined {
  const sc = p.scan;
  if (sc === undefined) return undefined;
  const yr = 365.25 * 86_400;
  const ton = p.setup.massKg >= 1000;
  const x = (kgS: number) => (ton ? kgS / 1000 / yr : kgS / yr);
  const rows: Datum[] = sc.points
    .flatMap((pt) => [
      { x: x(pt.exposureKgS), z: pt.zAlpha1, label: 'exclude α = 1' },
      { x: x(pt.exposureKgS), z: pt.zAlpha0, label: 'exclude α = 0' },
    ])
    .filter((r) => r.z > 1e-3);
  const x0 = x(sc.points[0]!.exposureKgS);
  const x1 = x(sc.points.at(-1)!.exposureKgS);
  return layeredChart({
    title: `Median expected significance against exposure: ${p.setup.name}`,
    subtitle: 'Asimov dataset of the true model; dashed: 3σ and 5σ',
    x: { field: 'x', title: `exposure [${ton ? 't·yr' : 'kg·yr'}]`, scale: 'log' },
    y: { field: 'z', title: 'median Z', scale: 'log' },
    layers: [
      lineLayer({ data: rows, series: 'label' }),
      lineLayer({
        data: [
          { x: x0, z: 3 },
          { x: x1, z: 3 },
        ],
        label: '3σ',
        dash: [4, 4],
      }),
      lineLayer({
        data: [
          { x: x0, z: 5 },
          { x: x1, z: 5 },
        ],
        label: '5σ',
        dash: [2, 2],
      }),
    ],
    legend: 'top-left',
  });
}
