/**
 * Panel 3: drop (or pick) a toolkit dataset (counts, ξ ± σ, template) or a pyhf workspace JSON, or take
 * the shipped COHERENT CsI 2017 fixture → the analysis `coherency analyze` prints: per-bin (per-band)
 * α̂ with 68.27 % / 90 % CL intervals, one-sided p-values of α = 1 and α = 0, the combined tests, and
 * Figures 5–6 drawn in the page. Same library calls as src/cli/commands/analyze.ts.
 */
import csi2017 from '../../fixtures/coherent-csi-2017.json';
import {
  alphaFigure,
  compareWithPaper,
  describeAnalysisMethods,
  pValueFigure,
  type AnalysisResult,
  type AnyDataset,
  type BinAnalysis,
  type CountsDataset,
  type Interval,
  type SystematicsTreatment,
  type WorkspaceAnalysis,
} from './lib.js';
import type { AnalysisReply, AnalysisRequest } from './analysisWorker.js';
import { byId, fill, fixed, h, pValue, rich, sig, table, withStatus, type Col } from './dom.js';
import { draw } from './plot.js';

const interval = (i: Interval) => `[${fixed(i.lo, 3)}, ${fixed(i.hi, 3)}]${i.connected ? '' : '*'}`;
const zText = (z: number) => (Number.isFinite(z) ? z.toFixed(2) : '> 37');

function binColumns(template: boolean): Col<BinAnalysis>[] {
  return [
    { header: template ? 'band' : 'bin', cell: (b) => String(b.index) },
    { header: 'q² range', unit: 'MeV²', cell: (b) => `${b.q2LoMeV2.toFixed(0)}–${b.q2HiMeV2.toFixed(0)}` },
    {
      header: 'q²_c',
      unit: 'MeV²',
      cell: (b) => b.q2CenterMeV2.toFixed(0),
      help: 'signal-weighted mean true q² of the bin',
    },
    ...(template
      ? []
      : [
          { header: 'n_on', cell: (b: BinAnalysis) => (b.nOn === undefined ? '—' : String(b.nOn)) },
          { header: 'n_off', cell: (b: BinAnalysis) => (b.nOff === undefined ? '—' : String(b.nOff)) },
        ]),
    {
      header: 's_coh',
      unit: 'events',
      cell: (b) => fixed(b.sCoh, 1),
      help: 'expected CEvNS events at complete coherency',
    },
    { header: 'ξ̂ ± σ', cell: (b) => `${fixed(b.xiHat, 3)} ± ${fixed(b.xiSigma, 3)}` },
    { header: 'α̂', cell: (b) => fixed(b.alphaHat, 3), help: 'maximum-likelihood α in [0, 1]' },
    { header: 'α 68.27 % CL', cell: (b) => interval(b.alpha68) },
    { header: 'α 90 % CL', cell: (b) => interval(b.alpha90) },
    { header: 'p(α=1)', cell: (b) => pValue(b.pAlpha1), help: 'one-sided test of complete coherency' },
    { header: 'p(α=0)', cell: (b) => pValue(b.pAlpha0), help: 'one-sided test of complete decoherency' },
    {
      header: 'α_Helm',
      cell: (b) => fixed(b.alphaHelm, 3),
      help: 'α expected from the Helm form factor (Eq. 9)',
    },
  ];
}

function combinedLines(r: AnalysisResult, unit: 'bin' | 'band'): HTMLElement[] {
  const c = r.combined;
  const lines: HTMLElement[] = [
    h(
      'li',
      { id: 'an-combined' },
      `One α for all ${unit}s: α̂ = ${fixed(c.alphaHat, 3)}, 68.27 % CL ${interval(c.alpha68)}, 90 % CL ${interval(c.alpha90)}; p(α=1) = ${pValue(c.pAlpha1)}, p(α=0) = ${pValue(c.pAlpha0)}`,
    ),
  ];
  if (r.bins.length > 1) {
    for (const [name, g] of [
      ['α = 1', c.allBinsAlpha1],
      ['α = 0', c.allBinsAlpha0],
    ] as const) {
      const b = r.bins[g.mostSignificantBin]!;
      lines.push(
        h(
          'li',
          {},
          `“${name} in every ${unit}” against a free α per ${unit}: Λ = ${g.statistic.toFixed(2)}, ${g.dof} ${unit}s, p = ${pValue(g.pValue)} (Z = ${zText(g.z)}, χ̄² asymptotics); ` +
            `most significant ${unit} ${g.mostSignificantBin} (q² ${b.q2LoMeV2.toFixed(0)}–${b.q2HiMeV2.toFixed(0)} MeV²): p_local = ${pValue(g.pLocal)}, p_global = ${pValue(g.pGlobal)} (Šidák)`,
        ),
      );
    }
  }
  return lines;
}

