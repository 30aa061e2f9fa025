/**
 * Panel 2: event rates per source (dR/dT for complete coherency α = 1, a form-factor model and complete
 * decoherency α = 0; totals above a threshold with ⟨ξ⟩ and ⟨α⟩), and the paper's Table II computed here
 * beside the printed values. Sources: spectra.ts (what a browser has).
 */
import {
  COMPLETE_COHERENCY,
  COMPLETE_DECOHERENCY,
  computeTableII,
  differentialRate,
  endPointMeV,
  helmFormFactor,
  kleinNystrandFormFactor,
  maxRecoilEnergy,
  meanCoherency,
  PAPER_EPSILON,
  PAPER_SOURCES,
  RATE_UNIT,
  recoilWhereAlphaFalls,
  resolveTarget,
  sameFormFactors,
  SECONDS_PER_DAY,
  SECONDS_PER_YEAR,
  TARGET_NAME_HELP,
  totalRate,
  layeredChart,
  lineLayer,
  type Datum,
  type GammaModel,
  type PaperSourceName,
  type RateUnit,
  type TableIIRow,
} from './lib.js';
import { byId, fixed, h, numberInput, sig, table, withStatus, type Col } from './dom.js';
import { draw } from './plot.js';
import { browserSpectra, SOURCE_LABEL, type BrowserSpectra } from './spectra.js';

const PER_KG: Record<RateUnit, number> = { 'per kg per yr': 1, 'per ton per yr': 1000 };
const UNIT_TEXT: Record<RateUnit, string> = { 'per kg per yr': 'kg⁻¹ yr⁻¹', 'per ton per yr': 't⁻¹ yr⁻¹' };

function modelOf(kind: string): { model: GammaModel; label: string } {
  return kind === 'helm'
    ? { model: { kind: 'formFactors', ...sameFormFactors(helmFormFactor()) }, label: 'Helm (Eq. 9)' }
    : {
        model: { kind: 'formFactors', ...sameFormFactors(kleinNystrandFormFactor()) },
        label: 'Klein–Nystrand',
      };
}

async function updateRates(b: BrowserSpectra): Promise<void> {
  const source = byId<HTMLSelectElement>('rates-source').value as PaperSourceName;
  const spectrum = b.spectra[source];
  if (spectrum === undefined) throw new Error(`${SOURCE_LABEL[source]}: ${b.notes[source]}`);
  const name = byId<HTMLInputElement>('rates-target').value;
  const target = resolveTarget(name);
  if (target === undefined) throw new Error(`target "${name}": expected ${TARGET_NAME_HELP}`);
  const thresholdKeV = numberInput(
    byId('rates-threshold'),
    'threshold',
    (v) => v >= 0,
    'a recoil energy ≥ 0 keV_nr',
  );
  const { model, label } = modelOf(byId<HTMLSelectElement>('rates-ff').value);
  const epsilon = PAPER_EPSILON;
  const nuclei = target.components.map((c) => c.nucleus);
  // Recoil range: the kinematic end point of the lightest nucleus, or (atmospheric) where its α falls to 0.01.
  const light = nuclei.reduce((a, n) => (n.massMeV < a.massMeV ? n : a));
  const tEndMeV = maxRecoilEnergy(endPointMeV(spectrum), light.massMeV);
  const tMaxMeV =
    source === 'atmospheric' ? Math.min(tEndMeV, recoilWhereAlphaFalls(light, model, 0.01)) : tEndMeV;
  const models: [string, GammaModel][] = [
    ['complete coherency (α = 1)', COMPLETE_COHERENCY],
    [label, model],
    ['complete decoherency (α = 0)', COMPLETE_DECOHERENCY],
  ];
  const rows: Datum[] = [];
  const n = 200;
  for (const [m, g] of models) {
    for (let i = 1; i <= n; i++) {
      const t = (tMaxMeV * i) / n;
      const r = differentialRate(t, target, spectrum, g, { epsilon }) * SECONDS_PER_DAY * 1e-3; // per kg·day·keV
      if (r > 0) rows.push({ tKeV: t * 1e3, rate: r, model: m });
    }
  }
  // Five decades below the largest rate: the end-point tails fall to zero and would flatten the rest.
  const top = Math.max(...rows.map((r) => r.rate as number));
  const yDomain: [number, number] = [top * 1e-5, top * 2];
  const spec = layeredChart({
    title: `dR/dT: ${SOURCE_LABEL[source]} on ${target.label}`,
    subtitle: 'summed over the nuclei of the target; dashed: the threshold',
    x: { field: 'tKeV', title: 'nuclear recoil energy T [keV_nr]', domain: [0, tMaxMeV * 1e3] },
    y: {
      field: 'rate',
      title: 'dR/dT [events / (kg · day · keV_nr)]',
      scale: 'log',
      domain: yDomain,
      format: '~g',
    },
    width: 520,
    height: 300,
    legend: 'top-right',
    layers: [
      lineLayer({ data: rows, series: 'model' }),
      lineLayer({
        data: [
          { tKeV: thresholdKeV, rate: yDomain[0] },
          { tKeV: thresholdKeV, rate: yDomain[1] },
        ],
        label: `threshold ${thresholdKeV} keV_nr`,
        dash: [4, 4],
      }),
    ],
  });
  // Label only the powers of ten of the log axis (0.01, 0.001, …), not 2 × 10⁻⁶ and the like.
  const log10 = 'log(datum.value) / LN10';
  spec.config = {
    ...spec.config,
    axisY: { labelExpr: `abs(${log10} - round(${log10})) < 1e-6 ? datum.label : ''` },
  };
  await draw(byId('rates-plot'), spec);
  const unit = RATE_UNIT[source];
  const perUnit = SECONDS_PER_YEAR * PER_KG[unit];
  const window = { tMinMeV: thresholdKeV * 1e-3 };
  const totals = models.map(([m, g]) => ({
    m,
    r: totalRate(target, spectrum, g, window, { epsilon }).ratePerKgPerS * perUnit,
  }));
  const mean = meanCoherency(target, spectrum, model, window, { epsilon });
  const cols: Col<{ m: string; r: number }>[] = [
    { header: 'Γ model', cell: (x) => x.m, numeric: false },
    {
      header: `rate above ${thresholdKeV} keV_nr`,
      unit: `events ${UNIT_TEXT[unit]}`,
      cell: (x) => sig(x.r, 4),
    },
  ];
  byId('rates-totals').replaceChildren(
    table(cols, totals),
    h(
      'p',
      { class: 'note' },
      `${label}: ⟨ξ⟩ = ${fixed(mean.meanXi, 3)}, ⟨α⟩ = ${fixed(mean.meanAlpha, 3)} above ${thresholdKeV} keV_nr (coherent-rate-weighted means, as Table II). Source: ${b.notes[source]}.`,
    ),
  );
}

