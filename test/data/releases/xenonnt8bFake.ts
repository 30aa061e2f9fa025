/**
 * A small synthetic XENONnT ⁸B release written with h5wasm into a temporary directory, in the real
 * release's layout (src/data/releases/xenonnt8b/layout.ts), so the reader's checks can be tested without
 * ../shared/data: run sr0 only, the real SR0 binning, 9 events at known bins, AC/ER/RG templates and
 * mono templates at a few energies with simple known values; optionally the ±1σ yield grid.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadH5 } from '../../../src/data/releases/xenonnt8b/index.js';

/** The real SR0 edges (binning/sr0.yaml of the release). */
export const FAKE_EDGES = [
  [90, 170.161773681641, 249.889739990234, 500],
  [0, 0.333333333333, 0.666666666667, 1],
  [0, 0.282301220403, 0.498535093, 1],
  [0.8069558, 0.883306158412, 0.923731456497, 1],
];
const NAMES = ['cs2', 's2_shadow_s2_time_shadow_quantile', 's1_bdt_score', 's2_bdt_score'];
const H5_NAMES = ['cs2', 's2_shadow_s2_time_shadow', 's1_bdt_score', 's2_bdt_score'];

export const FAKE_ENERGIES = [0.5, 1, 2, 3.5, 5];

/** Events: (observables, expected flat bin). Includes values on edges (numpy convention). */
export const FAKE_EVENTS: { x: number[]; bin: number }[] = [
  { x: [100, 0.1, 0.1, 0.85], bin: 0 },
  { x: [500, 1, 1, 1], bin: 80 }, // upper edges belong to the last bin
  { x: [170.161773681641, 0.5, 0.3, 0.9], bin: 27 + 9 + 3 + 1 }, // cs2 on an inner edge → its upper bin
  { x: [90, 0, 0, 0.8069558], bin: 0 }, // lower edges belong to the first bin
  { x: [300, 0.7, 0.6, 0.95], bin: 2 * 27 + 2 * 9 + 2 * 3 + 2 },
  { x: [200, 0.2, 0.9, 0.9], bin: 27 + 0 + 2 * 3 + 1 },
  { x: [200, 0.2, 0.9, 0.9], bin: 27 + 0 + 2 * 3 + 1 },
  { x: [120, 0.9, 0.4, 0.93], bin: 0 + 2 * 9 + 1 * 3 + 2 },
  { x: [260, 0.4, 0.1, 0.82], bin: 2 * 27 + 1 * 9 + 0 + 0 },
];

export interface FakeTemplate {
  values: Float64Array;
  edges?: number[][];
  names?: string[];
  shape?: number[];
}

/** A template whose bin b holds scale·(b + 1)/Σ(b + 1) (so entries are distinct and known). */
export function rampTemplate(scale: number): Float64Array {
  const norm = (81 * 82) / 2;
  return Float64Array.from({ length: 81 }, (_, b) => (scale * (b + 1)) / norm);
}

export async function writeTemplate(path: string, t: FakeTemplate): Promise<void> {
  const h5 = await loadH5();
  const f = new h5.File(path, 'w');
  try {
    const bins = f.create_group('bins');
    (t.edges ?? FAKE_EDGES).forEach((e, i) => {
      bins.create_dataset({ name: String(i), data: Float64Array.from(e) });
      (bins.get(String(i)) as { create_attribute(n: string, v: string): void }).create_attribute(
        'name',
        (t.names ?? H5_NAMES)[i]!,
      );
    });
    f.create_group('templates').create_dataset({
      name: 'template',
      data: t.values,
      shape: t.shape ?? [3, 3, 3, 3],
      dtype: '<d',
    });
    f.create_attribute('date', '20260101_00:00:00');
  } finally {
    f.close();
  }
}

export const monoName = (e: number, tly = 0, tqy = 0) =>
  `template_XENONnT_sr0_mono_${e.toFixed(3)}_cevns_tly_${tly.toFixed(1)}_tqy_${tqy.toFixed(1)}.h5`;
export const rgName = (tly = 0, tqy = 0) =>
  `template_XENONnT_sr0_rg_cevns_tly_${tly.toFixed(1)}_tqy_${tqy.toFixed(1)}.h5`;

export function eventsCsv(events: readonly number[][]): string {
  return [',' + NAMES.join(','), ...events.map((x, i) => [i, ...x].join(','))].join('\n') + '\n';
}

export function binningYaml(edges: readonly number[][] = FAKE_EDGES): string {
  return NAMES.map((n, a) => `${n}:\n${edges[a]!.map((e) => `- ${e}`).join('\n')}`).join('\n') + '\n';
}

/** Efficiency of the fake mono template at E: rises linearly from 0.01 at 0.5 to 0.1 at 5 keV_nr. */
export const fakeEfficiency = (eKeV: number) => 0.01 + (0.09 * (eKeV - 0.5)) / 4.5;

/** Write the fake release; returns its directory. `yieldGrid` adds the ±1σ t_Ly and t_Qy templates. */
export async function writeFakeRelease(opts: { yieldGrid?: boolean } = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'xenonnt8b-fake-'));
  for (const sub of [
    'data',
    'binning',
    'templates/sr0/ac',
    'templates/sr0/er',
    'templates/sr0/rg',
    'templates/sr0/mono',
  ]) {
    mkdirSync(join(dir, sub), { recursive: true });
  }
  writeFileSync(join(dir, 'data', 'sr0.csv'), eventsCsv(FAKE_EVENTS.map((e) => e.x)));
  writeFileSync(join(dir, 'binning', 'sr0.yaml'), binningYaml());
  const t = (kind: string, name: string) => join(dir, 'templates', 'sr0', kind, name);
  await writeTemplate(t('ac', 'template_XENONnT_sr0_ac_cevns.h5'), { values: rampTemplate(6) });
  await writeTemplate(t('er', 'template_XENONnT_sr0_er_cevns.h5'), { values: rampTemplate(0.1) });
  const points: [number, number][] = opts.yieldGrid
    ? [
        [0, 0],
        [-1, 0],
        [1, 0],
        [0, -1],
        [0, 1],
      ]
    : [[0, 0]];
  for (const [tly, tqy] of points) {
    // A yield shift of (tly, tqy) scales the fake efficiency by 1 + 0.2·tly + 0.1·tqy.
    const f = 1 + 0.2 * tly + 0.1 * tqy;
    await writeTemplate(t('rg', rgName(tly, tqy)), { values: rampTemplate(0.15 * f) });
    for (const e of FAKE_ENERGIES) {
      await writeTemplate(t('mono', monoName(e, tly, tqy)), { values: rampTemplate(fakeEfficiency(e) * f) });
    }
  }
  return dir;
}
