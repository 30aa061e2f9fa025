/**
 * `analyze` output for the round-2 inputs: a template dataset (α per true-q² band, the fitted CEvNS
 * count and signal significance beside the collaboration's published numbers) and a user's pyhf
 * workspace (MLE ± σ, the toolkit's t̃ intervals and boundary tests, and pyhf's own q̃/CLs, q0 and
 * Wilks intervals). The binned ξ datasets keep their report in analyze.ts.
 */
import type { TemplateDataset } from '../../data/index.js';
import type { AnalysisResult, TemplateExtras, WorkspaceAnalysis } from '../../likelihood/index.js';
import { renderTable, type Column } from '../../report/index.js';

const fmtP = (p: number) => (p < 1e-3 ? p.toExponential(1) : p.toFixed(3));
const fmtZ = (z: number): string => (Number.isFinite(z) ? z.toFixed(2) : '> 37');
const fmtI = (i: { lo: number; hi: number; connected?: boolean }) =>
  `[${i.lo.toFixed(2)}, ${i.hi.toFixed(2)}]${i.connected === false ? '*' : ''}`;

interface BandRow {
  band: number;
  q2LoMeV2: number;
  q2HiMeV2: number;
  q2MeanMeV2: number;
  sCoh: number;
  xiHat: number;
  xiSigma: number;
  alphaHat: number;
  alpha68: string;
  alpha90: string;
  pAlpha1: number;
  pAlpha0: number;
  alphaHelm: number | null;
}

export const BAND_COLUMNS: Column<BandRow>[] = [
  { key: 'band', header: 'band' },
  { key: 'q2LoMeV2', header: 'q²_lo', unit: 'MeV²', format: (v) => v.toFixed(0) },
  { key: 'q2HiMeV2', header: 'q²_hi', unit: 'MeV²', format: (v) => v.toFixed(0) },
  { key: 'q2MeanMeV2', header: 'q²_mean', unit: 'MeV²', format: (v) => v.toFixed(0) },
  { key: 'sCoh', header: 's_coh', unit: 'events', format: (v) => v.toFixed(1) },
  { key: 'xiHat', header: 'ξ̂', format: (v) => v.toFixed(2) },
  { key: 'xiSigma', header: 'σ(ξ̂)', format: (v) => v.toFixed(2) },
  { key: 'alphaHat', header: 'α̂', format: (v) => v.toFixed(2) },
  { key: 'alpha68', header: 'α 68.27 %' },
  { key: 'alpha90', header: 'α 90 %' },
  { key: 'pAlpha1', header: 'p(α=1)', format: fmtP },
  { key: 'pAlpha0', header: 'p(α=0)', format: fmtP },
  { key: 'alphaHelm', header: 'α_Helm', format: (v) => v.toFixed(2) },
];

export function bandRows(r: AnalysisResult): BandRow[] {
  return r.bins.map((b) => ({
    band: b.index,
    q2LoMeV2: b.q2LoMeV2,
    q2HiMeV2: b.q2HiMeV2,
    q2MeanMeV2: b.q2CenterMeV2,
    sCoh: b.sCoh ?? NaN,
    xiHat: b.xiHat,
    xiSigma: b.xiSigma,
    alphaHat: b.alphaHat,
    alpha68: fmtI(b.alpha68),
    alpha90: fmtI(b.alpha90),
    pAlpha1: b.pAlpha1,
    pAlpha0: b.pAlpha0,
    alphaHelm: b.alphaHelm ?? null,
  }));
}

export function templateJson(ds: TemplateDataset, r: AnalysisResult & { template: TemplateExtras }) {
  return {
    dataset: { ...r.dataset, publication: ds.publication, provenance: ds.provenance },
    method:
      'template likelihood (HistFactory, pyhf semantics); per band α with the other bands and all nuisances profiled; intervals by t̃ inversion with two-boundary asymptotics; one-sided boundary tests',
    bands: r.bins.map((b) => ({
      q2LoMeV2: b.q2LoMeV2,
      q2HiMeV2: b.q2HiMeV2,
      q2MeanMeV2: b.q2CenterMeV2,
      sCoh: b.sCoh,
      xiHat: b.xiHat,
      xiSigma: b.xiSigma,
      alphaHatUnbounded: b.alphaHatUnbounded,
      alphaHat: b.alphaHat,
      alpha68: [b.alpha68.lo, b.alpha68.hi],
      alpha90: [b.alpha90.lo, b.alpha90.hi],
      pAlpha1: b.pAlpha1,
      pAlpha0: b.pAlpha0,
      zAlpha1: b.zAlpha1,
      zAlpha0: b.zAlpha0,
      ...(b.alphaHelm === undefined ? {} : { alphaHelm: b.alphaHelm }),
    })),
    combined: r.combined,
    channels: r.template.channels,
    signal: r.template.signal,
    published: r.template.published ?? [],
  };
}

