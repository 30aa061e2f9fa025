/**
 * COHERENT CsI 2021 release reader: bad inputs are SpecErrors naming the file and line (synthetic text,
 * no shared data needed), and the release as shipped matches its README (skipped without the data).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { SpecError } from '../../src/errors.js';
import {
  efficiencyAt,
  efficiencyVariants,
  efficiencyZeroPe,
  parseEfficiencyCoefficients,
  parseScintillationCoefficients,
} from '../../src/data/releases/coherentCsi2021/coefficients.js';
import { histogramEvents, parseEventList } from '../../src/data/releases/coherentCsi2021/eventLists.js';
import {
  PE_SHAPE_GRID,
  TIME_SHAPE_GRID,
  integrateShape,
  parseShape,
  shapeMean,
  transformShape,
} from '../../src/data/releases/coherentCsi2021/neutronShapes.js';
import {
  readCoherentCsi2021Release,
  type CoherentCsi2021Release,
} from '../../src/data/releases/coherentCsi2021/release.js';
import { fitPulseMean } from '../../src/data/releases/coherentCsi2021/timing.js';
import { RELEASE_FOLDERS } from '../../src/data/repoPaths.js';
import { expectRelClose } from '../helpers.js';
import { describeWithShared } from '../sharedData.js';
import { DATA_DIR } from './datasetTestKit.js';

const FOLDER = RELEASE_FOLDERS.coherentCsi2021;
const DIR = join(DATA_DIR, FOLDER);

/** The SpecError thrown by f, for assertions on its message and path. */
function specError(f: () => unknown): SpecError {
  try {
    f();
  } catch (e) {
    if (e instanceof SpecError) return e;
    throw e;
  }
  throw new Error('expected a SpecError');
}

const HEADER = '# List of selected events\n# Recoil energy (PE), recoil time (microsecond)\n';
const EFF =
  '# eff\n1.32045 0.285979 10.8646 -0.333322\n\n1.3439 0.285366 9.84596 -0.356364\n1.297 0.286592 11.8832 -0.31028\n';
const SCINT =
  '0.0554628 4.30681 -111.707 840.384\n0.0613632 3.51547 -85.5548 595.562\n0.0495624 5.09815 -137.858 1085.2\n' +
  '0.055413 3.93597 -93.1045 630.092\n0.0555126 4.67765 -130.309 1050.68\n';

describe('event lists', () => {
  test('two columns parsed; histogram counts only events inside the binning', () => {
    const ev = parseEventList(`${HEADER}10.5 0.2\n70 1.0\n30 5.5\n`, 'dataBeamOnC.txt');
    expect(Array.from(ev.pe)).toEqual([10.5, 70, 30]);
    // 70 PE lies above the last PE edge 60: not counted.
    expect(histogramEvents(ev, [0, 20, 60], [0, 1, 6])).toEqual([1, 0, 0, 1]);
  });

  test('a truncated line is an error naming the file and line', () => {
    const e = specError(() => parseEventList(`${HEADER}10.5 0.2\n70\n`, 'dataBeamOnC.txt'));
    expect(e.message).toMatch(/dataBeamOnC\.txt line 4: 1 numbers; expected 2 columns/);
    expect(e.path).toEqual(['dataBeamOnC.txt', 4]);
  });

  test('a non-number and an event outside the release selection are errors naming the line', () => {
    expect(() => parseEventList(`${HEADER}10.5 abc\n`, 'dataBeamOnAC.txt')).toThrow(
      /dataBeamOnAC\.txt line 3: "abc"/,
    );
    expect(() => parseEventList(`${HEADER}260 1\n`, 'dataBeamOnAC.txt')).toThrow(
      /line 3: energy 260 PE is outside/,
    );
    expect(() => parseEventList(`${HEADER}20 -0.1\n`, 'dataBeamOnAC.txt')).toThrow(
      /line 3: time -0\.1 µs is outside/,
    );
    expect(() => parseEventList(HEADER, 'dataBeamOnAC.txt')).toThrow(/no events/);
  });

  test('a missing release folder is an io_error naming the file', () => {
    const e = specError(() => readCoherentCsi2021Release('/nonexistent/coherent-csi-2021'));
    expect(e.code).toBe('io_error');
    expect(e.message).toMatch(/dataBeamOnC\.txt/);
  });
});

