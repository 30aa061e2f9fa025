/**
 * COHERENT CsI 2017 with the quenching factor as a shape systematic: the committed fixture is a valid
 * template dataset; regenerating it reproduces it; its nominal prediction, prompt neutrons and counts
 * are those of the counts dataset of the same release (same response, same selection); its QF histosys
 * is the counts dataset's prediction at QF ± 1σ; the band split adds up to the whole signal.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildCoherentCsi2017Dataset } from '../../src/data/coherentCsi2017.js';
import { parseAnyDataset, type CountsDataset, type TemplateDataset } from '../../src/data/dataset.js';
import { buildCoherentCsi2017QfDataset } from '../../src/data/releases/coherentCsi2017/index.js';
import { RELEASE_FOLDERS } from '../../src/data/repoPaths.js';
import type { Sample, Workspace } from '../../src/data/workspace/index.js';
import { expectRelClose } from '../helpers.js';
import { describeWithShared } from '../sharedData.js';
import { DATA_DIR, expectSameAsFixture, readFixture } from './datasetTestKit.js';

const FOLDER = RELEASE_FOLDERS.coherentCsi2017;
const DIR = join(DATA_DIR, FOLDER);
const FIXTURE = 'coherent-csi-2017-qf.json';

const fixture = () => parseAnyDataset(readFixture(FIXTURE), FIXTURE) as TemplateDataset;
const signalSamples = (ws: Workspace): Sample[] =>
  ws.channels[0]!.samples.filter((s) => s.name.startsWith('cevns_'));
/** Per-bin sum of the signal samples, nominal or one side of the quenching histosys. */
function signalPerBin(ws: Workspace, which: 'nominal' | 'lo' | 'hi'): number[] {
  const out = new Array<number>(ws.channels[0]!.samples[0]!.data.length).fill(0);
  for (const s of signalSamples(ws)) {
    const h = s.modifiers.find((m) => m.type === 'histosys' && m.name === 'quenching');
    const data =
      which === 'nominal' || h?.type !== 'histosys'
        ? s.data
        : which === 'lo'
          ? h.data.lo_data
          : h.data.hi_data;
    data.forEach((v, i) => (out[i]! += v));
  }
  return out;
}

describe('the committed fixture (no shared data needed)', () => {
  test('a template dataset: 12 bands, QF as histosys on every CEvNS sample, no QF normalisation', () => {
    const ds = fixture();
    expect(ds.id).toBe('coherent-csi-2017-qf');
    expect(ds.bands).toHaveLength(12);
    expect(ds.provenance.dataRecordDoi).toBe('10.5281/zenodo.1228631');
    const ws = ds.workspace as Workspace;
    for (const s of signalSamples(ws)) {
      expect(s.modifiers.filter((m) => m.type === 'histosys').map((m) => m.name)).toEqual(['quenching']);
      expect(s.modifiers.filter((m) => m.type === 'normsys').map((m) => m.name)).toEqual([
        'flux',
        'acceptance',
        'light_yield',
      ]);
    }
    // Bands: the counts dataset's per-bin q² edges, from 0 to 12 000 MeV².
    expect(ds.bands[0]!.q2LoMeV2).toBe(0);
    expect(ds.bands[11]!.q2HiMeV2).toBe(12000);
  });

  test('raising the QF raises the prediction (more light: more events above threshold)', () => {
    const ws = fixture().workspace as Workspace;
    const sum = (a: number[]) => a.reduce((s, x) => s + x, 0);
    expect(sum(signalPerBin(ws, 'hi'))).toBeGreaterThan(sum(signalPerBin(ws, 'nominal')));
    expect(sum(signalPerBin(ws, 'lo'))).toBeLessThan(sum(signalPerBin(ws, 'nominal')));
  });
});

describeWithShared(
  FOLDER,
  `COHERENT CsI 2017 (QF as shape) from ${DIR} (skipped when that folder is absent)`,
  () => {
    let built: TemplateDataset;
    let counts: CountsDataset;
    beforeAll(() => {
      built = buildCoherentCsi2017QfDataset(DIR);
      counts = buildCoherentCsi2017Dataset(DIR);
    });

    test('regenerating from the release reproduces the committed fixture', () => {
      expectSameAsFixture(built, readFixture(FIXTURE));
    });

    test('same selection as the counts dataset: counts, off-source counts, prompt neutrons, prediction', () => {
      const ws = built.workspace as Workspace;
      expect(ws.observations[0]!.data).toEqual(counts.bins.map((b) => b.nOn));
      expect(ws.observations[1]!.data).toEqual(counts.bins.map((b) => b.nOff));
      const pn = ws.channels[0]!.samples.find((s) => s.name === 'prompt_neutrons')!.data;
      // The same sums of the same release numbers; 1e-9 is the fixtures' 10-digit rounding.
      pn.forEach((v, i) => expectRelClose(v, counts.bins[i]!.beamBackground, 1e-9, 0, `bin ${i}`));
      // Same response, two quadratures (adaptive folds per band vs the counts dataset's 0.25-keV grid
      // of Gauss–Legendre panels): measured to agree to 3e-13; 1e-9 leaves room for platform libm.
      signalPerBin(ws, 'nominal').forEach((v, i) =>
        expectRelClose(v, counts.bins[i]!.sCoh!, 1e-9, 0, `bin ${i}`),
      );
    });

    test('the quenching histosys is the prediction at QF × (1 ± 0.0166/0.0878)', () => {
      const ws = built.workspace as Workspace;
      const rel = 0.0166 / 0.0878; // coherent_parameters.yaml, csiQF
      for (const [which, qf] of [
        ['lo', 0.0878 * (1 - rel)],
        ['hi', 0.0878 * (1 + rel)],
      ] as const) {
        const shifted = buildCoherentCsi2017Dataset(DIR, { quenching: { kind: 'flat', qf } });
        // Tolerance as above (two quadratures of the same response).
        signalPerBin(ws, which).forEach((v, i) =>
          expectRelClose(v, shifted.bins[i]!.sCoh!, 1e-9, 0, `${which} bin ${i}`),
        );
      }
    });

    test('the band split adds up to one band over the whole q² range to 1e-6', () => {
      const one = buildCoherentCsi2017QfDataset(DIR, { bandEdgesQ2MeV2: [0, 12000] });
      const whole = one.bands[0]!.nuclei.map((n) => n.sCoh);
      [0, 1].forEach((k) =>
        expectRelClose(
          built.bands.reduce((s, b) => s + b.nuclei[k]!.sCoh, 0),
          whole[k]!,
          1e-6,
          0,
          `nucleus ${k}`,
        ),
      );
    });

    test('bad options are rejected with the option named', () => {
      expect(() => buildCoherentCsi2017QfDataset(DIR, { peEdges: [6, 7, 30] })).toThrow(
        /option peEdges: edge 7 is not on the 2 grid/,
      );
      expect(() => buildCoherentCsi2017QfDataset(DIR, { bandEdgesQ2MeV2: [0, 5000] })).toThrow(
        /bandEdgesQ2MeV2: last edge 5000 MeV² is below the kinematic end point/,
      );
    });
  },
);
