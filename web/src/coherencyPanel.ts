/**
 * Panel 1: α(q²), ξ, φ and Γ_NP / Γ_QM / Γ_DATA (paper Eqs. 3–9) for any target and form factor, at one
 * q² or recoil energy T (a table per nucleus, as `coherency alpha` prints), and as curves against q² or T.
 */
import {
  coherencyAtQ2,
  decoherentXi,
  gammaData,
  gammaNP,
  gammaQM,
  helmFormFactor,
  keVToMeV,
  kleinNystrandFormFactor,
  MeVToKeV,
  phiFromAlpha,
  q2FromRecoil,
  recoilFromQ2,
  resolveTarget,
  sameFormFactors,
  TARGET_NAME_HELP,
  layeredChart,
  lineLayer,
  pointLayer,
  type Datum,
  type FormFactor,
  type Nucleus,
  type Target,
} from './lib.js';
import { byId, fill, fixed, numberInput, rich, sig, table, withStatus, type Col } from './dom.js';
import { draw } from './plot.js';

export type FormFactorKind = 'helm' | 'kleinNystrand';
type Q2Convention = 'exact' | 'paper';

export interface CoherencySettings {
  readonly target: Target;
  readonly formFactor: FormFactorKind;
  readonly r0Fm: number;
  readonly skinFm: number;
  readonly yukawaFm: number;
  readonly epsilon: number;
  readonly q2Convention: Q2Convention;
}

const FF_LABEL: Record<FormFactorKind, string> = { helm: 'Helm', kleinNystrand: 'Klein–Nystrand' };

function formFactorOf(s: CoherencySettings, kind: FormFactorKind = s.formFactor): FormFactor {
  return kind === 'helm'
    ? helmFormFactor({ rCoefficientFm: s.r0Fm, skinFm: s.skinFm })
    : kleinNystrandFormFactor({ rCoefficientFm: s.r0Fm, yukawaRangeFm: s.yukawaFm });
}

export interface PointRow {
  readonly nucleus: Nucleus;
  readonly q2MeV2: number;
  readonly tKeV: number;
  readonly formFactor: number;
  readonly xi: number;
  readonly alpha: number;
  readonly phiDeg: number;
  readonly gammaNP: number;
  readonly gammaQM: number;
  readonly gammaData: number;
  readonly xiDecoherent: number;
}

/** Every quantity at one kinematic point, per nucleus of the target (the rows of `coherency alpha`). */
export function pointRows(s: CoherencySettings, point: { q2MeV2: number } | { tKeV: number }): PointRow[] {
  const ff = formFactorOf(s);
  return s.target.components.map(({ nucleus }) => {
    if (!(decoherentXi(nucleus, s.epsilon) < 1)) {
      throw new Error(
        `α is undefined for ${nucleus.label}: ξ(α=0) = (ε²Z+N)/(εZ−N)² ≥ 1 (a nucleus with N ≤ 1)`,
      );
    }
    const q2 =
      'q2MeV2' in point ? point.q2MeV2 : q2FromRecoil(keVToMeV(point.tKeV), nucleus.massMeV, s.q2Convention);
    const tKeV = 'tKeV' in point ? point.tKeV : MeVToKeV(recoilFromQ2(q2, nucleus.massMeV, s.q2Convention));
    const c = coherencyAtQ2(q2, nucleus, sameFormFactors(ff), s.epsilon);
    if (!Number.isFinite(c.fZ)) {
      throw new Error(
        `the ${FF_LABEL[s.formFactor]} form factor is undefined for ${nucleus.label} with these parameters (R² ≤ 5s²?)`,
      );
    }
    return {
      nucleus,
      q2MeV2: q2,
      tKeV,
      formFactor: c.fZ,
      xi: c.xi,
      alpha: c.alpha,
      // φ = arccos α for α in [0, 1]; beyond the decoherent limit (α < 0) shown as 90° with α itself.
      phiDeg: (phiFromAlpha(Math.min(1, Math.max(0, c.alpha))) * 180) / Math.PI,
      gammaNP: gammaNP(nucleus, c.fZ, c.fN, s.epsilon),
      gammaQM: gammaQM(nucleus, c.alpha, s.epsilon),
      gammaData: gammaData(nucleus, c.xi, s.epsilon),
      xiDecoherent: decoherentXi(nucleus, s.epsilon),
    };
  });
}

