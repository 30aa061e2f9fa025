/**
 * A real single-node Slurm cluster for the tests, started and stopped by the test harness: munged
 * with its own key and socket, slurmctld and slurmd (as root: slurmd launches the jobs) with a minimal
 * slurm.conf for localhost — ports picked free by the OS, every state, spool, log and PID file in one
 * temporary directory, no cgroups (proctrack/linuxproc, task/none), no accounting database. Only the
 * processes started here are stopped (by the PIDs in their own PID files); the directory is removed.
 *
 * `startLocalSlurm` returns the cluster, or the reason it cannot run here (not root, the Debian
 * packages slurm-wlm and munge not installed, or a daemon that did not come up) for the caller to
 * report; it never leaves a daemon running behind a failure.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, hostname, tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LocalSlurm {
  /** Environment for client commands and jobs (SLURM_CONF set). */
  readonly env: NodeJS.ProcessEnv;
  readonly dir: string;
  readonly cpus: number;
  /** Run a Slurm client command (sbatch, squeue, scontrol) against this cluster. */
  run(command: string, args: readonly string[], env?: NodeJS.ProcessEnv): SpawnSyncReturns<string>;
  /** Last lines of the daemons' logs (for failure messages). */
  logs(): string;
  stop(): Promise<void>;
}

const BINARIES = ['munged', 'munge', 'slurmctld', 'slurmd', 'sbatch', 'squeue', 'scontrol', 'sinfo'];
const NODE = 'coherency-node';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function hasBinary(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
}

/** A TCP port that is free right now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function pidOf(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 1 ? pid : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Wait until the process exits; SIGTERM after `termAfterMs`, SIGKILL after twice that. */
async function reap(pid: number | undefined, termAfterMs: number): Promise<void> {
  if (pid === undefined) return;
  const t0 = Date.now();
  let termed = false;
  while (alive(pid)) {
    const dt = Date.now() - t0;
    if (!termed && dt > termAfterMs) {
      process.kill(pid, 'SIGTERM');
      termed = true;
    } else if (dt > 2 * termAfterMs) {
      process.kill(pid, 'SIGKILL');
      return;
    }
    await sleep(100);
  }
}

function slurmConf(dir: string, ctldPort: number, slurmdPort: number, cpus: number): string {
  const d = (name: string) => join(dir, name);
  return `# Minimal single-node cluster for test/slurm (written by test/slurm/localSlurm.ts)
ClusterName=coherencytest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=${ctldPort}
SlurmdPort=${slurmdPort}
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=${d('run/munge.sock')}
SlurmUser=root
SlurmdUser=root
StateSaveLocation=${d('state')}
SlurmdSpoolDir=${d('spool')}
SlurmctldPidFile=${d('run/slurmctld.pid')}
SlurmdPidFile=${d('run/slurmd.pid')}
SlurmctldLogFile=${d('log/slurmctld.log')}
SlurmdLogFile=${d('log/slurmd.log')}
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=1
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
SwitchType=switch/none
NodeName=${NODE} NodeHostname=${hostname()} NodeAddr=127.0.0.1 CPUs=${cpus} State=UNKNOWN
PartitionName=debug Nodes=${NODE} Default=YES MaxTime=INFINITE State=UP
`;
}