describe('neutron shapes', () => {
  const peText = (f: (i: number) => string) => Array.from({ length: 250 }, (_, i) => f(i)).join('\n');

  test('a file on another binning or with a negative entry is rejected with the line', () => {
    expect(() =>
      parseShape(peText((i) => `${i + 0.5} 1`).replace('3.5 1', '3.7 1'), 'brnPE.txt', PE_SHAPE_GRID),
    ).toThrow(/brnPE\.txt line 4: bin centre 3\.7; expected 3\.5/);
    expect(() =>
      parseShape(
        peText((i) => `${i + 0.5} ${i === 9 ? -1 : 1}`),
        'ninPE.txt',
        PE_SHAPE_GRID,
      ),
    ).toThrow(/ninPE\.txt line 10: content -1 is negative/);
    expect(() => parseShape('0.5 1\n1.5 1\n', 'brnPE.txt', PE_SHAPE_GRID)).toThrow(/2 bins; expected 250/);
    // A time shape on 20-ns bins (another run's binning) is rejected at its second line.
    const t20 = Array.from({ length: 650 }, (_, i) => `${(-0.24 + 0.02 * i).toFixed(3)} 1`).join('\n');
    expect(() => parseShape(t20, 'brnTrec.txt', TIME_SHAPE_GRID)).toThrow(
      /brnTrec\.txt line 1: bin centre -0\.24; expected -0\.245/,
    );
  });

  test('integration over analysis bins is exact for the piecewise-constant shape; transforms keep the total', () => {
    const s = parseShape(
      peText((i) => `${i + 0.5} ${i < 10 ? 1 : 0}`),
      'brnPE.txt',
      PE_SHAPE_GRID,
    );
    const len = (a: number, b: number) => b - a;
    // Half of bin [2, 3) and all of [3, 4): 1.5 of the 10 units.
    expect(integrateShape(s, 2.5, 4, len)).toBeCloseTo(1.5, 14);
    expect(shapeMean(s)).toBeCloseTo(5, 14);
    const t = transformShape(s, 1, 2); // mean 5 → 6, width doubled
    expect(integrateShape(t, -100, 300, len)).toBeCloseTo(10, 12);
    expect(shapeMean(t)).toBeCloseTo(6, 12);
  });
});

describe('coefficients', () => {
  test('the release efficiency: clipped at 0 below x₀ ≈ 7.07 PE, plateau a + d; +1σ is the higher one', () => {
    const e = parseEfficiencyCoefficients(EFF, 'effCoefficients.txt');
    const x0 = efficiencyZeroPe(e.nominal);
    // x₀ = c − ln(a/(−d) − 1)/b = 10.8646 − ln(2.96148)/0.285979 = 7.0682 (by hand).
    expect(x0).toBeCloseTo(7.0682, 3);
    expect(efficiencyAt(e.nominal, x0 - 0.01)).toBe(0);
    expect(efficiencyAt(e.nominal, 1000)).toBeCloseTo(1.32045 - 0.333322, 10);
    expect(efficiencyVariants(e).up.c).toBe(9.84596); // the lower threshold gives the higher efficiency
  });

  test('a negative coefficient or a plateau above 1 is rejected with the line', () => {
    expect(() =>
      parseEfficiencyCoefficients(EFF.replace('0.285366', '-0.285366'), 'effCoefficients.txt'),
    ).toThrow(/effCoefficients\.txt line 4: coefficient b = -0\.285366 is not positive/);
    expect(() =>
      parseEfficiencyCoefficients(EFF.replace('-0.31028', '0.31028'), 'effCoefficients.txt'),
    ).toThrow(/line 5: plateau a \+ d = 1\.60728; expected an efficiency in \(0, 1\]/);
    expect(() => parseEfficiencyCoefficients('1 1 1 0\n', 'effCoefficients.txt')).toThrow(
      /1 coefficient lines; expected 3/,
    );
  });

  test('the release scintillation response is increasing; a falling one is rejected with the line', () => {
    const s = parseScintillationCoefficients(SCINT, 'scintRespCoefficients.txt');
    expect(s.variants[1].down.b).toBe(4.67765);
    expect(() =>
      parseScintillationCoefficients(
        SCINT.replace('0.0495624 5.09815', '0.0495624 -5.09815'),
        'scintRespCoefficients.txt',
      ),
    ).toThrow(/scintRespCoefficients\.txt line 3: E_ee\(.*\) .* is not above/);
  });
});

