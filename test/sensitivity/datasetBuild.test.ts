/**
 * `coherency dataset build`: setup + observed counts → dataset → `coherency analyze` (round trip on
 * small synthetic setups), the per-nucleus predictions against independent references, and bad input
 * (missing file, bins out of order, a negative count, a missing unit, …) as one line with exit code 2
 * and no file written.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadSetup, parseDataset, type CountsDataset } from '../../src/data/index.js';
import {
  COMPLETE_COHERENCY,
  decoherentXi,
  PAPER_HELM_MODEL,
  q2FromRecoil,
  totalRate,
  type Target,
} from '../../src/physics/index.js';
import { buildResponse, expectedCounts } from '../../src/sensitivity/index.js';
import { runCli } from '../cli/run.js';
import { expectRelClose } from '../helpers.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'coherency-dataset-'));

/**
 * Two Ge isotopes, DAR-π flux, keVnr observable, no resolution, constant efficiency: every predicted
 * count is then a plain integral of the physics core's dR/dT over the bin (the reference below).
 */
const nrSetup = {
  $schemaVersion: '1.0.0',
  name: 'synthetic-ge-dar',
  target: { element: 'Ge', isotopes: { '72': 0.5, '76': 0.5 } },
  mass: '10 kg',
  liveTime: '1 yr',
  source: { kind: 'darPi', perFlavourFlux: '1e7 cm-2 s-1' },
  threshold: '5 keVnr',
  efficiency: { kind: 'constant', value: 0.8 },
  background: { kind: 'none' },
  signalNormRelUncertainty: 0.1,
};

/** The same target seen in keVee through Lindhard quenching, with a Gaussian resolution. */
const eeSetup = {
  ...nrSetup,
  name: 'synthetic-ge-dar-ee',
  threshold: '1 keVee',
  quenching: { model: 'lindhard' },
  resolution: { sigma0: '0.1 keVee', stochastic: { value: 0.05, unit: 'sqrt(keVee)' } },
};

const nrObserved = {
  $schemaVersion: '1.0.0',
  kind: 'observed-counts',
  id: 'synthetic-nr',
  experiment: 'SYNTHETIC',
  energyUnit: 'keVnr',
  beamBackgroundRelUncertainty: 0.2,
  bins: [
    { lo: 5, hi: 10, nOn: 95, nOff: 80, tau: 2 },
    { lo: 10, hi: 15, nOn: 52, knownBackground: { expected: 20, sigma: 3 } },
    { lo: 15, hi: 20, nOn: 40, nOff: 30, tau: 2, knownBackground: { expected: 6, sigma: 1.5 } },
    { lo: 25, hi: 35, nOn: 18, knownBackground: { expected: 9, sigma: 0 }, beamBackground: 1.5 },
  ],
};

function writeInputs(setup: object, observed: object | string, observedName = 'observed.json') {
  const dir = tmp();
  const setupPath = join(dir, 'setup.json');
  const observedPath = join(dir, observedName);
  writeFileSync(setupPath, JSON.stringify(setup));
  writeFileSync(observedPath, typeof observed === 'string' ? observed : JSON.stringify(observed));
  return { dir, setupPath, observedPath, out: join(dir, 'dataset.json') };
}

/** Nucleus k of a target alone, keeping the whole target's formula mass (rates per kg of target). */
function alone(target: Target, k: number): Target {
  return { label: 'one', components: [target.components[k]!], formulaMassU: target.formulaMassU };
}

