/**
 * A malformed pyhf workspace given to `analyze` exits 2 with one line that names the channel, sample
 * and modifier (by the names in the file) and what was expected (issue 9).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'coherency-ws-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/* eslint-disable @typescript-eslint/no-explicit-any */
function workspace(): any {
  return {
    version: '1.0.0',
    channels: [
      {
        name: 'sr',
        samples: [
          { name: 'signal', data: [5, 8, 3], modifiers: [{ name: 'mu', type: 'normfactor', data: null }] },
          {
            name: 'bkg',
            data: [10, 9, 8],
            modifiers: [
              { name: 'bkg_norm', type: 'normsys', data: { hi: 1.1, lo: 0.9 } },
              { name: 'stat_sr', type: 'staterror', data: [1, 1, 1] },
            ],
          },
        ],
      },
    ],
    observations: [{ name: 'sr', data: [14, 18, 10] }],
    measurements: [
      { name: 'meas', config: { poi: 'mu', parameters: [{ name: 'mu', bounds: [[0, 5]], inits: [1] }] } },
    ],
  };
}

const cases: { name: string; mutate: (w: any) => void; message: RegExp }[] = [
  {
    name: 'unknown modifier type',
    mutate: (w) => (w.channels[0].samples[1].modifiers[0].type = 'overallsys'),
    message: /modifier "bkg_norm".*"overallsys" is not a modifier type; expected one of "histosys"/,
  },
  {
    name: 'wrong bin count of a sample',
    mutate: (w) => w.channels[0].samples[1].data.push(7),
    message: /channel "sr", sample "bkg": data has 4 bins; expected 3/,
  },
  {
    name: 'wrong bin count of a staterror',
    mutate: (w) => w.channels[0].samples[1].modifiers[1].data.pop(),
    message: /channel "sr", sample "bkg", modifier "stat_sr" \(staterror\): data has 2 entries; expected 3/,
  },
  {
    name: 'negative yield',
    mutate: (w) => (w.channels[0].samples[0].data[1] = -2),
    message: /channel "sr", sample "signal": data\[1\] = -2 is a negative yield/,
  },
  {
    name: 'POI that is not a parameter',
    mutate: (w) => (w.measurements[0].config.poi = 'alpha'),
    message: /the POI "alpha" is not a parameter of the model; expected one of/,
  },
  {
    name: 'lumi without its constraint data',
    mutate: (w) => w.channels[0].samples[0].modifiers.push({ name: 'lumi', type: 'lumi', data: null }),
    message: /lumi modifier's constraint needs inits, bounds, auxdata and sigmas/,
  },
  {
    name: 'channel without observation',
    mutate: (w) => (w.observations[0].name = 'cr'),
    message: /observation "cr" names no channel/,
  },
  {
    name: 'empty observations',
    mutate: (w) => (w.observations = []),
    message:
      /^coherency: error: .*: observations: no entry for channel "sr"; expected one per channel \(an observation named "sr" with its observed counts\)$/,
  },
  {
    name: 'a second channel without its observation',
    mutate: (w) => w.channels.push({ ...structuredClone(w.channels[0]), name: 'cr' }),
    message: /observations: no entry for channel "cr"; expected one per channel/,
  },
  {
    name: 'normsys factor ≤ 0',
    mutate: (w) => (w.channels[0].samples[1].modifiers[0].data.lo = 0),
    message: /modifier "bkg_norm" \(normsys\): data\.lo = 0; expected a factor > 0/,
  },
  {
    name: 'configured parameter that no modifier has',
    mutate: (w) => w.measurements[0].config.parameters.push({ name: 'lumi_typo', bounds: [[0, 2]] }),
    message: /parameter "lumi_typo" is configured but no modifier of any sample has that name/,
  },
];

describe('malformed workspaces', () => {
  test('the valid workspace analyses (exit 0)', async () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify(workspace()));
    const r = await runCli(['analyze', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).poi).toBe('mu');
  });

  test.for(cases)('$name → exit 2, one line', async ({ name, mutate, message }) => {
    const w = workspace();
    mutate(w);
    const file = join(dir, `${name.replace(/\W+/g, '_')}.json`);
    writeFileSync(file, JSON.stringify(w));
    const r = await runCli(['analyze', file]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(r.stdout).toBe('');
  });
});
