/**
 * The files the bad-input corpus points the CLI at, made once in a temporary directory: a plain file,
 * a directory, a FIFO, empty and truncated JSON, valid datasets and setups to mutate, a valid shard
 * file (from a tiny in-process `toys --shard` run), and helpers to write one mutation per case.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shippedDatasetPath } from '../../../src/data/index.js';
import { presetSetupJson } from '../../../src/sensitivity/index.js';
import { validXiDataset } from '../../data/datasetTestKit.js';
import { runCli } from '../run.js';

type Json = Record<string, unknown>;
type Bins = { bins: Json[] } & Json;

export interface Workspace {
  readonly root: string;
  /** An existing regular file (`f.txt` of the issue). */
  readonly file: string;
  /** An existing empty directory. */
  readonly dir: string;
  /** A named pipe: reading it would block forever. */
  readonly fifo: string;
  readonly empty: string;
  readonly truncated: string;
  /** Valid inputs. */
  readonly csi: string;
  readonly xi: string;
  readonly setup: string;
  readonly shard: string;
  /** A fresh path under root for this name (never created). */
  fresh(name: string): string;
  /** Write the CsI fixture after `mutate`, return its path. */
  dataset(name: string, mutate: (d: Bins) => void): string;
  /** Write the ge-reactor preset after `mutate`, return its path. */
  setupWith(name: string, mutate: (s: Json) => void): string;
  /** Write any text, return its path. */
  text(name: string, content: string): string;
}

export async function makeWorkspace(): Promise<Workspace> {
  const root = mkdtempSync(join(tmpdir(), 'coherency-bad-'));
  const at = (name: string) => join(root, name);
  const text = (name: string, content: string) => {
    writeFileSync(at(name), content);
    return at(name);
  };
  const csiText = readFileSync(shippedDatasetPath('coherent-csi-2017'), 'utf8');
  const setupJson = presetSetupJson('ge-reactor');
  mkdirSync(at('dir'));
  execFileSync('mkfifo', [at('fifo')]);
  // A valid shard of a tiny toys run (bin 0 only, 3-point grid, no combined tests): the merge cases mutate it.
  const shardDir = at('shard-run');
  const r = await runCli([
    'toys',
    ...['--n', '200', '--fc-toys', '20', '--alpha-step', '0.5', '--combined-toys', '0', '--bins', '0'],
    ...['--workers', '1', '--shard', '1/2', '--out', shardDir],
  ]);
  if (r.code !== 0) throw new Error(`shard setup failed: ${r.stderr}`);
  return {
    root,
    file: text('f.txt', 'not a dataset\n'),
    dir: at('dir'),
    fifo: at('fifo'),
    empty: text('empty.json', ''),
    truncated: text('truncated.json', csiText.slice(0, Math.floor(csiText.length / 2))),
    csi: text('csi.json', csiText),
    xi: text('xi.json', JSON.stringify(validXiDataset())),
    setup: text('setup.json', JSON.stringify(setupJson)),
    shard: join(shardDir, 'shard-1-of-2.json'),
    fresh: (name) => at(name),
    dataset: (name, mutate) => {
      const d = JSON.parse(csiText) as Bins;
      mutate(d);
      // "__INF__" stands for the JSON literal 1e400, which JSON.parse turns into Infinity.
      return text(name, JSON.stringify(d).replaceAll('"__INF__"', '1e400'));
    },
    setupWith: (name, mutate) => {
      const s = structuredClone(setupJson) as Json;
      mutate(s);
      return text(name, JSON.stringify(s));
    },
    text,
  };
}
