/**
 * The XENONnT ⁸B template dataset: the committed fixture is valid on its own (no ../shared needed);
 * regenerated from the release it is identical; the band split, the run subsets and the yield histosys
 * are what they claim; the backgrounds agree with PRL 133, 191002's expectation for SR0+SR1.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { parseAnyDataset, type TemplateDataset } from '../../../src/data/dataset.js';
import { selectTemplateChannels } from '../../../src/data/templateSubset.js';
import { analyzeTemplateDataset } from '../../../src/likelihood/index.js';
import { repoRoot, RELEASE_FOLDERS } from '../../../src/data/repoPaths.js';
import {
  assembleXenonnt8bDataset,
  bandsFromLayout,
  foldBand,
  MonoTemplateResponse,
  PRL_133_191002,
  readXenonnt8bRelease,
  resolveXenonnt8bOptions,
  summarizeXenonnt8b,
  type Q2Distribution,
  type Xenonnt8bBuild,
  type XenonntRelease,
} from '../../../src/data/releases/xenonnt8b/index.js';
import { stableJson } from '../../../src/data/stableJson.js';
import { SpecError } from '../../../src/errors.js';
import { expectRelClose } from '../../helpers.js';
import { describeWithShared } from '../../sharedData.js';
import { DATA_DIR } from '../datasetTestKit.js';

const FIXTURE = join(repoRoot(), 'fixtures', 'xenonnt-8b.json');
const DIR = join(DATA_DIR, RELEASE_FOLDERS.xenonnt8b);

type Ws = {
  channels: { name: string; samples: { name: string; data: number[] }[] }[];
  observations: { name: string; data: number[] }[];
};
const ws = (d: TemplateDataset) => d.workspace as Ws;
const sample = (d: TemplateDataset, ch: string, name: string) =>
  ws(d)
    .channels.find((c) => c.name === ch)!
    .samples.find((s) => s.name === name)!.data;
const total = (a: readonly number[] | Float64Array) => Array.from(a).reduce((s, v) => s + v, 0);

describe('the committed fixture (no ../shared needed)', () => {
  const ds = parseAnyDataset(JSON.parse(readFileSync(FIXTURE, 'utf8')), 'xenonnt-8b.json') as TemplateDataset;

  test('one channel per science run, 81 bins each, the release events 9 / 28 / 25', () => {
    expect(ds.kind).toBe('template');
    expect(ds.channels.map((c) => c.name)).toEqual(['sr0', 'sr1', 'sr2']);
    expect(ws(ds).observations.map((o) => [o.name, o.data.length, total(o.data)])).toEqual([
      ['sr0', 81, 9],
      ['sr1', 81, 28],
      ['sr2', 81, 25],
    ]);
    expect(ds.provenance.dataRecordDoi).toBe('10.5281/zenodo.20576156');
    expect(ds.provenance.notes!.some((n) => n.startsWith('Licence: CC-BY 4.0'))).toBe(true);
  });

  test('one band (alpha_b0 ∈ [0, 1]); published significance 2.73σ (PRL 133, 191002 abstract)', () => {
    expect(ds.bands.map((b) => b.poi)).toEqual(['alpha_b0']);
    expect(ds.published!.find((p) => p.name.includes('significance'))!.value).toBe(2.73);
  });
});

describeWithShared(RELEASE_FOLDERS.xenonnt8b, `from the release in ${DIR} (skipped when absent)`, () => {
  let release: XenonntRelease;
  let build: Xenonnt8bBuild;
  beforeAll(async () => {
    release = await readXenonnt8bRelease(DIR);
    build = assembleXenonnt8bDataset(release);
  });

  test('regenerating reproduces fixtures/xenonnt-8b.json byte for byte', () => {
    expect(stableJson(build.dataset)).toBe(readFileSync(FIXTURE, 'utf8'));
  });

  test('band split: Σ over 3 equal-signal bands of excess + floor = the one-band signal, per bin, to 1e-9', () => {
    const split = assembleXenonnt8bDataset(release, { bands: { kind: 'quantiles', n: 3 } });
    expect(split.dataset.bands).toHaveLength(3);
    for (const ch of ['sr0', 'sr1', 'sr2']) {
      const whole = sample(build.dataset, ch, 'cevns_excess_b0').map(
        (v, b) => v + sample(build.dataset, ch, 'cevns_floor_b0')[b]!,
      );
      whole.forEach((v, b) => {
        let parts = 0;
        for (let j = 0; j < 3; j++)
          parts +=
            sample(split.dataset, ch, `cevns_excess_b${j}`)[b]! +
            sample(split.dataset, ch, `cevns_floor_b${j}`)[b]!;
        // Each band is folded with its own quadrature panels (edges at the band limits); the folds
        // converge to 1e-9, so the sum agrees to that (plus 1e-15 absolute for near-empty bins).
        expectRelClose(parts, v, 1e-9, 1e-15, `${ch} bin ${b}`);
      });
    }
    // Equal-signal bands: each holds a third of the detected Standard-Model signal (inner edges rounded
    // to whole MeV², which moves ≤ 0.5 MeV² × the density ≈ 0.3 % of a band).
    const sm = split.dataset.bands.map((b) => b.nuclei.reduce((s, n) => s + n.sHelm!, 0));
    sm.forEach((s) => expectRelClose(s, total(sm) / 3, 5e-3));
  });

  test('a subset of runs (SR0+SR1) gives channels sr0, sr1 with the same samples as the full workspace', () => {
    const sub = assembleXenonnt8bDataset(release, { runs: ['sr1', 'sr0'] });
    expect(sub.dataset.channels.map((c) => c.name)).toEqual(['sr0', 'sr1']);
    // The one band spans the q² of the included runs' grid (identical grids): same edges, same templates.
    expect(sub.dataset.bands[0]!.q2HiMeV2).toBe(build.dataset.bands[0]!.q2HiMeV2);
    expect(sample(sub.dataset, 'sr1', 'cevns_excess_b0')).toEqual(
      sample(build.dataset, 'sr1', 'cevns_excess_b0'),
    );
    expect(sample(sub.dataset, 'sr0', 'bkg_ac')).toEqual(sample(build.dataset, 'sr0', 'bkg_ac'));
  });

  test('`--channels sr0,sr1` on the full dataset = the builder’s SR0+SR1 dataset (workspace exact, bands to 0.6 %)', () => {
    const built = assembleXenonnt8bDataset(release, { runs: ['sr0', 'sr1'] }).dataset;
    const sub = selectTemplateChannels(build.dataset, 'sr0,sr1');
    const w = (d: TemplateDataset) => d.workspace as Ws & { measurements: unknown };
    expect(w(sub).channels).toEqual(w(built).channels);
    expect(w(sub).observations).toEqual(w(built).observations);
    // The subset's band numbers are the all-run ones rescaled (templateSubset.ts): the total s_coh is
    // exact; per nucleus and for s_Helm the runs' slightly different responses leave 0.6 % (light
    // isotopes) and 0.11 % (α_Helm 0.9291 vs 0.9302); the mean q² differs by 1.5 %.
    const [a, b] = [sub.bands[0]!, built.bands[0]!];
    expectRelClose(total(a.nuclei.map((n) => n.sCoh)), total(b.nuclei.map((n) => n.sCoh)), 1e-12);
    a.nuclei.forEach((n, k) => expectRelClose(n.sCoh, b.nuclei[k]!.sCoh, 6e-3, 0, n.label));
    expectRelClose(total(a.nuclei.map((n) => n.sHelm!)), total(b.nuclei.map((n) => n.sHelm!)), 2e-3);
    expectRelClose(a.q2MeanMeV2, b.q2MeanMeV2, 2e-2);
    // The analyses agree: identical likelihood; the signal-strength fit holds α at α_Helm (0.1 % apart).
    const [ra, rb] = [analyzeTemplateDataset(sub), analyzeTemplateDataset(built)];
    expect(ra.combined.alphaHat).toBeCloseTo(rb.combined.alphaHat, 9);
    expectRelClose(ra.combined.pAlpha0, rb.combined.pAlpha0, 1e-6);
    expectRelClose(ra.combined.alpha68.lo, rb.combined.alpha68.lo, 1e-6);
    expectRelClose(ra.template.signal.z, rb.template.signal.z, 1e-4);
  });

  test('backgrounds: SR0+SR1 total and its normalisation uncertainty vs PRL 133, 191002 (26.4 +1.4 −1.3)', () => {
    const s = summarizeXenonnt8b(build).sr01Background!;
    const p = PRL_133_191002.expectedBackground;
    // The templates (26.50) agree with the paper's expectation well within its stated uncertainty.
    expect(Math.abs(s.total - p.value)).toBeLessThan(p.lo);
    // XENONnT's normalisation uncertainties (constants.ts) reproduce the paper's ±: the abstract's
    // −1.3/+1.4 are rounded to 0.1, so a symmetric σ consistent with both lies in [1.25, 1.45].
    expect(s.sigma).toBeGreaterThan(1.25);
    expect(s.sigma).toBeLessThan(1.45);
  });

  test('Standard-Model signal: the release recipe (0.1-keV_nr Riemann sum) agrees with the integral to 1 %', () => {
    // The recipe is a left-weighted Riemann sum of the same smooth integrand; its discretisation error
    // is a few 0.1 %; a wrong exposure, unit or grid offset would show as ≥ 2 %.
    for (const r of build.signal.runs) expectRelClose(r.recipeSmEvents, r.smEvents, 1e-2, 0, r.run.run);
    // hep above the 5 keV_nr top of the grid is negligible (< 1e-4 of the signal).
    for (const r of build.signal.runs) expect(r.smEventsAboveGrid).toBeLessThan(1e-4 * r.smEvents);
  });

  test('the band totals are the signal per nucleus; the q² distribution integrates to the same SM total', () => {
    const band = build.dataset.bands[0]!;
    const smBand = band.nuclei.reduce((s, n) => s + n.sHelm!, 0);
    expectRelClose(
      smBand,
      build.signal.runs.reduce((s, r) => s + r.smEvents, 0),
      1e-12,
    );
    // Independent quadrature (cumulative tables on 0.01-keV_nr panels, q2Distribution.ts).
    expectRelClose(build.signal.q2Distribution.total, smBand, 1e-6);
    const q = build.signal.q2Distribution;
    for (const p of [0.05, 0.5, 0.95]) expectRelClose(q.cumulative(q.quantile(p)), p * q.total, 1e-8);
    expect(band.q2LoMeV2).toBeLessThan(q.quantile(0.05));
    expect(band.q2HiMeV2).toBeGreaterThan(q.quantile(0.95));
  });

  test('nr_energy_scale histosys = the signal folded at k = 1 ∓ σ_k (0.9 and 1.1)', () => {
    const s = build.signal;
    const run = release.runs[1]!;
    const b = s.runs[1]!.bands[0]!.samples;
    const [lo, hi] = [0.9, 1.1].map((k) =>
      foldBand(new MonoTemplateResponse(run.monoEnergiesKeV, run.nominal.mono, k), s.rates, s.bands[0]!, {
        exposureTonneYear: run.exposureTonneYear,
        q2Convention: 'exact',
        tMaxKeV: 5,
      }).reduce((t, n) => t + total(n.coh), 0),
    );
    expectRelClose(total(b.excessShapes[0]!.lo) + total(b.floorShapes[0]!.lo), lo!, 1e-12);
    expectRelClose(total(b.excessShapes[0]!.hi) + total(b.floorShapes[0]!.hi), hi!, 1e-12);
    expect(lo!).toBeLessThan(total(b.excess) + total(b.floor));
  });

  test('a band layout outside the detected q² range is a SpecError naming the band', () => {
    expect(() =>
      bandsFromLayout({ kind: 'edges', q2MeV2: [2000, 3000] }, build.signal.q2Distribution),
    ).toThrow(
      /^xenonnt-8b option bands: band 0 \(q² 2000–3000 MeV²\) holds no expected signal; expected bands within the detected range 115–1266 MeV²$/,
    );
  });
});

test('bad builder options are SpecErrors naming the option, the value and what was expected', () => {
  expect(() => resolveXenonnt8bOptions({ runs: ['sr3'] })).toThrow(SpecError);
  expect(() => resolveXenonnt8bOptions({ runs: ['sr3'] })).toThrow(/^xenonnt-8b option runs\.0: "sr3": /);
  expect(() => resolveXenonnt8bOptions({ runs: ['sr0', 'sr0'] })).toThrow(
    /runs: \["sr0","sr0"\]: lists a run twice/,
  );
  expect(() => resolveXenonnt8bOptions({ yieldEnergyScaleSigma: 0 })).toThrow(
    /^xenonnt-8b option yieldEnergyScaleSigma: 0: /,
  );
  expect(() => resolveXenonnt8bOptions({ flux: 5 })).toThrow(/unknown|Unrecognized/i);
  expect(() => bandsFromLayout({ kind: 'edges', q2MeV2: [300, 200] }, {} as Q2Distribution)).toThrow(
    'xenonnt-8b option bands: edge 1 = 200 is not above 300; expected increasing edges',
  );
  // Given runs keep the release's order.
  expect(resolveXenonnt8bOptions({ runs: ['sr2', 'sr0'] }).runs).toEqual(['sr0', 'sr2']);
});
