/**
 * The CsI studies quoted in the README, recomputed (markdown tables on stdout):
 *
 * 1. CsI 2021 (fixtures/coherent-csi-2021.json): per-band α, the count fit, and the bands b2, b3
 *    (q² = 3–5 × 10³ MeV²) with each systematic removed in turn (its parameter held at nominal,
 *    data/workspace.withFixedParameters) and under other analysis choices (steady-state background
 *    model, time window, binning; rebuilt from ../shared/data/coherent-csi-2021).
 * 2. CsI 2017: today's per-bin counts analysis (QF as a ±14 % normalisation) beside the template
 *    analysis with the QF as a shape systematic (fixtures/coherent-csi-2017-qf.json), and the same
 *    template with the QF held at nominal; for today's 12 bins and for 4 bands of three bins each.
 *
 * Data directory: $COHERENCY_DATA_DIR, else <repo>/../shared/data. Run: npx tsx scripts/coherent-csi-studies.ts
 */
import { join } from 'node:path';
import {
  loadAnyDataset,
  loadDataset,
  RELEASE_FOLDERS,
  resolveDataDir,
  withFixedParameters,
  type AnyDataset,
  type TemplateDataset,
  type Workspace,
} from '../src/data/index.js';
import { buildCoherentCsi2017Dataset } from '../src/data/coherentCsi2017.js';
import { buildCoherentCsi2017QfDataset } from '../src/data/releases/coherentCsi2017/index.js';
import {
  buildCoherentCsi2021Dataset,
  CSI_2021_TIME_EFFICIENCY,
  type CoherentCsi2021Options,
} from '../src/data/releases/coherentCsi2021/index.js';
import { timeEfficiencyIntegral } from '../src/data/releases/coherentCsi2021/timing.js';
import { analyzeDataset, analyzeTemplateDataset, type BinAnalysis } from '../src/likelihood/index.js';
import {
  DAR_PI_PROMPT_LINE_MEV,
  kleinNystrand,
  keVToMeV,
  maxRecoilEnergy,
  MeVToKeV,
  MICHEL_END_POINT_MEV,
  PAPER_HELM_MODEL,
  q2FromRecoil,
  xiOf,
  type GammaModel,
} from '../src/physics/index.js';
import { darPiFluenceGroups } from '../src/data/darPiRecoilModel.js';
import { recoilDensityPerKeV } from '../src/data/recoilSpectra.js';
import { foldSpectrumChecked } from '../src/data/response/index.js';
import { readCoherentCsi2021Release } from '../src/data/releases/coherentCsi2021/release.js';
import { buildCsiModel } from '../src/data/releases/coherentCsi2021/model.js';
import {
  CSI_2021_BEAM,
  CSI_2021_GAMMA_RESOLUTION,
  CSI_2021_LIGHT_YIELD_PE_PER_KEVEE,
  csiPeResponse,
  resolveCsi2021Options,
} from '../src/data/releases/coherentCsi2021/index.js';

