/**
 * Channel subsets of template datasets (data/templateSubset.ts) on the shipped fixtures: XENONnT ⁸B
 * SR0+SR1 out of SR0+SR1+SR2, and COHERENT CsI 2021 (coincidence channel `c` with the signal, the
 * anti-coincidence `ac` without). The comparison with the builder's own SR0+SR1 dataset, which needs
 * the release, is in test/data/releases/xenonnt8bDataset.test.ts.
 */
import { describe, expect, test } from 'vitest';
import { loadAnyDataset, selectTemplateChannels, type TemplateDataset } from '../../src/data/index.js';
import { SpecError } from '../../src/errors.js';
import { expectRelClose } from '../helpers.js';

const xe = loadAnyDataset('xenonnt-8b') as TemplateDataset;
type Ws = {
  channels: { name: string; samples: { name: string; data: number[]; modifiers: { name: string }[] }[] }[];
};
const sum = (a: readonly number[]) => a.reduce((s, v) => s + v, 0);
const signalIn = (d: TemplateDataset, channels: readonly string[]) =>
  (d.workspace as Ws).channels
    .filter((c) => channels.includes(c.name))
    .flatMap((c) => c.samples.filter((s) => s.name.startsWith('cevns_')))
    .reduce((t, s) => t + sum(s.data), 0);

describe('XENONnT ⁸B: SR0+SR1 out of the three runs', () => {
  const sub = selectTemplateChannels(xe, 'sr0,sr1');

  test('channels, observations and the per-run AC normalisation of SR2 go; the rest is unchanged', () => {
    expect(sub.channels.map((c) => c.name)).toEqual(['sr0', 'sr1']);
    const ws = sub.workspace as Ws & { observations: { name: string; data: number[] }[] };
    expect(ws.observations.map((o) => [o.name, sum(o.data)])).toEqual([
      ['sr0', 9],
      ['sr1', 28],
    ]);
    const names = new Set(
      ws.channels.flatMap((c) => c.samples.flatMap((s) => s.modifiers.map((m) => m.name))),
    );
    expect(names.has('ac_norm_sr2')).toBe(false);
    expect(names.has('ac_norm_sr1')).toBe(true);
    expect(ws.channels).toEqual((xe.workspace as Ws).channels.slice(0, 2));
  });

  test("band s_coh = the kept channels' CEvNS samples (excess + floor = Σ_k s_k, exact)", () => {
    const sCoh = sum(sub.bands[0]!.nuclei.map((n) => n.sCoh));
    // The fixture's numbers carry 10 significant digits (stableJson).
    expectRelClose(sCoh, signalIn(xe, ['sr0', 'sr1']), 1e-9);
    expect(sCoh).toBeLessThan(sum(xe.bands[0]!.nuclei.map((n) => n.sCoh)));
    // The Standard-Model ratio is carried over (module comment): α_Helm is unchanged.
    const ratio = (d: TemplateDataset) =>
      sum(d.bands[0]!.nuclei.map((n) => n.sHelm!)) / sum(d.bands[0]!.nuclei.map((n) => n.sCoh));
    expectRelClose(ratio(sub), ratio(xe), 1e-12);
    expect(sub.title).toContain('(subset of channels: sr0, sr1)');
    expect((sub.analysisChoices.channels as { value: unknown }).value).toBe('sr0,sr1');
  });

  test('bad lists are one-line SpecErrors naming the channels there are', () => {
    for (const [list, msg] of [
      ['sr0,sr3', '"sr3" is not a channel'],
      ['', 'has an empty name'],
      ['sr1,sr1', '"sr1" is listed twice'],
    ] as const) {
      expect(() => selectTemplateChannels(xe, list)).toThrow(SpecError);
      expect(() => selectTemplateChannels(xe, list)).toThrow(msg);
      expect(() => selectTemplateChannels(xe, list)).toThrow('(sr0, sr1, sr2)');
    }
  });
});

describe('COHERENT CsI 2021: the anti-coincidence channel alone has no signal', () => {
  const csi = loadAnyDataset('fixtures/coherent-csi-2021.json') as TemplateDataset;

  test('a subset that removes every band’s signal is a SpecError', () => {
    expect(() => selectTemplateChannels(csi, 'ac')).toThrow(
      /^channels: ac hold no CEvNS signal of any band \(cevns_excess_b0, .*\); expected a subset with signal$/,
    );
  });

  test('the coincidence channel alone keeps every band with its whole signal', () => {
    const sub = selectTemplateChannels(csi, 'c');
    expect(sub.bands).toHaveLength(csi.bands.length);
    sub.bands.forEach((b, j) =>
      expectRelClose(sum(b.nuclei.map((n) => n.sCoh)), sum(csi.bands[j]!.nuclei.map((n) => n.sCoh)), 1e-12),
    );
  });
});