const POINT_COLUMNS: Col<PointRow>[] = [
  { header: 'nucleus', cell: (r) => r.nucleus.label, numeric: false },
  { header: 'Z', cell: (r) => String(r.nucleus.Z) },
  { header: 'N', cell: (r) => String(r.nucleus.N) },
  { header: 'q²', unit: 'MeV²', cell: (r) => sig(r.q2MeV2, 6) },
  { header: 'T', unit: 'keV_nr', cell: (r) => sig(r.tKeV, 5) },
  { header: 'F(q²)', cell: (r) => fixed(r.formFactor, 5), help: 'F_Z = F_N = F_A (the paper, Sec. III)' },
  { header: 'ξ', cell: (r) => fixed(r.xi, 5), help: 'suppression ξ = Γ/Γ(α=1) (Eq. 5)' },
  { header: 'α', cell: (r) => fixed(r.alpha, 5), help: 'coherency (Eq. 6 inverted)' },
  { header: 'φ', unit: '°', cell: (r) => fixed(r.phiDeg, 2), help: 'phase angle φ = arccos α' },
  { header: 'Γ_NP', cell: (r) => sig(r.gammaNP, 6), help: 'nuclear-physics Γ from the form factors (Eq. 3)' },
  { header: 'Γ_QM', cell: (r) => sig(r.gammaQM, 6), help: 'Γ from α (Eq. 4)' },
  { header: 'Γ_DATA', cell: (r) => sig(r.gammaData, 6), help: 'Γ from ξ (Eq. 5)' },
  { header: 'ξ(α=0)', cell: (r) => fixed(r.xiDecoherent, 5), help: 'decoherent limit (ε²Z+N)/(εZ−N)²' },
];

/** α(x) and ξ(x) per nucleus for both form factors, x = q² or T, with the chosen point marked. */
function curveRows(s: CoherencySettings, axis: 'q2' | 'T', xMax: number): Datum[] {
  const rows: Datum[] = [];
  const n = 240;
  for (const kind of ['helm', 'kleinNystrand'] as const) {
    const ff = sameFormFactors(formFactorOf(s, kind));
    for (const { nucleus } of s.target.components) {
      for (let i = 0; i <= n; i++) {
        const x = (xMax * i) / n;
        const q2 = axis === 'q2' ? x : q2FromRecoil(keVToMeV(x), nucleus.massMeV, s.q2Convention);
        const c = coherencyAtQ2(q2, nucleus, ff, s.epsilon);
        if (!Number.isFinite(c.alpha)) continue;
        rows.push({ x, alpha: c.alpha, xi: c.xi, nucleus: nucleus.label, model: FF_LABEL[kind] });
      }
    }
  }
  return rows;
}

function settingsFromForm(): CoherencySettings {
  const name = byId<HTMLInputElement>('coh-target').value;
  const target = resolveTarget(name);
  if (target === undefined) throw new Error(`target "${name}": expected ${TARGET_NAME_HELP}`);
  return {
    target,
    formFactor: byId<HTMLSelectElement>('coh-ff').value as FormFactorKind,
    r0Fm: numberInput(byId('coh-r0'), 'r0', (v) => v > 0, 'a radius coefficient > 0 fm'),
    skinFm: numberInput(byId('coh-skin'), 's', (v) => v > 0, 'a skin thickness > 0 fm'),
    yukawaFm: numberInput(byId('coh-yukawa'), 'a', (v) => v >= 0, 'a Yukawa range ≥ 0 fm'),
    epsilon: numberInput(byId('coh-epsilon'), 'ε', (v) => v > -1 && v < 1, 'ε = 1 − 4 sin²θ_W in (−1, 1)'),
    q2Convention: byId<HTMLSelectElement>('coh-q2conv').value as Q2Convention,
  };
}

