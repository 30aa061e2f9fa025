/**
 * The XENONnT ⁸B release reader on a synthetic release (xenonnt8bFake.ts; no ../shared needed): what
 * it reads (events binned with numpy's edge convention, templates in C order, the yield grid), and every
 * bad input the issue names — missing template, binning mismatch, event outside the binning, negative
 * entry — plus truncated event lists and bad YAML, each a SpecError naming the file and what was expected.
 */
import { readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { SpecError } from '../../../src/errors.js';
import {
  assembleXenonnt8bDataset,
  readXenonnt8bRelease,
} from '../../../src/data/releases/xenonnt8b/index.js';
import {
  binningYaml,
  eventsCsv,
  FAKE_EDGES,
  FAKE_ENERGIES,
  FAKE_EVENTS,
  monoName,
  rampTemplate,
  rgName,
  writeFakeRelease,
  writeTemplate,
} from './xenonnt8bFake.js';

const read = (dir: string) => readXenonnt8bRelease(dir, { runs: ['sr0'] });

/** The SpecError a promise rejects with. */
async function specError(p: Promise<unknown>): Promise<SpecError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SpecError) return e;
    throw e;
  }
  throw new Error('expected a SpecError, got none');
}

describe('a valid synthetic release', () => {
  let dir: string;
  beforeEach(async () => (dir = await writeFakeRelease()));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('events are binned with the run binning (numpy convention: [lo, hi), last bin closed)', async () => {
    const run = (await read(dir)).runs[0]!;
    const expected = new Array<number>(81).fill(0);
    for (const e of FAKE_EVENTS) expected[e.bin]! += 1;
    expect(run.observed.counts).toEqual(expected);
    expect(run.observed.events).toHaveLength(9);
  });

  test('templates are read in C order; mono energies sorted; no yield variations in a nominal-only release', async () => {
    const rel = await read(dir);
    const run = rel.runs[0]!;
    expect(Array.from(run.ac)).toEqual(Array.from(rampTemplate(6)));
    expect(run.monoEnergiesKeV).toEqual(FAKE_ENERGIES);
    expect(run.yieldVariations).toEqual([]);
    expect(run.yieldGrid).toEqual([{ tly: 0, tqy: 0 }]);
    expect(rel.filesRead).toContain('templates/sr0/er/template_XENONnT_sr0_er_cevns.h5');
    expect(rel.templateDates).toEqual(['20260101_00:00:00']);
  });

  test('missing template: the ER file → io_error naming it and what it should be', async () => {
    const path = join(dir, 'templates/sr0/er/template_XENONnT_sr0_er_cevns.h5');
    unlinkSync(path);
    const e = await specError(read(dir));
    expect(e.message).toBe(
      `XENONnT release: ${path} not found; expected the electronic-recoil template of sr0`,
    );
  });

  test('missing template: the nominal RG file', async () => {
    unlinkSync(join(dir, 'templates/sr0/rg', rgName()));
    const e = await specError(read(dir));
    expect(e.message).toMatch(
      /rg_cevns_tly_0\.0_tqy_0\.0\.h5 not found; expected the radiogenic-neutron template of sr0 at nominal yields$/,
    );
  });

  test('binning mismatch: a template whose s1_bdt_score edges differ from binning/sr0.yaml', async () => {
    const edges = FAKE_EDGES.map((e) => [...e]);
    edges[2]![1] = 0.3;
    const path = join(dir, 'templates/sr0/ac/template_XENONnT_sr0_ac_cevns.h5');
    await writeTemplate(path, { values: rampTemplate(6), edges });
    const e = await specError(read(dir));
    expect(e.code).toBe('bin_mismatch');
    expect(e.message).toContain(`${path}: /bins/2 (s1_bdt_score) edges [0, 0.3, 0.498535093, 1] differ from`);
    expect(e.message).toContain(
      "binning/sr0.yaml [0, 0.282301220403, 0.498535093, 1]; expected the run's binning",
    );
  });

  test('binning mismatch: an axis named differently', async () => {
    const path = join(dir, 'templates/sr0/mono', monoName(2));
    await writeTemplate(path, {
      values: rampTemplate(0.03),
      names: ['cs2', 's2_shadow_s2_time_shadow', 's2_bdt_score', 's1_bdt_score'],
    });
    const e = await specError(read(dir));
    expect(e.message).toBe(
      `${path}: /bins/2 is named "s2_bdt_score"; expected "s1_bdt_score" (axis 2 of the release)`,
    );
  });

  test('negative template entry → error naming the file, the entry and its bin', async () => {
    const values = rampTemplate(0.03);
    values[40] = -1e-4;
    const path = join(dir, 'templates/sr0/mono', monoName(3.5));
    await writeTemplate(path, { values });
    const e = await specError(read(dir));
    expect(e.message).toBe(
      `${path}: /templates/template entry 40 (bin 1,1,1,1) is -0.0001; expected a finite value ≥ 0`,
    );
  });

  test('a template of the wrong shape', async () => {
    const path = join(dir, 'templates/sr0/rg', rgName());
    await writeTemplate(path, { values: new Float64Array(27).fill(0.01), shape: [3, 3, 3] });
    const e = await specError(read(dir));
    expect(e.message).toBe(
      `${path}: /templates/template has shape [3, 3, 3] (<d); expected [3, 3, 3, 3] float64 (the bins of /bins/0..3)`,
    );
  });

  test('event outside the binning → error naming file, line, observable, value and range', async () => {
    const events = FAKE_EVENTS.map((e) => [...e.x]);
    events[4]![3] = 0.8;
    const path = join(dir, 'data/sr0.csv');
    writeFileSync(path, eventsCsv(events));
    const e = await specError(read(dir));
    expect(e.message).toBe(
      `${path} line 6: s2_bdt_score = 0.8 is outside the binning [0.8069558, 1]; expected an event inside the run's analysis space`,
    );
  });

  test('truncated event list: a cut-off line, a lost line, a lost tail', async () => {
    const path = join(dir, 'data/sr0.csv');
    const full = readFileSync(path, 'utf8').trimEnd().split('\n');
    writeFileSync(path, full.slice(0, -1).join('\n') + '\n' + full.at(-1)!.split(',').slice(0, 3).join(','));
    expect((await specError(read(dir))).message).toBe(
      `${path} line 10: 3 fields; expected 5 (index and cs2, s2_shadow_s2_time_shadow_quantile, s1_bdt_score, s2_bdt_score)`,
    );
    writeFileSync(path, [...full.slice(0, 3), ...full.slice(4)].join('\n'));
    expect((await specError(read(dir))).message).toBe(
      `${path} line 4: event index 3; expected 2 (indices run 0, 1, 2, …)`,
    );
    writeFileSync(path, full.slice(0, -1).join('\n'));
    expect((await specError(read(dir))).message).toBe(
      `${path}: 8 events; expected 9 (the release README's count for sr0)`,
    );
  });

  test('bad binning YAML: decreasing edges, a missing observable', async () => {
    const path = join(dir, 'binning/sr0.yaml');
    const edges = FAKE_EDGES.map((e) => [...e]);
    edges[0] = [90, 250, 170, 500];
    writeFileSync(path, binningYaml(edges));
    expect((await specError(read(dir))).message).toBe(
      `${path}: cs2 edge 2 = 170 is not above 250; expected increasing edges`,
    );
    writeFileSync(path, binningYaml().split('s1_bdt_score')[0]!);
    expect((await specError(read(dir))).message).toMatch(
      /binning\/sr0\.yaml: s1_bdt_score: .*expected the keys cs2, s2_shadow_s2_time_shadow_quantile, s1_bdt_score, s2_bdt_score/,
    );
  });
});

