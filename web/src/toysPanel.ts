/**
 * Panel 4: toy-calibrated p-values (α = 1, α = 0) per bin and combined, and Feldman–Cousins intervals,
 * for a counts dataset — the job of `coherency toys`, planned here (toys/plan.ts) and run on Web Workers
 * (workerExecutor.ts) with a progress bar. Same dataset, settings and seed → the same result file as
 * `coherency toys … --json` (the job and its hash are the same; tallies are pure functions of the unit).
 */
import csi2017 from '../../fixtures/coherent-csi-2017.json';
import {
  analysisToysOptions,
  binQ2Centres,
  datasetToySource,
  datasetToyInputs,
  intervalsChart,
  parseDataset,
  planToys,
  resultJson,
  runToyJob,
  toysResult,
  TOYS_DEFAULTS,
  type CountsDataset,
  type SystematicsTreatment,
  type ToyPValue,
  type ToysResult,
} from './lib.js';
import { byId, fixed, h, numberInput, pValue, sig, table, withStatus, type Col } from './dom.js';
import { draw } from './plot.js';
import { lastCountsDataset } from './analysisPanel.js';
import { webWorkerExecutor } from './workerExecutor.js';

function shippedCsi(): CountsDataset {
  const ds = parseDataset(csi2017, 'coherent-csi-2017.json');
  if (ds.kind !== 'counts') throw new Error('the shipped CsI 2017 fixture is not a counts dataset');
  return ds;
}

const toyP = (t: ToyPValue): string =>
  t.nToys === 0
    ? '—'
    : t.nExceed === 0
      ? `< ${pValue(t.pUpper95 ?? 0)}`
      : `${pValue(t.pValue)} ± ${t.mcError >= 1e-3 ? t.mcError.toFixed(4) : sig(t.mcError, 2)}`;
const iv = (lo: number | null, hi: number | null) =>
  lo === null || hi === null ? '—' : `[${fixed(lo, 3)}, ${fixed(hi, 3)}]`;

type Bin = ToysResult['bins'][number];

