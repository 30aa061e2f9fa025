/**
 * Building blocks of the dataset builders: text readers, detector response, the recoil quadrature
 * grid and the stable fixture format. Each test names the property it checks.
 */
import { describe, expect, test } from 'vitest';
import {
  csiAcceptance,
  electronEquivalentKeV,
  foldOnGrid,
  gaussianBinProbabilities,
  poissonPeBinProbabilities,
  recoilForElectronEquivalent,
  recoilGrid,
} from '../../src/data/detectorResponse.js';
import { roundSignificant, stableJson } from '../../src/data/stableJson.js';
import { parseNumericRows, parseParameterYaml, yamlNumber } from '../../src/data/textTables.js';
import { expectRelClose } from '../helpers.js';

describe('text readers', () => {
  test('numeric rows: headers, comments and blank lines are skipped; commas or spaces separate', () => {
    const rows = parseNumericRows('# comment\nPE,time,counts\n1.0, 0.25, 2\n\n3 0.75 4\n', 3, 'x.txt');
    expect(rows).toEqual([
      [1, 0.25, 2],
      [3, 0.75, 4],
    ]);
  });
  test('numeric rows: a row with the wrong number of columns is an error naming file and line', () => {
    expect(() => parseNumericRows('1, 2, 3\n4, 5\n', 3, 'x.txt')).toThrow(
      'x.txt line 2: 2 numbers; expected 3 columns',
    );
  });
  test('parameter YAML: values, parameters lists, block comments with colons are ignored', () => {
    const y = parseParameterYaml(
      [
        'beam:',
        '  value: 7.5',
        '  units: GW*hr',
        '  comment: |',
        '    value: 99 (inside a block comment)',
        'acc:',
        '  parameters:',
        '    - name: a',
        '      value: 0.66',
        '      error_hi: 0.02',
        '  comment:',
        '    Form: a/(1+exp(-k x))',
        'res:',
        '  uncertainty: negligible',
      ].join('\n'),
    );
    expect(yamlNumber(y, 'p.yaml', 'beam', 'value')).toBe(7.5);
    expect(y.acc?.parameters.a).toEqual({ value: 0.66, error_hi: 0.02 });
    expect(() => yamlNumber(y, 'p.yaml', 'res', 'uncertainty')).toThrow(
      'p.yaml: res.uncertainty not found or not a number',
    );
  });
});

describe('detector response', () => {
  test('Poisson PE bins (nPeBin): P_k = Pois(k+1 | μ); they sum to 1 − Pois(0 | μ) over enough bins', () => {
    const mu = 7.3;
    const p = poissonPeBinProbabilities(mu, 60);
    expectRelClose(p[4]!, (Math.exp(-mu) * mu ** 5) / 120, 1e-12);
    expectRelClose(
      p.reduce((s, x) => s + x, 0),
      1 - Math.exp(-mu),
      1e-12,
    );
  });
  test('Poisson PE bins (centred): the mean reconstructed bin centre equals μ', () => {
    const mu = 12.4;
    const p = poissonPeBinProbabilities(mu, 80, 'centred');
    // Mean of the bin centres k + ½ weighted by P_k, with the half of n = 0 below 0 at −½.
    const mean = p.reduce((s, x, k) => s + x * (k + 0.5), 0) - 0.5 * Math.exp(-mu) * 0.5;
    expectRelClose(mean, mu, 1e-10);
  });
  test('Gaussian resolution bins sum to 1 on a wide range and are centred on E', () => {
    const edges = Array.from({ length: 201 }, (_, j) => j * 0.5);
    // σ = 0.58·sqrt(30 keVee), the CENNS-10 resolution at 30 keVee
    const p = gaussianBinProbabilities(30, 0.58 * Math.sqrt(30), edges);
    expectRelClose(
      p.reduce((s, x) => s + x, 0),
      1,
      1e-12,
    );
    expectRelClose(
      p.reduce((s, x, j) => s + x * (j + 0.5) * 0.5, 0),
      30,
      1e-3,
    );
  });
  test('σ = 0 puts everything in the bin [e_j, e_j+1) that contains E, edges included', () => {
    expect(Array.from(gaussianBinProbabilities(1, 0, [0, 1, 2]))).toEqual([0, 1]);
    expect(Array.from(gaussianBinProbabilities(0.5, 0, [0, 1, 2]))).toEqual([1, 0]);
  });
  test('CsI acceptance: 0 below 5 PE, half of the sigmoid on 5–6 PE, the full sigmoid above', () => {
    const p = { a: 0.6655, k: 0.4942, x0: 10.8507 };
    const sig = (x: number) => p.a / (1 + Math.exp(-p.k * (x - p.x0)));
    expect(csiAcceptance(4.5, p)).toBe(0);
    expectRelClose(csiAcceptance(5.5, p), 0.5 * sig(5.5), 1e-15);
    expectRelClose(csiAcceptance(6.5, p), sig(6.5), 1e-15);
  });
  test('quenching: recoilForElectronEquivalent inverts E_ee = QF(T)·T (flat and linear)', () => {
    for (const q of [
      { kind: 'flat', qf: 0.0878 } as const,
      { kind: 'linear', a: 0.246, bPerKeV: 0.00078 } as const,
    ]) {
      for (const t of [1, 17.5, 120])
        expectRelClose(recoilForElectronEquivalent(q, electronEquivalentKeV(q, t)), t, 1e-13);
    }
  });
  test('recoil grid: Gauss–Legendre panels integrate smooth functions and respect breakpoints', () => {
    const g = recoilGrid(40, [14.3, 15.0], 0.25);
    const fold = (f: (t: number) => number) => foldOnGrid(g, g.tKeV.map(f), () => Float64Array.of(1), 1)[0]!;
    expectRelClose(
      fold((t) => t ** 7),
      40 ** 8 / 8,
      1e-13,
    );
    expectRelClose(
      fold((t) => Math.exp(-t / 5)),
      5 * (1 - Math.exp(-8)),
      1e-13,
    );
    // A step at a breakpoint is integrated exactly.
    expectRelClose(
      fold((t) => (t < 14.3 ? 1 : 0)),
      14.3,
      1e-13,
    );
    expect(g.tKeV.length % 8).toBe(0);
  });
});

describe('stable fixture JSON', () => {
  test('numbers are rounded to 10 significant digits, integers unchanged, output ends with a newline', () => {
    expect(roundSignificant(1 / 3)).toBe(0.3333333333);
    expect(roundSignificant(1207)).toBe(1207);
    expect(stableJson({ a: [Math.PI, 2] })).toBe('{\n  "a": [\n    3.141592654,\n    2\n  ]\n}\n');
  });
});