type TableRow =
  TableIIRow | { readonly missing: PaperSourceName; readonly thresholdKeV: number; readonly target: string };

const T2_COLUMNS: Col<TableRow>[] = [
  { header: 'T_min', unit: 'keV_nr', cell: (r) => String(r.thresholdKeV) },
  { header: 'target', cell: (r) => r.target, numeric: false },
  { header: 'source', cell: (r) => SOURCE_LABEL['missing' in r ? r.missing : r.source], numeric: false },
  { header: '⟨α⟩', cell: (r) => ('missing' in r ? 'unavailable' : fixed(r.meanAlpha, 3)) },
  { header: '⟨ξ⟩', cell: (r) => ('missing' in r ? '' : fixed(r.meanXi, 3)) },
  { header: 'rate', cell: (r) => ('missing' in r ? '' : sig(r.rate, 4)) },
  { header: 'unit', cell: (r) => ('missing' in r ? '' : UNIT_TEXT[r.rateUnit]), numeric: false },
  {
    header: 'paper ⟨α⟩; ⟨ξ⟩',
    cell: (r) =>
      'missing' in r || !r.paper ? '—' : `${r.paper.meanAlpha.toFixed(2)}; ${r.paper.meanXi.toFixed(2)}`,
  },
  { header: 'paper rate', cell: (r) => ('missing' in r || !r.paper ? '—' : String(r.paper.rate)) },
  {
    header: 'rate / paper',
    cell: (r) => ('missing' in r || !r.paper ? '—' : fixed(r.rate / r.paper.rate, 3)),
  },
];

function updateTableII(b: BrowserSpectra): void {
  const rows: TableRow[] = computeTableII(b.spectra, { epsilon: PAPER_EPSILON });
  const missing = PAPER_SOURCES.filter((s) => b.spectra[s] === undefined);
  const all: TableRow[] = [];
  for (const t of [1, 10]) {
    for (const target of ['Ar', 'Ge', 'Xe']) {
      all.push(...rows.filter((r) => r.thresholdKeV === t && r.target === target));
      for (const s of missing) all.push({ missing: s, thresholdKeV: t, target });
    }
  }
  byId('t2-table').replaceChildren(
    table(T2_COLUMNS, all),
    h(
      'p',
      { class: 'note' },
      'Helm form factor, ε = 0.045, the paper’s mean-A nuclei (Ar 40, Ge 73, Xe 131). ⟨ξ⟩ = R(Helm)/R(α=1) above T_min; ⟨α⟩ its coherent-rate-weighted mean α. Atmospheric: T up to where α falls to 0.01. — : no event above threshold (the paper prints N/A).',
    ),
    ...PAPER_SOURCES.map((s) => h('p', { class: 'note' }, `${SOURCE_LABEL[s]}: ${b.notes[s]}.`)),
  );
}

export async function initRatesPanel(): Promise<void> {
  const b = await browserSpectra();
  const select = byId<HTMLSelectElement>('rates-source');
  select.replaceChildren(
    ...PAPER_SOURCES.map((s) =>
      h(
        'option',
        { value: s, disabled: b.spectra[s] === undefined },
        SOURCE_LABEL[s] + (b.spectra[s] ? '' : ' (unavailable)'),
      ),
    ),
  );
  const threshold = byId<HTMLInputElement>('rates-threshold');
  select.addEventListener('change', () => {
    threshold.value = select.value === 'reactor' ? '0.1' : '1';
  });
  byId('rates-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void withStatus(byId('rates-status'), 'rates', () => updateRates(b));
  });
  byId('t2-run').addEventListener('click', () => {
    void withStatus(byId('t2-status'), 'Table II', () => updateTableII(b));
  });
  await withStatus(byId('rates-status'), 'rates', () => updateRates(b));
}