/** Start the cluster, or say why it cannot run here. */
export async function startLocalSlurm(): Promise<LocalSlurm | { readonly unavailable: string }> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    return { unavailable: 'not running as root (slurmd must be root to launch jobs)' };
  }
  const missing = BINARIES.filter((b) => !hasBinary(b));
  if (missing.length > 0) {
    return {
      unavailable: `${missing.join(', ')} not found (install Debian's slurm-wlm and munge: apt-get install --no-install-recommends slurm-wlm munge)`,
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'coherency-slurm-'));
  // munged insists on: key readable by its owner only, socket directory searchable by everyone.
  chmodSync(dir, 0o755);
  for (const [sub, mode] of [
    ['key', 0o700],
    ['run', 0o755],
    ['log', 0o700],
    ['state', 0o700],
    ['spool', 0o755],
  ] as const) {
    mkdirSync(join(dir, sub), { mode });
    chmodSync(join(dir, sub), mode);
  }
  writeFileSync(join(dir, 'key/munge.key'), randomBytes(1024), { mode: 0o600 });
  const cpus = Math.min(2, availableParallelism());
  const conf = join(dir, 'slurm.conf');
  writeFileSync(conf, slurmConf(dir, await freePort(), await freePort(), cpus));
  const env = { ...process.env, SLURM_CONF: conf };
  const run = (command: string, args: readonly string[], extra?: NodeJS.ProcessEnv) =>
    spawnSync(command, args, { env: { ...env, ...extra }, encoding: 'utf8', timeout: 30_000 });
  const tail = (file: string) =>
    existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').slice(-8).join('\n') : '(no log)';
  const logs = () =>
    ['munged', 'slurmctld', 'slurmd']
      .map((n) => `--- ${n}.log\n${tail(join(dir, `log/${n}.log`))}`)
      .join('\n');

  const stop = async (): Promise<void> => {
    run('scontrol', ['shutdown']);
    await reap(pidOf(join(dir, 'run/slurmd.pid')), 5_000);
    await reap(pidOf(join(dir, 'run/slurmctld.pid')), 5_000);
    const munged = pidOf(join(dir, 'run/munged.pid'));
    if (munged !== undefined && alive(munged)) process.kill(munged, 'SIGTERM');
    await reap(munged, 3_000);
    rmSync(dir, { recursive: true, force: true });
  };
  const fail = async (what: string): Promise<{ unavailable: string }> => {
    const message = `${what}\n${logs()}`;
    await stop();
    return { unavailable: message };
  };

  const munged = spawnSync(
    'munged',
    [
      `--socket=${join(dir, 'run/munge.sock')}`,
      `--key-file=${join(dir, 'key/munge.key')}`,
      `--log-file=${join(dir, 'log/munged.log')}`,
      `--pid-file=${join(dir, 'run/munged.pid')}`,
      `--seed-file=${join(dir, 'key/munged.seed')}`,
    ],
    { encoding: 'utf8' },
  );
  if (munged.status !== 0) return fail(`munged did not start: ${munged.stderr.trim()}`);
  for (const [daemon, args] of [
    ['slurmctld', ['-f', conf]],
    ['slurmd', ['-f', conf, '-N', NODE]],
  ] as const) {
    const r = spawnSync(daemon, args, { env, encoding: 'utf8' });
    if (r.status !== 0) return fail(`${daemon} did not start (exit ${r.status}): ${r.stderr.trim()}`);
  }
  // Ready when the node reports idle.
  const t0 = Date.now();
  for (;;) {
    const s = run('sinfo', ['-h', '-n', NODE, '-o', '%t']);
    if (s.status === 0 && s.stdout.trim() === 'idle') break;
    if (Date.now() - t0 > 30_000)
      return fail(`node ${NODE} not idle after 30 s (sinfo: ${s.stdout.trim() || s.stderr.trim()})`);
    await sleep(250);
  }
  return { env, dir, cpus, run, logs, stop };
}

export interface JobState {
  readonly state: string;
  readonly exitCode: string;
  /** Start and end (Slurm's local time stamps, 1-s resolution). */
  readonly start: string;
  readonly end: string;
}

/** State and exit code of a job (`scontrol show job`; completed jobs stay listed for MinJobAge, 300 s). */
export function jobStates(slurm: LocalSlurm, jobId: string): JobState[] {
  const r = slurm.run('scontrol', ['show', 'job', '-o', jobId]);
  if (r.status !== 0) return [];
  const field = (line: string, name: string) => new RegExp(`${name}=(\\S+)`).exec(line)?.[1] ?? '?';
  return r.stdout
    .trim()
    .split('\n')
    .map((line) => ({
      state: field(line, 'JobState'),
      exitCode: field(line, 'ExitCode'),
      start: field(line, 'StartTime'),
      end: field(line, 'EndTime'),
    }));
}

/** Poll squeue until none of the jobs is pending or running, or the timeout passes. */
export async function waitForJobs(
  slurm: LocalSlurm,
  jobIds: readonly string[],
  timeoutMs: number,
): Promise<boolean> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    const r = slurm.run('squeue', ['-h', '-o', '%i %T', '-j', jobIds.join(',')]);
    if (r.status === 0 && r.stdout.trim() === '') return true;
    await sleep(500);
  }
  return false;
}
