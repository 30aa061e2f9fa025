import { describe, expect, test } from 'vitest';
import { SpecError } from '../../src/errors.js';
import { countingLikelihood, countingNll, SingleBinKernel, tildeT } from '../../src/likelihood/index.js';
import type { CountingModel } from '../../src/likelihood/index.js';

const good: CountingModel = {
  bins: [
    { nOn: 3, signal0: 1, signal1: 2, background: { kind: 'known', expected: 1 } },
    { nOn: 5, signal0: 1, signal1: 4, background: { kind: 'measured', nOff: 2, tau: 3 } },
  ],
};

/** The SpecError thrown by fn (fails the test if none). */
function specError(fn: () => unknown): SpecError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SpecError) return e;
    throw e;
  }
  throw new Error('expected a SpecError');
}

describe('validation names the bin and the field', () => {
  const withBin1 = (patch: object): CountingModel => ({
    ...good,
    bins: [good.bins[0], { ...good.bins[1], ...patch }] as CountingModel['bins'],
  });

  test.for([
    ['negative count', { nOn: -1 }, 'bins[1].nOn', /≥ 0/],
    ['NaN signal', { signal0: Number.NaN }, 'bins[1].signal0', /finite/],
    ['infinite signal', { signal1: Infinity }, 'bins[1].signal1', /finite/],
    ['negative beam background', { beamBackground: -2 }, 'bins[1].beamBackground', /≥ 0/],
    ['τ = 0', { background: { kind: 'measured', nOff: 2, tau: 0 } }, 'bins[1].background.tau', /> 0/],
    [
      'negative off count',
      { background: { kind: 'measured', nOff: -3, tau: 1 } },
      'bins[1].background.nOff',
      /≥ 0/,
    ],
    [
      'negative known background',
      { background: { kind: 'known', expected: -1 } },
      'bins[1].background.expected',
      /≥ 0/,
    ],
  ] as const)('%s → %s', ([, patch, path, message]) => {
    const e = specError(() => countingLikelihood(withBin1(patch)));
    expect(e.code).toBe('invalid_spec');
    expect(e.message).toContain(path);
    expect(e.message).toMatch(message);
    expect(e.path.slice(0, 2)).toEqual(['bins', 1]);
  });

  test('events where every expectation is zero', () => {
    const e = specError(() =>
      countingLikelihood({
        bins: [{ nOn: 2, signal0: 0, signal1: 0, background: { kind: 'known', expected: 0 } }, ...good.bins],
      }),
    );
    expect(e.message).toContain('bins[0].nOn');
  });

  test('constraints: unknown kind, negative σ', () => {
    expect(
      specError(() => countingLikelihood({ ...good, signalNorm: { kind: 'gaussian', sigma: -0.1 } })).message,
    ).toContain('signalNorm.sigma');
    const bad = { ...good, beamNorm: { kind: 'uniform', sigma: 0.1 } } as unknown as CountingModel;
    expect(specError(() => countingLikelihood(bad)).message).toContain('beamNorm.kind');
  });

  test('no bins, no poi dependence (code no_poi), poi outside [0, 1]', () => {
    expect(specError(() => countingLikelihood({ bins: [] })).message).toContain('bins');
    const flat = specError(() =>
      countingLikelihood({
        bins: [{ nOn: 1, signal0: 2, signal1: 2, background: { kind: 'known', expected: 1 } }],
      }),
    );
    expect(flat.code).toBe('no_poi');
    expect(specError(() => tildeT(countingLikelihood(good), 1.5)).message).toContain('poi0');
  });

  test('countingNll: wrong background length is bin_mismatch; SingleBinKernel: missing bin', () => {
    expect(specError(() => countingNll(good, { poi: 0.5, background: [1] })).code).toBe('bin_mismatch');
    expect(specError(() => new SingleBinKernel(good, 5)).code).toBe('bin_mismatch');
  });
});