function resultTables(r: ToysResult): HTMLElement[] {
  const tests: Col<Bin>[] = [
    { header: 'bin', cell: (b) => String(b.bin) },
    { header: 'T range', cell: (b) => b.label, numeric: false },
    { header: 'α̂', cell: (b) => fixed(b.poiHat, 3) },
    { header: 'q1', cell: (b) => fixed(b.alpha1.q, 3), help: 'q1 = t̃(α = 1)' },
    { header: 'p(α=1) asymptotic', cell: (b) => pValue(b.alpha1.asymptotic.pValue) },
    { header: 'p(α=1) toys', cell: (b) => toyP(b.alpha1.toys) },
    { header: 'q0', cell: (b) => fixed(b.alpha0.q, 3), help: 'q0 = t̃(α = 0)' },
    { header: 'p(α=0) asymptotic', cell: (b) => pValue(b.alpha0.asymptotic.pValue) },
    { header: 'p(α=0) toys', cell: (b) => toyP(b.alpha0.toys) },
  ];
  const intervals: Col<Bin>[] = [
    { header: 'bin', cell: (b) => String(b.bin) },
    { header: 'T range', cell: (b) => b.label, numeric: false },
    ...r.settings.cls.flatMap((cl, c): Col<Bin>[] => [
      {
        header: `FC ${(cl * 100).toFixed(2)} %`,
        cell: (b) =>
          iv(b.fc.intervals[c]!.lower, b.fc.intervals[c]!.upper) + (b.fc.intervals[c]!.connected ? '' : '*'),
      },
      {
        header: `asymptotic ${(cl * 100).toFixed(2)} %`,
        cell: (b) => iv(b.fc.intervals[c]!.asymptotic.lower, b.fc.intervals[c]!.asymptotic.upper),
      },
    ]),
  ];
  type C = ToysResult['combined'][number];
  const combined: { test: string; stat: string; pa: string; pt: string }[] = r.combined.flatMap((c: C) => [
    {
      test: `α = ${c.poi} in all bins (shared α)`,
      stat: `q = ${fixed(c.shared.q, 3)}`,
      pa: pValue(c.shared.asymptotic.pValue),
      pt: toyP(c.shared.toys),
    },
    {
      test: `α = ${c.poi} in all bins (α per bin, bounded χ̄², ${c.global.dof} bins)`,
      stat: `Λ = ${fixed(c.global.lambda, 3)}`,
      pa: pValue(c.global.asymptotic.pValue),
      pt: toyP(c.global.toys),
    },
    {
      test: `most significant bin (${c.mostSignificant.bin}), look-elsewhere: Šidák vs toys`,
      stat: `q = ${fixed(c.mostSignificant.q, 3)}`,
      pa: pValue(c.mostSignificant.asymptotic.pValue),
      pt: toyP(c.mostSignificant.toys),
    },
  ]);
  const combCols: Col<(typeof combined)[number]>[] = [
    { header: 'combined test', cell: (x) => x.test, numeric: false },
    { header: 'statistic', cell: (x) => x.stat },
    { header: 'p asymptotic', cell: (x) => x.pa },
    { header: 'p toys', cell: (x) => x.pt },
  ];
  return [
    h('h3', {}, 'One-sided tests per bin'),
    h(
      'p',
      { class: 'note' },
      'Asymptotic p: the two-boundary t̃ distribution, as the CLI; toys: the fraction of toys with t ≥ q, ± its binomial error.',
    ),
    h('div', { class: 'scroll', id: 'toys-tests' }, table(tests, r.bins)),
    h('h3', {}, 'α intervals per bin'),
    h(
      'p',
      { class: 'note' },
      'Feldman–Cousins from toys (edges interpolated between grid points; * = accepted set not connected) beside the asymptotic ones.',
    ),
    h('div', { class: 'scroll' }, table(intervals, r.bins)),
    ...(combined.length > 0
      ? [
          h('h3', {}, `Combined tests (${r.settings.combinedToys} toys per hypothesis)`),
          h('div', { class: 'scroll' }, table(combCols, combined)),
        ]
      : []),
  ];
}

let controller: AbortController | undefined;