let lastCounts: CountsDataset | undefined;

/** The counts dataset analysed last (the toys panel offers it), if any. */
export function lastCountsDataset(): CountsDataset | undefined {
  return lastCounts;
}

async function showDataset(ds: AnyDataset, r: AnalysisResult): Promise<void> {
  if (ds.kind === 'counts') {
    lastCounts = ds;
    document.dispatchEvent(new CustomEvent('counts-dataset', { detail: ds.id }));
  }
  const template = ds.kind === 'template';
  const sys =
    ds.kind === 'counts' && r.systematics === 'profiled'
      ? `systematics profiled (signal normalisation ±${(ds.signalNormRelUncertainty * 100).toFixed(1)} %, beam background ±${(ds.beamBackgroundRelUncertainty * 100).toFixed(1)} %)`
      : template
        ? 'template likelihood, all nuisances profiled'
        : r.systematics === 'profiled'
          ? 'systematics profiled'
          : 'statistics only';
  const unit = template ? 'band' : 'bin';
  const out = byId('an-result');
  const paper =
    ds.id === 'coherent-csi-2017'
      ? compareWithPaper(r).map((c) =>
          h(
            'li',
            {},
            `exclude ${c.hypothesis.replace('alpha=', 'α = ')} at q² = ${sig(c.q2MeV2, 2)} MeV²: paper p = ${c.paper}; here ${c.bin === null ? '—' : `bin ${c.bin}, p = ${pValue(c.ours!)}`} (${r.systematics === 'profiled' ? 'systematics profiled' : 'statistics only'})`,
          ),
        )
      : [];
  fill(
    out,
    h('h3', {}, `${ds.title} [${ds.id}]`),
    h(
      'p',
      { class: 'note' },
      ...rich(
        `${r.bins.length} ${unit}s; ${sys}. Asymptotic profile likelihood: α̂ bounded to [0, 1]; intervals by inverting t̃_α (* = hull of an accepted set with gaps); one-sided tests of α = 1 and α = 0.${r.bins[0] === undefined ? '' : ` ${describeAnalysisMethods(r.bins[0])}.`}`,
      ),
    ),
    h('div', { id: 'an-bins', class: 'scroll' }, table(binColumns(template), r.bins)),
    h('ul', { class: 'results' }, ...combinedLines(r, unit)),
    paper.length > 0
      ? h('p', {}, 'Comparison with the paper (Sharma et al., PRD 103, 092002, Sec. IV):')
      : null,
    paper.length > 0 ? h('ul', { class: 'results' }, ...paper) : null,
    h('div', { class: 'figures' }, h('figure', { id: 'an-fig5' }), h('figure', { id: 'an-fig6' })),
  );
  await Promise.all([draw(byId('an-fig5'), alphaFigure(ds, r)), draw(byId('an-fig6'), pValueFigure(ds, r))]);
}