describe('dataset build → analyze (round trip)', () => {
  test('keVnr setup: predictions equal the physics core integrals; analyze accepts the dataset', async () => {
    const f = writeInputs(nrSetup, nrObserved);
    const r = await runCli([
      'dataset',
      'build',
      '--setup',
      f.setupPath,
      '--observed',
      f.observedPath,
      '--out',
      f.out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Dataset synthetic-nr \(4 bins/);
    const ds = parseDataset(JSON.parse(readFileSync(f.out, 'utf8')), 'dataset.json') as CountsDataset;

    const setup = loadSetup(nrSetup, 'setup.json');
    const X = setup.exposureKgS * 0.8; // efficiency 0.8
    expect(ds.target.nuclei.map((n) => n.label)).toEqual(['Ge-72', 'Ge-76']);
    ds.target.nuclei.forEach((n, k) =>
      expectRelClose(n.decoherentXi, decoherentXi(setup.nuclei[k]!, 0.045), 1e-9, 0, `d_${n.label}`),
    );
    nrObserved.bins.forEach((ob, i) => {
      const b = ds.bins[i]!;
      expect(b.nOn).toBe(ob.nOn);
      expect(b.nOff).toBe(ob.nOff);
      expect(b.knownBackground).toEqual(ob.knownBackground);
      expect(b.beamBackground).toBe(ob.beamBackground ?? 0);
      expect([b.tLoKeV, b.tHiKeV]).toEqual([ob.lo, ob.hi]);
      b.nuclei.forEach((p, k) => {
        const t = alone(setup.target, k);
        const window = { tMinMeV: ob.lo * 1e-3, tMaxMeV: ob.hi * 1e-3 };
        // Reference: the physics core's adaptive Gauss–Kronrod totalRate over the bin. Before the
        // file's rounding the two agree to ~1e-15 here (bin edges are panel edges of the response's
        // Gauss–Legendre fold); the file keeps 10 significant digits (≤ 5e-10 relative): 1e-9.
        const coh = X * totalRate(t, setup.spectrum, COMPLETE_COHERENCY, window).ratePerKgPerS;
        const helm = X * totalRate(t, setup.spectrum, PAPER_HELM_MODEL, window).ratePerKgPerS;
        expectRelClose(p.sCoh, coh, 1e-9, 0, `sCoh bin ${i} ${p.label}`);
        expectRelClose(p.sHelm!, helm, 1e-9, 0, `sHelm bin ${i} ${p.label}`);
        const m = setup.nuclei[k]!.massMeV;
        expectRelClose(p.q2LoMeV2, q2FromRecoil(ob.lo * 1e-3, m), 1e-9, 0, 'q2 lo');
        expectRelClose(p.q2HiMeV2, q2FromRecoil(ob.hi * 1e-3, m), 1e-9, 0, 'q2 hi');
        expect(p.q2MeanMeV2!).toBeGreaterThan(p.q2LoMeV2);
        expect(p.q2MeanMeV2!).toBeLessThan(p.q2HiMeV2);
      });
    });
    expect(ds.signalNormRelUncertainty).toBe(0.1);
    expect(ds.beamBackgroundRelUncertainty).toBe(0.2);

    const a = await runCli(['analyze', f.out, '--json']);
    expect(a.code, a.stderr).toBe(0);
    const result = JSON.parse(a.stdout) as { bins: { alphaHat: number; knownBackground?: unknown }[] };
    expect(result.bins).toHaveLength(4);
    expect(result.bins[1]!.knownBackground).toEqual({ expected: 20, sigma: 3 });
    for (const b of result.bins) expect(b.alphaHat).toBeGreaterThanOrEqual(0);
  });

  test('keVee setup (Lindhard, resolution) from CSV: totals equal `project`, T edges per nucleus', async () => {
    const csv = [
      '# id: synthetic-ee',
      '# title: keVee round trip',
      'lo [keVee], hi [keVee], nOn [events], nOff [events], tau [1], knownBackground [events], knownBackgroundSigma [events]',
      '1, 2, 120, 90, 1.5, , ',
      '2, 3, 60, , , 25, 4',
      '3, 5, 30, 20, 1.5, 5, 1',
    ].join('\n');
    const f = writeInputs(eeSetup, csv, 'observed.csv');
    const r = await runCli([
      'dataset',
      'build',
      '--setup',
      f.setupPath,
      '--observed',
      f.observedPath,
      '--out',
      f.out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const ds = parseDataset(JSON.parse(readFileSync(f.out, 'utf8')), 'dataset.json') as CountsDataset;
    expect(ds.id).toBe('synthetic-ee');
    expect(ds.title).toBe('keVee round trip');
    expect(ds.observable.unit).toBe('keVee');
    // `coherency project` with the same edges folds the same response: Σ_k sCoh_k = s(α = 1).
    const setup = loadSetup({ ...eeSetup, binning: { unit: 'keVee', edges: [1, 2, 3, 5] } }, 'setup.json');
    const e = expectedCounts(buildResponse(setup), setup.exposureKgS);
    ds.bins.forEach((b, i) => {
      // Same code path, rounded to 10 significant digits in the file: 1e-9.
      expectRelClose(b.sCoh, e.bins[i]!.signal1, 1e-9, 0, `bin ${i}`);
      // Lindhard quenching depends on the nucleus: T edges differ per isotope; the bin's is their mean.
      const t = setup.nuclei.map((n) => setup.fromObserved(b.observableLo, n));
      expect(t[0]).not.toBeCloseTo(t[1]!, 6);
      expectRelClose(b.tLoKeV, 0.5 * (t[0]! + t[1]!), 1e-9, 0, 'bin T lo');
      b.nuclei.forEach((p, k) =>
        expectRelClose(p.q2LoMeV2, q2FromRecoil(t[k]! * 1e-3, setup.nuclei[k]!.massMeV), 1e-9, 0, 'q2'),
      );
    });
    const a = await runCli(['analyze', f.out]);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toMatch(/α 68\.27 %/);
  });

  test('without --out the dataset JSON goes to stdout; a preset works as the setup', async () => {
    const f = writeInputs(nrSetup, {
      ...nrObserved,
      energyUnit: 'keVee',
      bins: [{ lo: 0.2, hi: 0.3, nOn: 300, nOff: 1500, tau: 0.25 }],
    });
    const r = await runCli(['dataset', 'build', '--setup', 'ge-reactor', '--observed', f.observedPath]);
    expect(r.code, r.stderr).toBe(0);
    const ds = parseDataset(JSON.parse(r.stdout), 'stdout') as CountsDataset;
    expect(ds.target.nuclei).toHaveLength(5); // natural Ge: five isotopes, never averaged
    expect(ds.provenance.files).toEqual(['observed.json', 'preset ge-reactor']);
  });
});

describe('dataset build: bad input is one line, exit code 2, nothing written', () => {
  const cases: { name: string; observed: object | string; file?: string; message: RegExp }[] = [
    {
      name: 'bin out of order',
      observed: { ...nrObserved, bins: [nrObserved.bins[1], nrObserved.bins[0]] },
      message:
        /^coherency: error: observed\.json: bins\[1\]\.lo: 5 is below hi = 15 of bin 0; expected bins in increasing order/,
    },
    {
      name: 'negative count',
      observed: { ...nrObserved, bins: [{ ...nrObserved.bins[0], nOn: -4 }] },
      message: /^coherency: error: observed\.json: bins\[0\]\.nOn: -4 is too small; expected a value ≥ 0/,
    },
    {
      name: 'unit missing (JSON)',
      observed: { ...nrObserved, energyUnit: undefined },
      message:
        /^coherency: error: observed\.json: energyUnit: is missing \(no unit for the bin edges\); expected eVnr \| keVnr/,
    },
    {
      name: 'unit missing (CSV header)',
      observed: 'lo [keVnr], hi [keVnr], nOn, nOff [events], tau [1]\n5, 10, 95, 80, 2\n',
      file: 'observed.csv',
      message:
        /^coherency: error: observed\.csv: line 1, column 3: "nOn" has no unit \(unit missing\); expected nOn \[events\]/,
    },
    {
      name: 'negative count (CSV names the line)',
      observed:
        'lo [keVnr], hi [keVnr], nOn [events], nOff [events], tau [1]\n5, 10, 95, 80, 2\n10, 15, 40, -3, 2\n',
      file: 'observed.csv',
      message:
        /^coherency: error: observed\.csv: bins\[1\]\.nOff \(line 3\): -3 is too small; expected a value ≥ 0/,
    },
    {
      name: 'a bin without background',
      observed: { ...nrObserved, bins: [{ lo: 5, hi: 10, nOn: 3 }] },
      message:
        /bins\[0\]: has no background; expected nOff and tau \(off-source measurement\), or knownBackground/,
    },
    {
      name: 'edges in the wrong scale',
      observed: { ...nrObserved, energyUnit: 'keVee' },
      message: /energyUnit: "keVee" is a keVee unit but the setup setup\.json observes keVnr/,
    },
    {
      name: 'bin below the threshold',
      observed: { ...nrObserved, bins: [{ ...nrObserved.bins[0], lo: 2 }] },
      message: /bins\[0\]\.lo: 2 keVnr is below the setup's threshold 5 keVnr/,
    },
    {
      name: 'bin above the kinematic end point',
      observed: {
        ...nrObserved,
        bins: [{ lo: 200, hi: 300, nOn: 0, knownBackground: { expected: 0.1, sigma: 0 } }],
      },
      message:
        /bins\[0\]: 200–300 keVnr lies above the largest observable energy 83\.21 keVnr \(kinematic end point\): the setup predicts no CEvNS events there; drop the bin/,
    },
  ];
  test.for(cases)('$name', async ({ observed, file, message }) => {
    const f = writeInputs(nrSetup, observed, file);
    const r = await runCli([
      'dataset',
      'build',
      '--setup',
      f.setupPath,
      '--observed',
      f.observedPath,
      '--out',
      f.out,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(f.out)).toBe(false);
  });

  test('missing observed or setup file', async () => {
    const f = writeInputs(nrSetup, nrObserved);
    const missing = join(f.dir, 'nope.json');
    const a = await runCli([
      'dataset',
      'build',
      '--setup',
      f.setupPath,
      '--observed',
      missing,
      '--out',
      f.out,
    ]);
    expect(a.code).toBe(2);
    expect(a.stderr).toBe(`coherency: error: observed counts ${missing}: no such file\n`);
    const b = await runCli(['dataset', 'build', '--setup', missing, '--observed', f.observedPath]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/--setup ".*nope\.json": not a preset .* and no such file/);
    expect(existsSync(f.out)).toBe(false);
  });
});