async function runToys(): Promise<void> {
  const which = byId<HTMLSelectElement>('toys-dataset').value;
  const ds = which === 'last' ? lastCountsDataset() : shippedCsi();
  if (ds === undefined) throw new Error('no counts dataset analysed yet: analyse one in the panel above');
  const systematics = byId<HTMLSelectElement>('toys-systematics').value as SystematicsTreatment;
  const settings = {
    seed: byId<HTMLInputElement>('toys-seed').value.trim() || '1',
    nToys: numberInput(
      byId('toys-n'),
      'toys per bin',
      (v) => Number.isInteger(v) && v >= 1,
      'an integer ≥ 1',
    ),
    fcToys: numberInput(byId('toys-fc'), 'FC toys', (v) => Number.isInteger(v) && v >= 1, 'an integer ≥ 1'),
    alphaStep: numberInput(
      byId('toys-step'),
      'α step',
      (v) => v > 0 && v <= 1 && Math.abs(Math.round(1 / v) * v - 1) <= 1e-9,
      '1/n, e.g. 0.05',
    ),
    combinedToys: numberInput(
      byId('toys-combined'),
      'combined toys',
      (v) => Number.isInteger(v) && v >= 0,
      'an integer ≥ 0',
    ),
  };
  const workers = numberInput(
    byId('toys-workers'),
    'workers',
    (v) => Number.isInteger(v) && v >= 1 && v <= 64,
    'an integer in [1, 64]',
  );
  // The inputs of `coherency toys` on this dataset: per-bin and combined counting tests, and the
  // combined one-α fit through the general engine (unless the combined tests are off).
  const inputs = datasetToyInputs(ds, { systematics, combined: settings.combinedToys > 0 });
  const job = planToys(inputs.counting, {
    ...settings,
    source: datasetToySource(ds),
    ...analysisToysOptions(inputs, settings.nToys, settings.combinedToys),
  });
  const bar = byId<HTMLProgressElement>('toys-progress');
  const text = byId('toys-progress-text');
  bar.value = 0;
  text.textContent = '0 %';
  controller = new AbortController();
  const runButton = byId<HTMLButtonElement>('toys-run');
  runButton.disabled = true;
  byId<HTMLButtonElement>('toys-stop').disabled = false;
  const t0 = performance.now();
  let outcome;
  try {
    // At least two lanes, so that the work always runs on Web Workers, never on the page's thread.
    outcome = await runToyJob(job, {
      workers: Math.max(2, workers),
      executor: webWorkerExecutor,
      signal: controller.signal,
      onUnit: (_t, p) => {
        const pct = (100 * p.doneCost) / p.totalCost;
        bar.value = pct;
        const s = (performance.now() - t0) / 1000;
        text.textContent = `${pct.toFixed(0)} % — ${p.doneUnits} / ${p.totalUnits} units, ${s.toFixed(1)} s`;
      },
    });
  } finally {
    runButton.disabled = false;
    byId<HTMLButtonElement>('toys-stop').disabled = true;
  }
  if (outcome.aborted)
    throw new Error(`stopped after ${outcome.units.length} of ${outcome.totalUnits} units`);
  const result = toysResult(job, outcome.units);
  const json = resultJson(result);
  const cli =
    `coherency toys ${ds.id === 'coherent-csi-2017' && which !== 'last' ? 'coherent-csi-2017' : `${ds.id}.json`} --n ${settings.nToys} --fc-toys ${settings.fcToys} ` +
    `--alpha-step ${settings.alphaStep} --combined-toys ${settings.combinedToys} --seed ${settings.seed} --systematics ${systematics} --json`;
  const download = h(
    'a',
    { href: URL.createObjectURL(new Blob([json], { type: 'application/json' })), download: 'toys.json' },
    'download toys.json',
  );
  byId('toys-result').replaceChildren(
    h(
      'p',
      { class: 'note' },
      `${result.source.id}: seed ${result.settings.seed}; ${outcome.totalUnits} units on ${Math.max(2, workers)} Web Workers in ${((performance.now() - t0) / 1000).toFixed(1)} s. ` +
        'The same toys, counts and p-values as ',
      h('code', {}, cli),
      ' (fits and asymptotic numbers may differ from Node’s in the last of 16 digits: the browser’s Math functions round differently, so the job hash differs).',
    ),
    ...resultTables(result),
    h('figure', { id: 'toys-fig' }),
    h(
      'details',
      {},
      h('summary', {}, 'result JSON (toys.json) — ', download),
      h('pre', { id: 'toys-json' }, json),
    ),
  );
  // The CLI's figure (report/toysFigures.ts): one panel per CL at each bin's mean true q².
  await draw(byId('toys-fig'), intervalsChart(result, binQ2Centres(ds), result.source.id));
}

export function initToysPanel(): void {
  // The defaults of `coherency toys` (toys/plan.ts TOYS_DEFAULTS).
  byId<HTMLInputElement>('toys-n').value = String(TOYS_DEFAULTS.nToys);
  byId<HTMLInputElement>('toys-fc').value = String(TOYS_DEFAULTS.fcToys);
  byId<HTMLInputElement>('toys-step').value = String(TOYS_DEFAULTS.alphaStep);
  byId<HTMLInputElement>('toys-combined').value = String(TOYS_DEFAULTS.combinedToys);
  byId<HTMLInputElement>('toys-workers').value = String(
    Math.min(8, Math.max(2, navigator.hardwareConcurrency || 2)),
  );
  document.addEventListener('counts-dataset', (e) => {
    const opt = byId<HTMLOptionElement>('toys-dataset-last');
    opt.disabled = false;
    opt.textContent = `the dataset analysed last (${(e as CustomEvent<string>).detail})`;
  });
  byId('toys-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void withStatus(byId('toys-status'), 'toys', runToys);
  });
  byId('toys-stop').addEventListener('click', () => controller?.abort());
}