describeWithShared(FOLDER, `the release in ${DIR} (skipped when that folder is absent)`, () => {
  let rel: CoherentCsi2021Release;
  beforeAll(() => {
    rel = readCoherentCsi2021Release(DIR);
  });

  test('event totals as in the README: 5142 (C) and 4890 (AC)', () => {
    expect(rel.coincidence.pe.length).toBe(5142);
    expect(rel.anticoincidence.pe.length).toBe(4890);
  });

  test('shape sums as in the README (BRN/NIN PE 1.50/1.33, time 27.6/7.56); the PE shapes sum to 1 below 60 PE', () => {
    const sum = (a: Float64Array) => a.reduce((s, x) => s + x, 0);
    expectRelClose(sum(rel.brn.pe.contents), 1.5, 5e-3, 0, 'brnPE'); // README gives 3 digits
    expectRelClose(sum(rel.nin.pe.contents), 1.33, 5e-3, 0, 'ninPE');
    expectRelClose(sum(rel.brn.time.contents), 27.6, 5e-3, 0, 'brnTrec');
    expectRelClose(sum(rel.nin.time.contents), 7.56, 5e-3, 0, 'ninTrec');
    expectRelClose(sum(rel.brn.pe.contents.slice(0, 60)), 1, 1e-5, 0, 'brnPE < 60 PE');
  });

  test('the NIN time tail falls as exp(−t/τ_μ): the time shapes carry no arrival-time efficiency', () => {
    // Log-linear least squares over 2–6 µs. Without ε_T the slope is −1/2.1969811 = −0.4552 µs⁻¹; with
    // it, −0.4552 − 0.0494 = −0.5046. The tolerance 2e-3 separates the two by 25×.
    const t: number[] = [];
    const y: number[] = [];
    rel.nin.time.contents.forEach((c, i) => {
      const mid = 0.5 * (rel.nin.time.edges[i]! + rel.nin.time.edges[i + 1]!);
      if (mid > 2 && mid < 6 && c > 0) {
        t.push(mid);
        y.push(Math.log(c));
      }
    });
    const mt = t.reduce((s, x) => s + x, 0) / t.length;
    const my = y.reduce((s, x) => s + x, 0) / y.length;
    const slope =
      t.reduce((s, x, i) => s + (x - mt) * (y[i]! - my), 0) / t.reduce((s, x) => s + (x - mt) ** 2, 0);
    expect(Math.abs(slope + 1 / 2.1969811)).toBeLessThan(2e-3);
  });

  test('the delayed-neutrino timing with a 150-ns Gaussian pulse describes the NIN time shape', () => {
    // Fitted mean 0.473 µs; the largest per-bin residual is 1.5 % of the peak bin (10-ns bins), i.e. the
    // pulse-plus-lifetimes model reproduces the collaboration's neutrino timing; 3 % would flag a wrong
    // width or lifetime (σ = 100 or 200 ns gives > 5 %).
    const fit = fitPulseMean(rel.nin.time, 0.15);
    expect(fit.meanUs).toBeGreaterThan(0.4);
    expect(fit.meanUs).toBeLessThan(0.55);
    expect(fit.maxRelResidual).toBeLessThan(0.03);
    expect(fitPulseMean(rel.nin.time, 0.1).maxRelResidual).toBeGreaterThan(0.05);
    expect(fitPulseMean(rel.nin.time, 0.2).maxRelResidual).toBeGreaterThan(0.05);
  });
});
