/**
 * Micro-benchmark of the single-bin fits used by toy ensembles (src/likelihood/singleBin.ts).
 *
 * A "toy" is one call of SingleBinKernel.tildeT: an unconditional fit (poi ∈ [0, 1]) plus a
 * conditional fit at poi0 (skipped when p̂oi = poi0 exactly, which happens for q1 whenever p̂oi
 * is clipped to 1; so t̃(0.5) is the honest two-fit number). The counts are drawn beforehand (a
 * local xorshift + Poisson inversion, not timed) so only the fits are measured.
 *
 * Run alone: `npx tsx bench/likelihood.bench.ts`. `run()` returns toys per second per case (per
 * core, from process CPU time, plus `.wall`); `benchmarks` plugs into bench/run.ts.
 */
import { SingleBinKernel } from '../src/likelihood/index.js';
import type { CountingModel } from '../src/likelihood/index.js';
import type { Benchmark } from './run.js';

const N_TOYS = 200_000;

const base: CountingModel = {
  bins: [
    {
      nOn: 0,
      signal0: 20,
      signal1: 60,
      beamBackground: 8,
      background: { kind: 'measured', nOff: 0, tau: 3 },
    },
  ],
};

const cases: Record<string, CountingModel> = {
  fixed: base,
  gaussian: {
    ...base,
    signalNorm: { kind: 'gaussian', sigma: 0.1 },
    beamNorm: { kind: 'gaussian', sigma: 0.25 },
  },
  lognormal: {
    ...base,
    signalNorm: { kind: 'lognormal', sigma: 0.1 },
    beamNorm: { kind: 'lognormal', sigma: 0.25 },
  },
};

/** Pre-drawn Poisson counts at poi = 1 (μ_on = 10 + 8 + 60, μ_off = 3·10). */
function drawCounts(nToys: number, seed: number): { n: Float64Array; m: Float64Array } {
  let s = seed >>> 0 || 1;
  const uniform = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s + 0.5) / 4294967296;
  };
  const poisson = (mu: number): number => {
    // sequential inversion (fine for μ ≲ 100)
    let k = 0;
    let p = Math.exp(-mu);
    let cdf = p;
    const u = uniform();
    while (u > cdf && k < 10_000) {
      k++;
      p *= mu / k;
      cdf += p;
    }
    return k;
  };
  const n = new Float64Array(nToys);
  const m = new Float64Array(nToys);
  for (let i = 0; i < nToys; i++) {
    n[i] = poisson(78);
    m[i] = poisson(30);
  }
  return { n, m };
}

const counts = drawCounts(N_TOYS, 12345);

/**
 * Toys per second of CPU time of this process (so "per core", and robust against other processes
 * sharing the machine) and of wall-clock time.
 */
function timeToys(kernel: SingleBinKernel, poi0: number, nToys: number): { cpu: number; wall: number } {
  const { n, m } = counts;
  let sink = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < nToys; i++) sink += kernel.tildeT(n[i] as number, m[i] as number, poi0);
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  if (Number.isNaN(sink)) throw new Error('NaN test statistic in benchmark');
  return { cpu: nToys / ((c.user + c.system) * 1e-6), wall: (nToys / ms) * 1000 };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/**
 * Toys per second (per core, from CPU time; `.wall` from wall-clock time) for each constraint kind,
 * for t̃(0.5) and q1 = t̃(1), median of 5 runs after a warm-up.
 */
export async function run(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, model] of Object.entries(cases)) {
    const kernel = new SingleBinKernel(model);
    const nToys = name === 'lognormal' ? N_TOYS / 2 : N_TOYS;
    for (const poi0 of [0.5, 1]) {
      timeToys(kernel, poi0, nToys); // warm-up
      const runs = Array.from({ length: 5 }, () => timeToys(kernel, poi0, nToys));
      const key = `singleBin.${name}.${poi0 === 1 ? 'q1' : 'tTilde(0.5)'}.toysPerSecond`;
      out[key] = median(runs.map((r) => r.cpu));
      out[`${key}.wall`] = median(runs.map((r) => r.wall));
    }
  }
  return out;
}

export const benchmarks: Benchmark[] = Object.entries(cases).map(([name, model]) => {
  const kernel = new SingleBinKernel(model);
  const nToys = name === 'lognormal' ? N_TOYS / 2 : N_TOYS;
  return {
    name: `single-bin t̃(0.5) toys (${name} normalisations)`,
    items: nToys,
    itemName: 'toys',
    run: () => {
      let s = 0;
      for (let i = 0; i < nToys; i++) s += kernel.tildeT(counts.n[i] as number, counts.m[i] as number, 0.5);
      return s;
    },
  };
});

const isMain = import.meta.url === `file://${process.argv[1] ?? ''}`;
if (isMain) {
  const res = await run();
  for (const [k, v] of Object.entries(res)) {
    process.stdout.write(
      `${k.padEnd(48)} ${v.toExponential(3)} toys/s (${(2 * v).toExponential(3)} fits/s)\n`,
    );
  }
}
