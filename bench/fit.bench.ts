/**
 * Timings of the fit layer (src/fit) on the shipped COHERENT fixtures, as the issue asks: one CsI fit
 * and a joint CsI + Ar fit, each without and with its profile-likelihood interval(s).
 *
 * Plugs into bench/run.ts through `benchmarks`; run alone with `npx tsx bench/fit.bench.ts`
 * (prints the median of 7 repeats after a warm-up).
 */
import { loadDataset } from '../src/data/index.js';
import { configureModel, fitDatasets, resolveModel, type FitEntry } from '../src/fit/index.js';
import type { Benchmark } from './run.js';

const csi = loadDataset('coherent-csi-2017');
const ar = loadDataset('coherent-ar-2020-1d');
const rn = resolveModel('helm-rn');
const r0 = configureModel(resolveModel('helm-r0'), { free: ['r0'] });
const csiEntries: FitEntry[] = [{ dataset: csi, model: rn }];
const jointEntries: FitEntry[] = [
  { dataset: csi, model: r0 },
  { dataset: ar, model: r0 },
];

export const benchmarks: Benchmark[] = [
  {
    name: 'fit: CsI 2017, helm-rn (Rn + 2 nuisances), minimum + covariance',
    repeats: 7,
    run: () => fitDatasets(csiEntries, { profile: false }),
  },
  {
    name: 'fit: CsI 2017, helm-rn, with the profile interval of Rn',
    repeats: 7,
    run: () => fitDatasets(csiEntries),
  },
  {
    name: 'fit: joint CsI + Ar, one r0 (+ 4 nuisances), minimum + covariance',
    repeats: 7,
    run: () => fitDatasets(jointEntries, { profile: false }),
  },
  {
    name: 'fit: joint CsI + Ar, one r0, with the profile interval of r0',
    repeats: 7,
    run: () => fitDatasets(jointEntries),
  },
];

const isMain = import.meta.url === `file://${process.argv[1] ?? ''}`;
if (isMain) {
  for (const b of benchmarks) {
    b.run();
    const times: number[] = [];
    for (let i = 0; i < (b.repeats ?? 5); i++) {
      const t0 = performance.now();
      b.run();
      times.push(performance.now() - t0);
    }
    times.sort((x, y) => x - y);
    process.stdout.write(
      `${b.name.padEnd(70)} ${(times[Math.floor(times.length / 2)] as number).toFixed(2)} ms\n`,
    );
  }
}