describe('a synthetic release with the ±1σ yield grid (as the full release has it)', () => {
  let dir: string;
  beforeEach(async () => (dir = await writeFakeRelease({ yieldGrid: true })));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('t_ly and t_qy histosys on the CEvNS samples and the RG background, from the ±1σ templates', async () => {
    const build = assembleXenonnt8bDataset(await read(dir), { runs: ['sr0'] });
    expect(build.signal.yieldModel).toBe('release-templates');
    const ch = (
      build.dataset.workspace as {
        channels: {
          samples: {
            name: string;
            data: number[];
            modifiers: { name: string; type: string; data: { lo_data: number[]; hi_data: number[] } }[];
          }[];
        }[];
      }
    ).channels[0]!;
    const rg = ch.samples.find((s) => s.name === 'bkg_rg')!;
    const excess = ch.samples.find((s) => s.name === 'cevns_excess_b0')!;
    for (const s of [rg, excess]) {
      expect(s.modifiers.filter((m) => m.type === 'histosys').map((m) => m.name)).toEqual(['t_ly', 't_qy']);
    }
    // The fake ±1σ templates are the nominal × (1 ± 0.2) for t_ly and × (1 ± 0.1) for t_qy.
    const tly = excess.modifiers.find((m) => m.name === 't_ly')!.data;
    const tqy = rg.modifiers.find((m) => m.name === 't_qy')!.data;
    excess.data.forEach((v, b) => {
      expect(tly.lo_data[b]).toBeCloseTo(0.8 * v, 12);
      expect(tly.hi_data[b]).toBeCloseTo(1.2 * v, 12);
    });
    rg.data.forEach((v, b) => expect(tqy.hi_data[b]! / v).toBeCloseTo(1.1, 12));
    expect(excess.modifiers.some((m) => m.name === 'nr_energy_scale')).toBe(false);
  });

  test('a grid point present at some energies but not at all → error naming the missing file', async () => {
    const path = join(dir, 'templates/sr0/mono', monoName(2, 0, 1));
    unlinkSync(path);
    const e = await specError(read(dir));
    expect(e.message).toBe(
      `XENONnT release: ${path} not found; expected the sr0 mono template at 2.000 keV_nr for yields tly_0.0_tqy_1.0 (the grid has this point at other energies)`,
    );
  });

  test('one side of a yield axis missing entirely → error', async () => {
    for (const e of FAKE_ENERGIES) unlinkSync(join(dir, 'templates/sr0/mono', monoName(e, -1, 0)));
    unlinkSync(join(dir, 'templates/sr0/rg', rgName(-1, 0)));
    const err = await specError(read(dir));
    expect(err.message).toBe(
      'XENONnT release: sr0 has the tly_1.0_tqy_0.0 templates but none for tly_-1.0_tqy_0.0; expected both ±1σ points of t_ly',
    );
  });
});
