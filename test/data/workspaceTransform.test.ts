/**
 * Channel subsets of a pyhf workspace (data/workspace/transform.ts): `selectChannels` keeps the named
 * channels with their observations and drops what then affects nothing; `parseChannelList` validates a
 * CLI list in one line. The workspaces are built here: two runs sharing a flux normsys and a per-bin
 * staterror, each with its own background normsys.
 */
import { describe, expect, test } from 'vitest';
import {
  parameterSets,
  parseChannelList,
  parseWorkspace,
  selectChannels,
  type Workspace,
} from '../../src/data/workspace/index.js';
import { SpecError } from '../../src/errors.js';

function twoRuns(): Workspace {
  const channel = (name: string, scale: number) => ({
    name,
    samples: [
      {
        name: 'signal',
        data: [1 * scale, 2 * scale],
        modifiers: [
          { name: 'mu', type: 'normfactor' as const, data: null },
          { name: 'flux', type: 'normsys' as const, data: { lo: 0.9, hi: 1.1 } },
        ],
      },
      {
        name: 'bkg',
        data: [5, 4],
        modifiers: [
          { name: `bkg_norm_${name}`, type: 'normsys' as const, data: { lo: 0.8, hi: 1.2 } },
          { name: 'mc_stat', type: 'staterror' as const, data: [0.5, 0.4] },
        ],
      },
    ],
  });
  return parseWorkspace({
    version: '1.0.0',
    channels: [channel('run_a', 1), channel('run_b', 2)],
    observations: [
      { name: 'run_a', data: [6, 7] },
      { name: 'run_b', data: [8, 9] },
    ],
    measurements: [
      {
        name: 'm',
        config: {
          poi: 'mu',
          parameters: [
            { name: 'mu', bounds: [[0, 5]], inits: [1] },
            { name: 'bkg_norm_run_b', inits: [0.1] },
            { name: 'mc_stat', inits: [1, 1] },
          ],
        },
      },
    ],
  });
}

describe('selectChannels', () => {
  test('keeps the named channels and their observations; drops the configs of parameters that went', () => {
    const ws = selectChannels(twoRuns(), ['run_a']);
    expect(ws.channels.map((c) => c.name)).toEqual(['run_a']);
    expect(ws.observations).toEqual([{ name: 'run_a', data: [6, 7] }]);
    // bkg_norm_run_b acted only in run_b: its configuration goes; mu and the per-bin mc_stat stay.
    expect(ws.measurements[0]!.config.parameters.map((p) => p.name)).toEqual(['mu', 'mc_stat']);
    // Still a valid pyhf workspace, and the shared per-bin set keeps its length (one element per bin).
    const again = parseWorkspace(ws);
    const sets = parameterSets(again, again.measurements[0]!);
    expect(sets.map((s) => s.name).sort()).toEqual(['bkg_norm_run_a', 'flux', 'mc_stat', 'mu']);
    expect(sets.find((s) => s.name === 'mc_stat')!.n).toBe(2);
  });

  test('keeps the workspace channel order whatever order is asked, and the full list is the identity', () => {
    const ws = twoRuns();
    expect(selectChannels(ws, ['run_b', 'run_a'])).toEqual(ws);
  });

  test('a measurement whose POI no longer enters is dropped; none left is a SpecError', () => {
    const ws = twoRuns();
    const withOther: Workspace = {
      ...ws,
      measurements: [
        ...ws.measurements,
        { name: 'bkg_b', config: { poi: 'bkg_norm_run_b', parameters: [] } },
      ],
    };
    expect(selectChannels(withOther, ['run_a']).measurements.map((m) => m.name)).toEqual(['m']);
    expect(() =>
      selectChannels({ ...withOther, measurements: [withOther.measurements[1]!] }, ['run_a']),
    ).toThrow(/^channels: run_a carry no measurement's parameter of interest \(bkg_norm_run_b\)/);
  });

  test('an unknown or empty subset is a SpecError', () => {
    expect(() => selectChannels(twoRuns(), ['run_c'])).toThrow(SpecError);
    expect(() => selectChannels(twoRuns(), ['run_c'])).toThrow(
      'channels: "run_c" is not a channel; expected one of run_a, run_b',
    );
    expect(() => selectChannels(twoRuns(), [])).toThrow('channels: the subset is empty');
  });
});

describe('parseChannelList (one line per bad list)', () => {
  const ws = twoRuns();
  test('names in the order given, spaces trimmed', () => {
    expect(parseChannelList(ws, 'run_b, run_a')).toEqual(['run_b', 'run_a']);
  });
  test.each([
    ['run_a,run_c', '"run_c" is not a channel'],
    ['', '"" has an empty name'],
    ['run_a,,run_b', '"run_a,,run_b" has an empty name'],
    ['run_a,run_a', '"run_a" is listed twice'],
  ])('%j → %s', (list, message) => {
    let err: unknown;
    try {
      parseChannelList(ws, list);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SpecError);
    const m = (err as Error).message;
    expect(m).toContain(message);
    expect(m).toContain('expected a comma-separated list of channels of the workspace (run_a, run_b)');
    expect(m).not.toContain('\n');
  });
});