const dataDir = resolveDataDir(process.env.COHERENCY_DATA_DIR);
const f2 = (x: number) => x.toFixed(2);
const fp = (p: number) => (p < 1e-3 ? p.toExponential(1) : p < 0.01 ? p.toPrecision(2) : p.toFixed(3));
const iv = (i: { lo: number; hi: number }) => `[${f2(i.lo)}, ${f2(i.hi)}]`;
const row = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
const table = (header: readonly string[], rows: readonly (readonly (string | number)[])[]) =>
  [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n');

function withWorkspace(ds: TemplateDataset, ws: Workspace): TemplateDataset {
  return { ...ds, workspace: ws };
}

/**
 * The steady-state background as one free normalisation per PE row with a fixed time shape (flat in
 * arrival time × the arrival-time efficiency ε_T of the PRL's supplement) instead of one free
 * parameter per bin: a study of how much the time-flatness of a steady-state background constrains the
 * signal region. Nominal per row: the row's AC count.
 */
function ssbPerPeRow(ds: TemplateDataset): TemplateDataset {
  const ws = structuredClone(ds.workspace) as Workspace;
  const pe = ds.channels[0]!.axes[0]!;
  const time = ds.channels[0]!.axes[1]!;
  const nP = pe.edges.length - 1;
  const nT = time.edges.length - 1;
  const w = time.edges
    .slice(0, -1)
    .map((a, k) => timeEfficiencyIntegral(CSI_2021_TIME_EFFICIENCY, a, time.edges[k + 1]!));
  const wSum = w.reduce((s, x) => s + x, 0);
  const ac = ws.observations.find((o) => o.name === 'ac')!.data;
  const rows = Array.from({ length: nP }, (_, p) => {
    const n = Math.max(
      1,
      ac.slice(p * nT, (p + 1) * nT).reduce((s, x) => s + x, 0),
    );
    return {
      name: `ssb_pe${p}`,
      data: Array.from({ length: nP * nT }, (_, i) =>
        Math.floor(i / nT) === p ? (n * w[i % nT]!) / wSum : 0,
      ),
      modifiers: [{ name: `ssb_pe${p}`, type: 'normfactor' as const, data: null }],
    };
  });
  for (const ch of ws.channels)
    ch.samples = [...ch.samples.filter((s) => s.name !== 'ssb'), ...structuredClone(rows)];
  for (const m of ws.measurements) {
    m.config.parameters = [
      ...m.config.parameters.filter((p) => p.name !== 'ssb'),
      ...rows.map((r) => ({ name: r.name, bounds: [[0, 10]] as [number, number][], inits: [1] })),
    ];
  }
  return withWorkspace(ds, ws);
}

/**
 * CsI 2021 CEvNS events in the fit region (nominal response, arrival-time efficiency) for a Γ model:
 * the same folds as the builder's sHelm (common/bandTemplates.ts), over all recoils at once.
 */
function csi2021Prediction(models: Readonly<Record<string, GammaModel | null>>): Record<string, number> {
  const dir = join(dataDir, RELEASE_FOLDERS.coherentCsi2021);
  const rel = readCoherentCsi2021Release(dir);
  const o = resolveCsi2021Options({});
  const m = buildCsiModel(rel, o);
  const response = csiPeResponse({
    scintillation: rel.scintillation.nominal,
    efficiency: rel.efficiency.nominal,
    lightYieldPePerKeVee: CSI_2021_LIGHT_YIELD_PE_PER_KEVEE,
    resolution: CSI_2021_GAMMA_RESOLUTION,
    peEdges: o.peEdges,
  });
  const groups = darPiFluenceGroups(CSI_2021_BEAM);
  const out: Record<string, number> = {};
  for (const [name, model] of Object.entries(models)) {
    let total = 0;
    for (const c of m.target.components) {
      const M = c.nucleus.massMeV;
      const xi = (t: number) => (model ? xiOf(model, q2FromRecoil(keVToMeV(t), M), c.nucleus, o.epsilon) : 1);
      for (const g of groups) {
        const dNdT = recoilDensityPerKeV(m.target, c, CSI_2021_BEAM.massKg, g, { epsilon: o.epsilon });
        const r = foldSpectrumChecked(
          response,
          (t) => dNdT(t) * xi(t),
          0,
          MeVToKeV(maxRecoilEnergy(MICHEL_END_POINT_MEV, M)),
          {
            breakpoints: [MeVToKeV(maxRecoilEnergy(DAR_PI_PROMPT_LINE_MEV, M))],
            relTol: 1e-7,
            panelsPerInterval: 2,
          },
        );
        total += r.mu.reduce((a, x) => a + x, 0) * m.time[g.label].reduce((a, x) => a + x, 0);
      }
    }
    out[name] = total;
  }
  return out;
}

function csi2021(): void {
  const sm = csi2021Prediction({
    'complete coherency (F = 1)': null,
    'Helm (R = 1.2 A^{1/3} fm, s = 0.5 fm)': PAPER_HELM_MODEL,
    'Klein–Nystrand': { kind: 'formFactors', protons: kleinNystrand, neutrons: kleinNystrand },
  });
  console.log('## CsI 2021: CEvNS prediction in 0–60 PE × 0–6 µs by form factor\n');
  console.log(
    table(
      ['Γ', 'events'],
      Object.entries(sm).map(([k, v]) => [k, v.toFixed(1)]),
    ),
  );
  console.log('');
  const base = loadAnyDataset('coherent-csi-2021') as TemplateDataset;
  const ws = base.workspace as Workspace;
  const main = analyzeTemplateDataset(base);
  console.log('## CsI 2021: per band (asymptotic, all nuisances profiled)\n');
  console.log(
    table(
      ['band', 'q² [MeV²]', '⟨q²⟩', 'α̂', 'α 68.27 %', 'α 90 %', 'p(α=1)', 'p(α=0)', 'α_Helm'],
      [
        ...main.bins.map((b) => [
          `b${b.index}`,
          `${b.q2LoMeV2}–${b.q2HiMeV2}`,
          b.q2CenterMeV2.toFixed(0),
          f2(b.alphaHat),
          iv(b.alpha68),
          iv(b.alpha90),
          fp(b.pAlpha1),
          fp(b.pAlpha0),
          f2(b.alphaHelm ?? NaN),
        ]),
        [
          'one α',
          'all',
          '',
          f2(main.combined.alphaHat),
          iv(main.combined.alpha68),
          iv(main.combined.alpha90),
          fp(main.combined.pAlpha1),
          fp(main.combined.pAlpha0),
          '',
        ],
      ],
    ),
  );
  const s = main.template.signal;
  console.log(
    `\nCount fit: ${s.fittedEvents.toFixed(1)} (+${(s.fittedEventsHi - s.fittedEvents).toFixed(1)} −${(s.fittedEvents - s.fittedEventsLo).toFixed(1)}) CEvNS events, μ̂ = ${s.mu.toFixed(3)} of the SM (Helm) ${s.predictedEvents.toFixed(1)}; Z = ${s.z.toFixed(2)}\n`,
  );

  const band = (b: BinAnalysis) => `${f2(b.alphaHat)} ${iv(b.alpha68)}, ${fp(b.pAlpha1)}`;
  const variantRow = (name: string, ds: TemplateDataset) => {
    const r = analyzeTemplateDataset(ds);
    const c = r.template.signal;
    return [
      name,
      band(r.bins[2]!),
      band(r.bins[3]!),
      `${f2(r.combined.alphaHat)}, ${fp(r.combined.pAlpha1)}`,
      `${c.fittedEvents.toFixed(0)} ± ${(0.5 * (c.fittedEventsHi - c.fittedEventsLo)).toFixed(0)}`,
    ];
  };
  const header = [
    'variant',
    'b2 (3–4 ×10³): α̂ [68.27 %], p(α=1)',
    'b3 (4–5 ×10³): α̂ [68.27 %], p(α=1)',
    'one α: α̂, p(α=1)',
    'fitted CEvNS',
  ];
  const systematics = [
    'flux',
    'brn_norm',
    'nin_norm',
    'scint_resp_0',
    'scint_resp_1',
    'efficiency',
    'brn_timing_mean',
    'brn_timing_width',
    'nin_timing_mean',
    'nin_timing_width',
  ];
  console.log('## CsI 2021: each systematic held at nominal in turn\n');
  console.log(
    table(header, [
      variantRow('all profiled (default)', base),
      ...systematics.map((n) => variantRow(`${n} held`, withWorkspace(base, withFixedParameters(ws, [n])))),
      variantRow('all ten held (statistics only)', withWorkspace(base, withFixedParameters(ws, systematics))),
    ]),
  );
  const dir = join(dataDir, RELEASE_FOLDERS.coherentCsi2021);
  const rebuilt = (o: CoherentCsi2021Options) => buildCoherentCsi2021Dataset(dir, o);
  const perRow = ssbPerPeRow(base);
  const rowParams = (perRow.workspace as Workspace).measurements[0]!.config.parameters.map(
    (p) => p.name,
  ).filter((n) => n.startsWith('ssb_pe'));
  console.log('\n## CsI 2021: analysis choices\n');
  console.log(
    table(header, [
      variantRow('default: SSB free per bin (exact on/off)', base),
      variantRow('SSB per PE row, flat in time × ε_T', perRow),
      variantRow(
        'SSB per PE row held at the AC counts',
        withWorkspace(perRow, withFixedParameters(perRow.workspace as Workspace, rowParams)),
      ),
      variantRow(
        'time window 0–3 µs',
        rebuilt({ timeEdgesUs: [0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1, 2, 3] }),
      ),
      variantRow(
        'time window 0–1 µs',
        rebuilt({ timeEdgesUs: [0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1] }),
      ),
      variantRow('0.5-µs time bins', rebuilt({ timeEdgesUs: Array.from({ length: 13 }, (_, k) => k / 2) })),
      variantRow('4-PE bins', rebuilt({ peEdges: Array.from({ length: 16 }, (_, k) => 4 * k) })),
    ]),
  );
}

function csi2017(): void {
  const dir = join(dataDir, RELEASE_FOLDERS.coherentCsi2017);
  const layouts: [string, number[] | undefined][] = [
    ["today's 12 bins (2-PE)", undefined],
    ['4 bands of three bins (6-PE)', [6, 12, 18, 24, 30]],
  ];
  for (const [title, peEdges] of layouts) {
    const counts: AnyDataset = peEdges
      ? buildCoherentCsi2017Dataset(dir, { peEdges })
      : loadDataset('coherent-csi-2017');
    const tmpl = peEdges
      ? buildCoherentCsi2017QfDataset(dir, { peEdges })
      : (loadAnyDataset('coherent-csi-2017-qf') as TemplateDataset);
    const held = withWorkspace(tmpl, withFixedParameters(tmpl.workspace as Workspace, ['quenching']));
    const a = analyzeDataset(counts);
    const b = analyzeTemplateDataset(tmpl);
    const c = analyzeTemplateDataset(held);
    const cell = (x: {
      alphaHat: number;
      alpha68: { lo: number; hi: number };
      alpha90: { lo: number; hi: number };
      pAlpha1: number;
      pAlpha0: number;
    }) => [f2(x.alphaHat), iv(x.alpha68), iv(x.alpha90), fp(x.pAlpha1), fp(x.pAlpha0)];
    console.log(`\n## CsI 2017, ${title}\n`);
    console.log(
      table(
        [
          'bin / band',
          "q² of today's bin [MeV²]",
          'counts, QF norm: α̂',
          '68.27 %',
          '90 %',
          'p(α=1)',
          'p(α=0)',
          'template, QF shape: α̂',
          '68.27 %',
          '90 %',
          'p(α=1)',
          'p(α=0)',
          'QF held: α̂ [68.27 %], p(α=1)',
        ],
        [
          ...a.bins.map((x, j) => {
            const y = b.bins[j]!;
            const z = c.bins[j]!;
            return [
              j,
              `${x.q2LoMeV2.toFixed(0)}–${x.q2HiMeV2.toFixed(0)}`,
              ...cell(x),
              ...cell(y),
              `${f2(z.alphaHat)} ${iv(z.alpha68)}, ${fp(z.pAlpha1)}`,
            ];
          }),
          [
            'one α',
            'all',
            ...cell(a.combined),
            ...cell(b.combined),
            `${f2(c.combined.alphaHat)} ${iv(c.combined.alpha68)}, ${fp(c.combined.pAlpha1)}`,
          ],
        ],
      ),
    );
    const s = b.template.signal;
    console.log(
      `\nTemplate count fit: ${s.fittedEvents.toFixed(1)} (+${(s.fittedEventsHi - s.fittedEvents).toFixed(1)} −${(s.fittedEvents - s.fittedEventsLo).toFixed(1)}) CEvNS events in the 6–30 PE × 0–6 µs selection, SM (Helm) ${s.predictedEvents.toFixed(1)}`,
    );
  }
}

const which = process.argv[2];
if (!which || which === '2021') csi2021();
if (!which || which === '2017') csi2017();