function showWorkspace(file: string, w: WorkspaceAnalysis): void {
  const [lo, hi] = w.poiBounds;
  const t = w.toolkit;
  const q = w.pyhf.qtilde;
  const shown =
    w.fit.parameters.length > 40 ? w.fit.parameters.filter((p) => !p.name.includes('[')) : w.fit.parameters;
  const cols: Col<(typeof shown)[number]>[] = [
    { header: 'parameter', cell: (p) => p.name, numeric: false },
    { header: 'value', cell: (p) => sig(p.value, 6) },
    { header: '± σ', cell: (p) => (p.error === undefined ? '—' : sig(p.error, 3)) },
    { header: '', cell: (p) => (p.fixed ? 'fixed' : p.atLimit ? 'at limit' : ''), numeric: false },
  ];
  fill(
    byId('an-result'),
    h('h3', {}, `pyhf workspace ${file}`),
    h(
      'p',
      { class: 'note' },
      `measurement “${w.measurement}”, POI “${w.poi}” in [${lo}, ${hi}]; a workspace has one POI, so there are no per-bin α intervals — use a toolkit dataset (counts, ξ or template kind) for those.`,
    ),
    h(
      'ul',
      { class: 'results', id: 'an-workspace' },
      h(
        'li',
        {},
        `Toolkit (t̃, two-boundary asymptotics): ${w.poi} = ${sig(t.poiHat, 4)}, 68.27 % CL [${sig(t.interval68[0], 4)}, ${sig(t.interval68[1], 4)}], 90 % CL [${sig(t.interval90[0], 4)}, ${sig(t.interval90[1], 4)}]; one-sided p(${w.poi} = ${lo}) = ${pValue(t.pAtLower)}, p(${w.poi} = ${hi}) = ${pValue(t.pAtUpper)}`,
      ),
      h(
        'li',
        {},
        `pyhf hypotest(${q.muTest}, q̃, asymptotics): q̃ = ${q.qtilde.toFixed(4)}, CLs+b = ${pValue(q.CLsb)}, CLb = ${pValue(q.CLb)}, CLs = ${pValue(q.CLs)}`,
      ),
      h(
        'li',
        {},
        `pyhf discovery: q0 = ${w.pyhf.discovery.q0.toFixed(4)}, p0 = ${pValue(w.pyhf.discovery.p0)}, Z = ${zText(w.pyhf.discovery.z)}; Wilks 68.27 % [${sig(w.pyhf.wilks68.lo, 4)}, ${sig(w.pyhf.wilks68.hi, 4)}], 90 % [${sig(w.pyhf.wilks90.lo, 4)}, ${sig(w.pyhf.wilks90.hi, 4)}]`,
      ),
      h(
        'li',
        {},
        `Maximum-likelihood fit: −2 ln L = ${w.fit.twiceNll.toFixed(6)} (${w.fit.converged ? 'converged' : 'NOT converged'}, ${w.fit.iterations} iterations)`,
      ),
    ),
    h('div', { class: 'scroll' }, table(cols, shown)),
    shown.length < w.fit.parameters.length
      ? h('p', { class: 'note' }, `… and ${w.fit.parameters.length - shown.length} per-bin parameters.`)
      : null,
  );
}

let running: Worker | undefined;

/** Analyse parsed JSON in a fresh worker (analysisWorker.ts); a newer request ends an older one. */
function analyseInWorker(raw: unknown, file: string, status: HTMLElement): Promise<AnalysisReply> {
  running?.terminate();
  const worker = new Worker(new URL('./analysisWorker.ts', import.meta.url), {
    type: 'module',
    name: 'analysis',
  });
  running = worker;
  const systematics = byId<HTMLSelectElement>('an-systematics').value as SystematicsTreatment;
  return new Promise((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<AnalysisReply>) => {
      if (e.data.type === 'progress') {
        status.textContent = `analysing ${file}… ${Math.round((100 * e.data.done) / e.data.total)} %`;
        return;
      }
      worker.terminate();
      if (running === worker) running = undefined;
      resolve(e.data);
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || 'the analysis worker failed to start'));
    };
    const request: AnalysisRequest = { raw, file, systematics };
    worker.postMessage(request);
  });
}

async function analyse(raw: unknown, file: string, status: HTMLElement): Promise<void> {
  const reply = await analyseInWorker(raw, file, status);
  if (reply.type === 'error') throw new Error(reply.message);
  if (reply.type === 'workspace') showWorkspace(reply.file, reply.analysis);
  else if (reply.type === 'dataset') await showDataset(reply.dataset, reply.result);
}

async function analyseFile(file: File, status: HTMLElement): Promise<void> {
  let raw: unknown;
  try {
    raw = JSON.parse(await file.text());
  } catch (err) {
    throw new Error(`${file.name}: not valid JSON (${(err as Error).message})`);
  }
  await analyse(raw, file.name, status);
}

export function initAnalysisPanel(): void {
  const status = byId('an-status');
  const drop = byId('an-drop');
  const picker = byId<HTMLInputElement>('an-file');
  let last: (() => Promise<void>) | undefined;
  const run = (what: string, work: () => Promise<void>) => {
    last = work;
    return withStatus(status, what, work);
  };
  byId('an-csi').addEventListener('click', () => {
    void run('analysing the shipped COHERENT CsI 2017 dataset', () =>
      analyse(csi2017, 'coherent-csi-2017.json', status),
    );
  });
  picker.addEventListener('change', () => {
    const f = picker.files?.[0];
    if (f) void run(`analysing ${f.name}`, () => analyseFile(f, status));
  });
  byId('an-systematics').addEventListener('change', () => {
    if (last) void withStatus(status, 'analysing again', last);
  });
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const f = e.dataTransfer?.files[0];
    if (f) void run(`analysing ${f.name}`, () => analyseFile(f, status));
  });
}
