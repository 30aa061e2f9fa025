/**
 * The full Ar 2020 template dataset (fixtures/coherent-ar-2020.json, shipped as `coherent-ar-2020`): the committed fixture's
 * structure and internal consistency (no release files needed), and, with the release at hand, its
 * regeneration, the band split against the release's CEvNS template, the Standard-Model cross-check
 * against the collaboration's 128 ± 17, and the builder's options and their errors.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { parseAnyDataset, type TemplateDataset } from '../../../src/data/dataset.js';
import type { Sample, Workspace } from '../../../src/data/workspace/index.js';
import {
  AR_2020_FULL_FIXTURE,
  buildCoherentAr2020Full,
  readCoherentAr2020Release,
  type CoherentAr2020FullBuild,
  type CoherentAr2020Release,
} from '../../../src/data/releases/coherentAr2020/index.js';
import { RELEASE_FOLDERS } from '../../../src/data/repoPaths.js';
import { SpecError } from '../../../src/errors.js';
import { expectRelClose } from '../../helpers.js';
import { describeWithShared } from '../../sharedData.js';
import { DATA_DIR, HAVE_DATA, expectSameAsFixture, readFixture } from '../datasetTestKit.js';

const FOLDER = RELEASE_FOLDERS.coherentAr2020;
const DIR = join(DATA_DIR, FOLDER);
const HAVE = HAVE_DATA(FOLDER);
if (!HAVE) console.warn(`coherent-ar-2020 (template) regeneration tests skipped: ${DIR} is absent`);

const sum = (a: readonly number[]) => a.reduce((s, v) => s + v, 0);
const samplesOf = (ws: Workspace): Map<string, Sample> =>
  new Map(ws.channels[0]!.samples.map((s) => [s.name, s]));
const modifier = (s: Sample, name: string) => s.modifiers.find((m) => m.name === name);

describe('the committed fixture', () => {
  const ds = parseAnyDataset(readFixture(AR_2020_FULL_FIXTURE), AR_2020_FULL_FIXTURE) as TemplateDataset;
  const ws = ds.workspace as Workspace;
  const samples = samplesOf(ws);
  const dOf = new Map(ds.target.nuclei.map((n) => [n.label, n.decoherentXi]));

  test('is a valid template dataset of the Zenodo record with the collaboration numbers and their sources', () => {
    expect(ds.kind).toBe('template');
    expect(ds.provenance.dataRecordDoi).toBe('10.5281/zenodo.3903810');
    expect(ds.target.nuclei.map((n) => n.label)).toEqual(['Ar-36', 'Ar-38', 'Ar-40']);
    const pub = new Map((ds.published ?? []).map((p) => [p.name, p]));
    expect(pub.get('fitted CEvNS events')).toMatchObject({ value: 159, uncertainty: 43 });
    expect(pub.get('Standard-Model CEvNS prediction')).toMatchObject({ value: 128, uncertainty: 17 });
    expect(pub.get('fitted CEvNS events')!.source).toMatch(
      /Phys\. Rev\. Lett\. 126, 012002 \(2021\).*LArParametersAnlA\.yaml/,
    );
  });

  test('one channel of 12 × 8 × 10 bins with the 3752 observed events', () => {
    expect(ds.channels[0]!.axes.map((a) => a.edges.length - 1)).toEqual([12, 8, 10]);
    expect(ws.channels).toHaveLength(1);
    expect(ws.observations[0]!.data).toHaveLength(960);
    expect(sum(ws.observations[0]!.data)).toBe(3752); // release README: datanobkgsub.txt total
  });

  test('band metadata and workspace agree: Σ excess = Σ_k sCoh(1 − d_k), Σ floor = Σ_k sCoh·d_k', () => {
    for (const b of ds.bands) {
      const ex = sum(b.nuclei.map((n) => n.sCoh * (1 - dOf.get(n.label)!)));
      const fl = sum(b.nuclei.map((n) => n.sCoh * dOf.get(n.label)!));
      // 960 entries of 10 significant digits each: sums agree to ~1e-9 relative.
      expectRelClose(sum(samples.get(b.excessSample)!.data), ex, 1e-8);
      expectRelClose(sum(samples.get(b.floorSample)!.data), fl, 1e-8);
    }
  });

  test('Σ over bands of the SM events is the release CEvNS total (128 in the README), bands contiguous from 0', () => {
    // cevnspdf.txt is printed with 6 significant digits: its total is 128 to ~1e-4.
    expectRelClose(sum(ds.bands.map((b) => sum(b.nuclei.map((n) => n.sHelm!)))), 128, 2e-4);
    expect(ds.bands[0]!.q2LoMeV2).toBe(0);
    // α = 1 exceeds the SM in every band (F² < 1), more so at high q².
    const ratio = ds.bands.map((b) => sum(b.nuclei.map((n) => n.sCoh)) / sum(b.nuclei.map((n) => n.sHelm!)));
    ratio.forEach((r, j) => {
      expect(r).toBeGreaterThan(1);
      if (j > 0) expect(r).toBeGreaterThan(ratio[j - 1]!);
    });
  });

  test('normalisations are the yaml predictions: CEvNS 128 ± 17, prompt BRN 497 ± 160, SS 3154 ± 25, delayed 33 ± 33', () => {
    const norm = (sample: string, name: string) => modifier(samples.get(sample)!, name);
    expect(norm('cevns_excess_b0', 'cevns_norm')).toEqual({
      name: 'cevns_norm',
      type: 'normsys',
      data: { lo: expect.closeTo(1 - 17 / 128, 9), hi: expect.closeTo(1 + 17 / 128, 9) },
    });
    expect(norm('brn_prompt', 'brn_prompt_norm')!.data).toEqual({
      lo: expect.closeTo(1 - 160 / 497, 9),
      hi: expect.closeTo(1 + 160 / 497, 9),
    });
    expect(norm('steady_state', 'ss_norm')!.data).toEqual({
      lo: expect.closeTo(1 - 25 / 3154, 9),
      hi: expect.closeTo(1 + 25 / 3154, 9),
    });
    // 100 %: a linear histosys lo = 0, hi = 2 × nominal, parameter bounded at −1.
    const delayed = samples.get('brn_delayed')!;
    const m = modifier(delayed, 'brn_delayed_norm')!;
    expect(m.type).toBe('histosys');
    if (m.type !== 'histosys') return;
    expect(m.data.lo_data.every((v) => v === 0)).toBe(true);
    m.data.hi_data.forEach((v, b) => expectRelClose(v, 2 * delayed.data[b]!, 1e-9));
    const params = new Map(ws.measurements[0]!.config.parameters.map((p) => [p.name, p]));
    expect(params.get('brn_delayed_norm')!.bounds).toEqual([[-1, 5]]);
    for (const b of ds.bands)
      expect(params.get(b.poi)).toEqual({ name: b.poi, bounds: [[0, 1]], inits: [1] });
    expect(ws.measurements[0]!.config.poi).toBe('alpha_b0');
  });

  test('systematics on the right samples; one-sided ones mirrored (lo + hi = 2·nominal)', () => {
    for (const b of ds.bands) {
      for (const name of [b.excessSample, b.floorSample]) {
        const s = samples.get(name)!;
        expect(s.modifiers.map((m) => m.name).filter((n) => !n.startsWith('alpha'))).toEqual([
          'cevns_norm',
          'cevns_f90',
          'cevns_timing_mean',
          'qf_a',
          'qf_b',
        ]);
        const t = modifier(s, 'cevns_timing_mean')!;
        if (t.type !== 'histosys') throw new Error('cevns_timing_mean is not a histosys');
        // lo, hi and nominal each carry 10 significant digits (relative rounding ≤ 5e-10 of each).
        s.data.forEach((n, i) => {
          const lo = t.data.lo_data[i]!;
          const hi = t.data.hi_data[i]!;
          expect(Math.abs(lo + hi - 2 * n)).toBeLessThanOrEqual(1e-9 * (lo + hi + 2 * n) + 1e-300);
        });
      }
    }
    expect(samples.get('brn_prompt')!.modifiers.map((m) => m.name)).toEqual([
      'brn_prompt_norm',
      'brn_energy',
      'brn_timing_mean',
      'brn_timing_width',
    ]);
  });
});

describeWithShared(FOLDER, `regenerated from ${DIR}`, () => {
  let built: CoherentAr2020FullBuild;
  let rel: CoherentAr2020Release;
  beforeAll(() => {
    built = buildCoherentAr2020Full(DIR);
    rel = readCoherentAr2020Release(DIR);
  });

  test('reproduces the committed fixture', () => {
    expectSameAsFixture(built.dataset, readFixture(AR_2020_FULL_FIXTURE));
  });

  test('the SM band split sums to the release CEvNS template to 1e-9; α = 1 keeps its F90 shape in every cell', () => {
    expect(built.summary.helmSplitMaxDeviation).toBeLessThanOrEqual(1e-9);
    // Σ_j (excess + floor) / release, bin by bin: one constant per (energy, time) cell over its 8 F90
    // bins (our α = 1 / SM ratio there), above 1 since F² < 1.
    const samples = samplesOf(built.dataset.workspace as Workspace);
    const bands = built.dataset.bands;
    const T = rel.cevns.values;
    for (let e = 0; e < 12; e++) {
      for (let t = 0; t < 10; t++) {
        let ratio: number | undefined;
        for (let f = 0; f < 8; f++) {
          const b = (e * 8 + f) * 10 + t;
          if (!(T[b]! > 0)) continue;
          const s = sum(
            bands.map((x) => samples.get(x.excessSample)!.data[b]! + samples.get(x.floorSample)!.data[b]!),
          );
          ratio ??= s / T[b]!;
          expectRelClose(s / T[b]!, ratio, 1e-9, 0, `cell (${e}, ${t}), F90 bin ${f}`);
        }
        if (ratio !== undefined) expect(ratio).toBeGreaterThan(1);
      }
    }
  });

  test('our SM (Helm) prediction in the window agrees with COHERENT 128 ± 17 and cevnspdf.txt; quadrature converged', () => {
    const s = built.summary;
    // ±17/128 = 13 % is the collaboration's own uncertainty; a unit or flux mistake would be far larger.
    expect(Math.abs(s.ourSmInWindow / 128 - 1)).toBeLessThan(17 / 128);
    // The two energy bins holding 90 % of the signal agree with the release to 10 %, and our arrival-time
    // shape (POT trace ⊗ π, μ lifetimes) with the release's to 0.01 per time bin (of a total of 1).
    for (const e of [0, 1])
      expect(Math.abs(s.ourSmPerEnergy[e]! / s.releaseCevnsPerEnergy[e]! - 1)).toBeLessThan(0.1);
    expect(s.timeShapeMaxDifference).toBeLessThan(0.01);
    // Prompt ν arrive within 1.4 µs of the window start; delayed ν with the 2.2-µs muon life leak out.
    expect(s.windowFraction.prompt).toBeGreaterThan(0.999);
    expect(s.windowFraction.delayed).toBeLessThan(0.9);
    expect(s.foldRelError).toBeLessThanOrEqual(1e-8);
  });

  test("variations rescaled to the nominal total by default; 'asGiven' keeps the +1σ BRN timing file's 523.67", () => {
    const hiTotal = (b: CoherentAr2020FullBuild) => {
      const m = modifier(samplesOf(b.dataset.workspace as Workspace).get('brn_prompt')!, 'brn_timing_mean')!;
      return m.type === 'histosys' ? sum(m.data.hi_data) : NaN;
    };
    expectRelClose(hiTotal(built), rel.promptBrn.total, 1e-9);
    expectRelClose(
      hiTotal(buildCoherentAr2020Full(DIR, { variationNormalisation: 'asGiven' })),
      523.6713,
      1e-6,
    );
  });

  test('another band layout, no quenching migration, Ar-40 alone', () => {
    const b = buildCoherentAr2020Full(DIR, {
      bandEdgesQ2MeV2: [0, 1500, 2500, 3500, 12000],
      quenchingMigration: false,
      target: 'Ar-40',
    }).dataset;
    expect(b.bands.map((x) => x.poi)).toEqual(['alpha_b0', 'alpha_b1', 'alpha_b2', 'alpha_b3']);
    expect(b.bands[0]!.nuclei.map((n) => n.label)).toEqual(['Ar-40']);
    expectRelClose(sum(b.bands.map((x) => x.nuclei[0]!.sHelm!)), rel.cevns.total, 1e-9);
    const names = (b.workspace as Workspace).channels[0]!.samples.flatMap((s) =>
      s.modifiers.map((m) => m.name),
    );
    expect(names.some((n) => n.startsWith('qf_'))).toBe(false);
  });

  test('bad band layouts name the option', () => {
    const bad = (edges: number[], message: RegExp) => {
      const fn = () => buildCoherentAr2020Full(DIR, { bandEdgesQ2MeV2: edges });
      expect(fn).toThrow(SpecError);
      expect(fn).toThrow(message);
    };
    bad([100, 2000, 12000], /bandEdgesQ2MeV2: starts at 100; expected 0/);
    bad([0, 3000, 2000, 12000], /bandEdgesQ2MeV2: edge 2 = 2000 is not above 3000/);
    bad([0, 2000, 5000], /bandEdgesQ2MeV2: ends at 5000; expected ≥ 11132\.1 MeV²/);
  });
});
