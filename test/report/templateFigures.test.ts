/**
 * The template-analysis figures (report/templateFigures.ts): the projection of row-major bins on one
 * axis, the data error bars (Garwood intervals against their printed values), and the figure specs
 * (one panel per channel and observable, one legend, labels without underscores) on the shipped
 * XENONnT fixture.
 */
import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import { describe, expect, test } from 'vitest';
import { loadAnyDataset, type TemplateDataset } from '../../src/data/index.js';
import { analyzeTemplateDataset, templateFigureData } from '../../src/likelihood/index.js';
import {
  alphaFigure,
  alphaScanFigure,
  channelTitle,
  poissonCentralInterval,
  projectOnAxis,
  templateProjectionFigure,
  unequalBins,
} from '../../src/report/index.js';
import { expectRelClose } from '../helpers.js';

describe('projectOnAxis (row-major, last axis fastest)', () => {
  // 2 × 3 bins: value = 10·i + j at (i, j), flat index 3i + j.
  const values = [0, 1, 2, 10, 11, 12];
  test('sums over the other axes', () => {
    expect(projectOnAxis(values, [2, 3], 0)).toEqual([3, 33]);
    expect(projectOnAxis(values, [2, 3], 1)).toEqual([10, 12, 14]);
  });
  test('every projection keeps the total (3 × 3 × 3 × 3, XENONnT layout)', () => {
    const v = Array.from({ length: 81 }, (_, i) => (i * 7) % 11);
    const total = v.reduce((s, x) => s + x, 0);
    for (let a = 0; a < 4; a++)
      expect(projectOnAxis(v, [3, 3, 3, 3], a).reduce((s, x) => s + x, 0)).toBe(total);
  });
});

test('68.27 % central Poisson intervals = Garwood’s (PDG Review of Particle Physics, Statistics, Table 40.3)', () => {
  // Table values are printed to 3 decimals: 0 → [0, 1.841], 1 → [0.173, 3.300], 5 → [2.840, 8.382],
  // 10 → [6.891, 14.267] (68.27 % central); tolerance half a unit in the last printed digit.
  const cases: [number, number, number][] = [
    [0, 0, 1.841],
    [1, 0.173, 3.3],
    [5, 2.84, 8.382],
    [10, 6.891, 14.267],
  ];
  for (const [n, lo, hi] of cases) {
    const [a, b] = poissonCentralInterval(n);
    expect(Math.abs(a - lo)).toBeLessThan(6e-4);
    expectRelClose(b, hi, 0, 6e-4, `n = ${n}`);
  }
});

describe('panel titles and bin widths', () => {
  const axes = [{ name: 'x', unit: '1', edges: [0, 1] }];
  test('a channel is titled by its label, a spelled-out abbreviation, or its name without underscores', () => {
    expect(channelTitle({ name: 'sr0', label: 'SR0 (1.17 t·yr)', axes })).toBe('SR0 (1.17 t·yr)');
    expect(channelTitle({ name: 'cenns10_anlA', description: 'the release grid: E × F90', axes })).toBe(
      'cenns10 anlA',
    );
    const ac = { name: 'ac', description: 'anti-coincidence window (beam on): SSB only', axes };
    expect(channelTitle(ac)).toBe('anti-coincidence window');
    expect(channelTitle({ name: 'c', axes })).toBe('c');
  });
  test('unequal bins are told from equal ones (to 0.1 %)', () => {
    expect(unequalBins([0, 10, 20, 30])).toBe(false);
    expect(unequalBins([0.5, 0.55, 0.6, 0.7])).toBe(true);
  });
});

describe('figures of the XENONnT fixture', () => {
  const ds = loadAnyDataset('xenonnt-8b') as TemplateDataset;
  const data = templateFigureData(ds, { scanPoints: 11 });

  test('projection: 3 runs × 4 observables = 12 panels, one legend, observed totals kept', () => {
    const spec = templateProjectionFigure(ds, data) as {
      concat: { layer: { mark: { type: string } | string }[] }[];
    };
    expect(spec.concat).toHaveLength(12);
    // The legend is drawn as marks (report/legend.ts); its labels are the only text marks of a panel.
    const withLegend = spec.concat.filter((p) =>
      p.layer.some((l) => (typeof l.mark === 'string' ? l.mark : l.mark.type) === 'text'),
    );
    expect(withLegend).toHaveLength(1);
    const text = JSON.stringify(spec);
    const titles = [...text.matchAll(/"(?:title|text)":"([^"]*)"/g)].map((m) => m[1]!);
    expect(text).toContain('"text":"SR0 (1.17 t·yr)"');
    expect(titles).toContain('S1 BDT score');
    for (const t of titles) expect(t).not.toContain('_');
    expect(text).toContain('accidental coincidences');
    expect(text).toContain('CEvNS (excess + floor)');
    expect(text).toContain('XENONnT xenonnt-8b:'); // the dataset in the title
  });

  test('projection on unequal bins: densities (events per unit), whose integral is the observed count', () => {
    type Panel = {
      layer: { data?: { values: Record<string, number>[] }; mark: { type: string } | string }[];
      encoding?: unknown;
    };
    const spec = templateProjectionFigure(ds, data) as unknown as { concat: Panel[] };
    const text = JSON.stringify(spec.concat[0]);
    expect(text).toContain('"title":"events per PE"'); // cS2 bins 100–160–250–500 PE
    // The data points of the first panel (SR0 on cS2): Σ density × width = the observed SR0 total.
    const edges = ds.channels[0]!.axes[0]!.edges;
    const points = spec.concat[0]!.layer.find(
      (l) => (typeof l.mark === 'string' ? l.mark : l.mark.type) === 'point' && l.data !== undefined,
    )!.data!.values;
    const integral = points.reduce((t, p, i) => t + p.y! * (edges[i + 1]! - edges[i]!), 0);
    const observed = data.channels[0]!.observed.reduce((t, n) => t + n, 0);
    expectRelClose(integral, observed, 0, 1e-12, 'Σ density × width'); // exact up to rounding
  });

  test('Fig. 5: the nine Xe isotopes are one Helm curve and band (one legend entry), not nine', () => {
    const spec = JSON.stringify(alphaFigure(ds, analyzeTemplateDataset(ds, { fix: [] })));
    const helm = [...new Set([...spec.matchAll(/Helm \(Eq\. 9\)[^"]*/g)].map((m) => m[0]))];
    expect(helm).toEqual(['Helm (Eq. 9) ±10 %, Xe (9 isotopes)']);
  });

  test('α scan: t(α̂) = 0, t ≥ 0, and critical values between the boundary (0.2259) and Δχ² (1) at 68.27 %', () => {
    const s = data.scan;
    expect(Math.min(...s.combined)).toBeGreaterThanOrEqual(0);
    for (const c of s.critical68) {
      // One-sided at a bound p = Φ(−√t) = 0.3173 → t = Φ⁻¹(0.6827)² = 0.22587; far from the bounds the
      // χ²₁ quantile of a free parameter (1.0000434 at 0.6827, not exactly 1); 1e-5 / 1e-6 allow for the
      // bisection of the critical value (1e-9).
      expect(c).toBeGreaterThan(0.22587 - 1e-5);
      expect(c).toBeLessThan(chisquareQuantile(0.6827, 1) + 1e-6);
    }
    const spec = JSON.stringify(alphaScanFigure(ds, data));
    expect(spec).toContain('68.27 % CL critical value');
    expect(spec).toContain('coherency α');
    expect(spec).toContain('XENONnT xenonnt-8b:');
  });
});
