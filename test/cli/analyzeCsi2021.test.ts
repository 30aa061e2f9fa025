/**
 * `coherency analyze` on the shipped template datasets (CsI 2021, CsI 2017 with the QF as a shape
 * systematic), and bad template inputs: each exits 2 with one line naming the problem, writing nothing.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { shippedDatasetPath } from '../../src/data/index.js';
import { runCli } from './run.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'coherency-template-'));

interface TemplateJson {
  dataset: { id: string };
  bands: { q2LoMeV2: number; alphaHat: number; alpha68: number[]; alpha90: number[]; pAlpha1: number }[];
  combined: { alphaHat: number; pAlpha1: number; pAlpha0: number };
  signal: { fittedEvents: number; fittedEventsLo: number; fittedEventsHi: number; heldAtNominal: string[] };
  published: { name: string; value: number }[];
}

describe('coherency analyze coherent-csi-2021', () => {
  test('shipped by name: bands, combined tests, fitted count beside the published one, Figures 5–6', async () => {
    const dir = tmp();
    const r = await runCli(['analyze', 'coherent-csi-2021', '--json', '--out', dir]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as TemplateJson;
    expect(j.dataset.id).toBe('coherent-csi-2021');
    expect(j.bands).toHaveLength(6);
    for (const b of j.bands) {
      // Intervals nest and contain α̂ (test inversion; 68.27 % inside 90 %).
      expect(b.alpha90[0]!).toBeLessThanOrEqual(b.alpha68[0]! + 1e-9);
      expect(b.alpha90[1]!).toBeGreaterThanOrEqual(b.alpha68[1]! - 1e-9);
      expect(b.alpha68[0]!).toBeLessThanOrEqual(b.alphaHat + 1e-9);
      expect(b.alpha68[1]!).toBeGreaterThanOrEqual(b.alphaHat - 1e-9);
    }
    // The flux is degenerate with the signal strength and is held in the count fit (signalStrength.ts).
    expect(j.signal.heldAtNominal).toEqual(['flux']);
    expect(j.signal.fittedEventsLo).toBeLessThan(j.signal.fittedEvents);
    expect(j.signal.fittedEventsHi).toBeGreaterThan(j.signal.fittedEvents);
    expect(j.published.map((p) => [p.name, p.value])).toContainEqual(['fitted CEvNS events', 306]);
    for (const f of [
      'analysis.json',
      'fig5-alpha.svg',
      'fig5-alpha.png',
      'fig6-pvalues.svg',
      'fig6-pvalues.png',
    ]) {
      expect(existsSync(join(dir, f))).toBe(true);
    }
    expect(readFileSync(join(dir, 'fig5-alpha.svg'), 'utf8')).toContain('coherent-csi-2021');
  });
});

describe('bad template inputs: exit 2, one line, nothing written', () => {
  const base = readFileSync(shippedDatasetPath('coherent-csi-2021'), 'utf8');
  const write = (text: string) => {
    const dir = tmp();
    const path = join(dir, 'coherent-csi-2021.json');
    writeFileSync(path, text);
    return { path, out: join(dir, 'out') };
  };
  const mutated = (f: (d: Record<string, unknown> & { bands: Record<string, unknown>[] }) => void) => {
    const d = JSON.parse(base) as Record<string, unknown> & { bands: Record<string, unknown>[] };
    f(d);
    return write(JSON.stringify(d));
  };

  test.each([
    [
      'a missing fixture',
      () => ({ path: join(tmp(), 'coherent-csi-2021.json'), out: join(tmp(), 'o') }),
      /no such file/,
    ],
    ['a truncated (corrupt) fixture', () => write(base.slice(0, base.length >> 1)), /not valid JSON/],
    [
      'a band layout with a gap',
      () => mutated((d) => (d.bands[3]!.q2LoMeV2 = (d.bands[3]!.q2LoMeV2 as number) + 250)),
      /bands\[3\]\.q2LoMeV2.*contiguous/,
    ],
    [
      'a band whose POI is not in the workspace',
      () => mutated((d) => (d.bands[2]!.poi = 'alpha_b9')),
      /bands\[2\]\.poi/,
    ],
    [
      'a corrupt workspace (a sample with fewer bins)',
      () =>
        mutated((d) => {
          const ws = d.workspace as { channels: { samples: { data: number[] }[] }[] };
          ws.channels[0]!.samples[4]!.data.pop();
        }),
      /channel "c", sample "cevns_excess_b2": data has 98 bins; expected 99/,
    ],
  ])('%s', async (_name, make, pattern) => {
    const { path, out } = make();
    const r = await runCli(['analyze', path, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
    expect(existsSync(out)).toBe(false);
  });
});
