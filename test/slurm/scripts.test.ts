/**
 * scripts/slurm/*.sbatch without a cluster: the environment Slurm gives an array task is set by hand
 * and COHERENCY=echo prints the command the task would run, so the index → shard mapping, the option
 * order and the refusals are checked everywhere (the real cluster run is jobArray.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { repoRoot } from '../../src/data/repoPaths.js';

const SCRIPTS = join(repoRoot(), 'scripts', 'slurm');

function task(env: Record<string, string>, args: string[], script = 'toys.sbatch') {
  const r = spawnSync('bash', [join(SCRIPTS, script), ...args], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', COHERENCY: 'echo', ...env },
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout.trim(), stderr: r.stderr.trim() };
}

const array = (id: number, min: number, max: number) => ({
  SLURM_ARRAY_TASK_ID: String(id),
  SLURM_ARRAY_TASK_MIN: String(min),
  SLURM_ARRAY_TASK_MAX: String(max),
  SLURM_ARRAY_TASK_COUNT: String(max - min + 1),
  SLURM_ARRAY_TASK_STEP: '1',
});

describe('toys.sbatch: array index → shard', () => {
  test('--array=0-2 and --array=1-3 both give shards 1/3 … 3/3; options before --shard/--out', () => {
    for (const min of [0, 1]) {
      for (let k = 1; k <= 3; k++) {
        const r = task({ ...array(min + k - 1, min, min + 2), SLURM_CPUS_PER_TASK: '4' }, [
          '/out',
          'toys',
          'coherent-csi-2017',
          '--n',
          '1000',
        ]);
        expect(r.status, r.stderr).toBe(0);
        expect(r.stdout).toBe(
          `toys --workers 4 coherent-csi-2017 --n 1000 --shard ${k}/3 --out /out/shard-${k}`,
        );
      }
    }
  });

  test('coverage instead of toys; COHERENCY_SHARDS reruns one index of a larger run', () => {
    const r = task({ ...array(3, 3, 3), COHERENCY_SHARDS: '8' }, ['/out', 'coverage', '--experiments', '50']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('coverage --workers 1 --experiments 50 --shard 4/8 --out /out/shard-4');
  });

  test('refusals: not an array task, a gap in the array, an index beyond COHERENCY_SHARDS', () => {
    expect(task({}, ['/out']).stderr).toMatch(/not a task of a job array/);
    const gap = task({ ...array(0, 0, 4), SLURM_ARRAY_TASK_COUNT: '3' }, ['/out']);
    expect(gap.status).toBe(2);
    expect(gap.stderr).toMatch(/the array must be contiguous with step 1/);
    const beyond = task({ ...array(8, 0, 8), COHERENCY_SHARDS: '8' }, ['/out']);
    expect(beyond.status).toBe(2);
    expect(beyond.stderr).toMatch(/array index 8 is not in 0-7/);
  });
});

describe('merge.sbatch', () => {
  test('merges every shard file under OUT_DIR into OUT_DIR/toys.json; none is an error', () => {
    const out = mkdtempSync(join(tmpdir(), 'coherency-merge-script-'));
    expect(task({}, [out], 'merge.sbatch').stderr).toMatch(/no shard files under/);
    for (const k of [1, 2]) {
      mkdirSync(join(out, `shard-${k}`));
      writeFileSync(join(out, `shard-${k}`, `shard-${k}-of-2.json`), '{}');
    }
    const r = task({}, [out], 'merge.sbatch');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      `merge ${out}/shard-1/shard-1-of-2.json ${out}/shard-2/shard-2-of-2.json --out ${out}/toys.json`,
    );
  });
});