async function update(): Promise<void> {
  const s = settingsFromForm();
  const axis = byId<HTMLSelectElement>('coh-axis').value as 'q2' | 'T';
  const value = numberInput(byId('coh-value'), axis === 'q2' ? 'q²' : 'T', (v) => v >= 0, 'a value ≥ 0');
  const xMax = numberInput(byId('coh-xmax'), 'curve range', (v) => v > 0, 'a value > 0');
  const rows = pointRows(s, axis === 'q2' ? { q2MeV2: value } : { tKeV: value });
  const where = axis === 'q2' ? `q² = ${sig(value, 6)} MeV²` : `T = ${sig(value, 6)} keV_nr`;
  const summary =
    `${s.target.label}${s.target.note ? ` — ${s.target.note} —` : ''} at ${where}; ${FF_LABEL[s.formFactor]} form factor ` +
    (s.formFactor === 'helm'
      ? `(r0 = ${s.r0Fm} fm, s = ${s.skinFm} fm)`
      : `(r0 = ${s.r0Fm} fm, a = ${s.yukawaFm} fm)`) +
    `; ε = ${s.epsilon}; q² from T: ${s.q2Convention === 'exact' ? '2MT + T²' : '2MT'}`;
  fill(byId('coh-summary'), ...rich(summary));
  byId('coh-table').replaceChildren(table(POINT_COLUMNS, rows));
  const curves = curveRows(s, axis, xMax);
  const marks: Datum[] = rows.map((r) => ({
    x: axis === 'q2' ? r.q2MeV2 : r.tKeV,
    alpha: r.alpha,
    xi: r.xi,
    nucleus: r.nucleus.label,
  }));
  const xTitle = axis === 'q2' ? 'q² [MeV²]' : 'T [keV_nr]';
  const chart = (y: 'alpha' | 'xi', title: string, yTitle: string) =>
    layeredChart({
      title,
      subtitle: `${s.target.label}: solid ${FF_LABEL.helm}, dashed ${FF_LABEL.kleinNystrand}; dot: the point above (${FF_LABEL[s.formFactor]})`,
      x: { field: 'x', title: xTitle, domain: [0, xMax] },
      y: { field: y, title: yTitle },
      width: 420,
      height: 260,
      legend: 'top-right',
      layers: [
        lineLayer({ data: curves, y, series: 'nucleus', dashBy: 'model' }),
        pointLayer({ data: marks, y, series: 'nucleus' }),
      ],
    });
  await Promise.all([
    draw(byId('coh-plot-alpha'), chart('alpha', 'Coherency α', 'α')),
    draw(byId('coh-plot-xi'), chart('xi', 'Suppression ξ', 'ξ = Γ / Γ(α=1)')),
  ]);
}

export function initCoherencyPanel(): void {
  const status = byId('coh-status');
  const run = () => withStatus(status, 'α, ξ, Γ', update);
  byId('coh-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void run();
  });
  const ff = byId<HTMLSelectElement>('coh-ff');
  const syncFf = () => {
    byId('coh-skin-field').hidden = ff.value !== 'helm';
    byId('coh-yukawa-field').hidden = ff.value === 'helm';
  };
  ff.addEventListener('change', syncFf);
  const axis = byId<HTMLSelectElement>('coh-axis');
  axis.addEventListener('change', () => {
    // Sensible defaults when switching between q² and T.
    byId<HTMLInputElement>('coh-value').value = axis.value === 'q2' ? '3500' : '20';
    byId<HTMLInputElement>('coh-xmax').value = axis.value === 'q2' ? '20000' : '100';
    fill(byId('coh-value-unit'), ...rich(axis.value === 'q2' ? 'MeV²' : 'keV_nr'));
    fill(byId('coh-xmax-unit'), ...rich(axis.value === 'q2' ? 'MeV²' : 'keV_nr'));
  });
  syncFf();
  void run();
}