export function templateReport(
  ds: TemplateDataset,
  r: AnalysisResult & { template: TemplateExtras },
): string {
  const out: string[] = [];
  out.push(
    `${ds.title} [${ds.id}], ${r.bins.length} true-q² band(s), ${ds.channels.length} channel(s); all nuisances profiled`,
  );
  out.push(
    'Template likelihood: per band α̂ in [0, 1] with the other bands profiled; intervals by inverting t̃_α (asymptotic); one-sided tests of α = 1 and α = 0.',
  );
  out.push(renderTable('text', BAND_COLUMNS, bandRows(r)));
  const c = r.combined;
  out.push(
    `Combined, one α for all bands: α̂ = ${c.alphaHat.toFixed(3)}, 68.27 % CL ${fmtI(c.alpha68)}, 90 % CL ${fmtI(c.alpha90)}; p(α=1) = ${fmtP(c.pAlpha1)}, p(α=0) = ${fmtP(c.pAlpha0)}`,
  );
  if (r.bins.length > 1) {
    for (const [name, g] of [
      ['α = 1', c.allBinsAlpha1],
      ['α = 0', c.allBinsAlpha0],
    ] as const) {
      out.push(
        `"${name} in every band" vs free α_j: Λ = ${g.statistic.toFixed(2)}, ${g.dof} bands, p = ${fmtP(g.pValue)} (Z = ${fmtZ(g.z)}, χ̄² asymptotics); most significant band ${g.mostSignificantBin}: p_local = ${fmtP(g.pLocal)}, p_global = ${fmtP(g.pGlobal)} (Šidák)`,
      );
    }
  }
  const s = r.template.signal;
  out.push(
    `CEvNS with a free signal strength on the Standard-Model (Helm) shape (signal systematics shape-only${s.heldAtNominal.length > 0 ? `; held at nominal, degenerate with μ: ${s.heldAtNominal.join(', ')}` : ''}): μ̂ = ${s.mu.toFixed(3)} [${s.muLo.toFixed(3)}, ${s.muHi.toFixed(3)}] (68.27 % profile), ` +
      `fitted ${s.fittedEvents.toFixed(1)} (+${(s.fittedEventsHi - s.fittedEvents).toFixed(1)} −${(s.fittedEvents - s.fittedEventsLo).toFixed(1)}) events, SM prediction ${s.predictedEvents.toFixed(1)}; ` +
      `against background only q0 = ${s.q0.toFixed(2)}, p0 = ${fmtP(s.p0)}, Z = ${fmtZ(s.z)}`,
  );
  out.push(
    `Observed / fitted events per channel: ${r.template.channels.map((ch) => `${ch.name} ${ch.observed} / ${ch.fitted.toFixed(1)}`).join('; ')}`,
  );
  for (const p of r.template.published ?? []) {
    const unc =
      p.uncertainty !== undefined
        ? ` ± ${p.uncertainty}`
        : p.uncertaintyHi !== undefined
          ? ` +${p.uncertaintyHi} −${p.uncertaintyLo ?? p.uncertaintyHi}`
          : '';
    out.push(
      `  published ${p.name}: ${p.value}${unc} ${p.unit} (${p.source})${p.note ? ` — ${p.note}` : ''}`,
    );
  }
  return out.join('\n');
}

/** `--csv` of a workspace analysis: the fitted parameters. */
export const PARAMETER_COLUMNS: Column<{
  name: string;
  value: number;
  error: number | null;
  fixed: boolean;
  atLimit: boolean;
}>[] = [
  { key: 'name', header: 'parameter' },
  { key: 'value', header: 'value' },
  { key: 'error', header: 'error' },
  { key: 'fixed', header: 'fixed' },
  { key: 'atLimit', header: 'at_limit' },
];

export function workspaceReport(file: string, w: WorkspaceAnalysis): string {
  const out: string[] = [];
  const [lo, hi] = w.poiBounds;
  out.push(`pyhf workspace ${file}, measurement "${w.measurement}", POI "${w.poi}" in [${lo}, ${hi}]`);
  out.push(
    `Maximum-likelihood fit: −2 ln L = ${w.fit.twiceNll.toFixed(6)} (${w.fit.converged ? 'converged' : 'NOT converged'}, ${w.fit.iterations} iterations, EDM ${w.fit.edm.toExponential(1)})`,
  );
  const shown =
    w.fit.parameters.length > 40 ? w.fit.parameters.filter((p) => !p.name.includes('[')) : w.fit.parameters;
  for (const p of shown) {
    const err = p.error === undefined ? '' : ` ± ${p.error.toPrecision(3)}`;
    const flag = p.fixed ? ' (fixed)' : p.atLimit ? ' (at limit)' : '';
    out.push(`  ${p.name.padEnd(28)} ${p.value.toPrecision(6)}${err}${flag}`);
  }
  if (shown.length < w.fit.parameters.length) {
    out.push(`  … ${w.fit.parameters.length - shown.length} per-bin parameters in --json`);
  }
  const t = w.toolkit;
  out.push(
    `Toolkit (t̃ with two-boundary asymptotics): ${w.poi} = ${t.poiHat.toPrecision(4)}, 68.27 % CL [${t.interval68[0].toPrecision(4)}, ${t.interval68[1].toPrecision(4)}], 90 % CL [${t.interval90[0].toPrecision(4)}, ${t.interval90[1].toPrecision(4)}]; ` +
      `one-sided p(${w.poi} = ${lo}) = ${fmtP(t.pAtLower)}, p(${w.poi} = ${hi}) = ${fmtP(t.pAtUpper)}`,
  );
  const q = w.pyhf.qtilde;
  out.push(
    `pyhf hypotest(${q.muTest}, test_stat='qtilde', asymptotics): q̃ = ${q.qtilde.toFixed(4)}, q̃_A = ${q.qtildeAsimov.toFixed(4)}, CLs+b = ${fmtP(q.CLsb)}, CLb = ${fmtP(q.CLb)}, CLs = ${fmtP(q.CLs)}`,
  );
  out.push(
    `pyhf discovery (q0): q0 = ${w.pyhf.discovery.q0.toFixed(4)}, p0 = ${fmtP(w.pyhf.discovery.p0)}, Z = ${fmtZ(w.pyhf.discovery.z)}; Wilks intervals 68.27 % [${w.pyhf.wilks68.lo.toPrecision(4)}, ${w.pyhf.wilks68.hi.toPrecision(4)}], 90 % [${w.pyhf.wilks90.lo.toPrecision(4)}, ${w.pyhf.wilks90.hi.toPrecision(4)}]`,
  );
  return out.join('\n');
}
