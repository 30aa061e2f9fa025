/**
 * `coherency project --setup xe-solar` on the release's real response: the preset's template dataset
 * (PRESET_TEMPLATE_DATASETS) scaled by exposure, Asimov data of the true model, and the template
 * analysis on it (src/sensitivity/templateProjection.ts, templateScan.ts). Prints the expected counts
 * per channel, the median expected significances of excluding α = 1 and α = 0, the expected α
 * intervals and, with `--scan exposure`, the exposures for 3σ and 5σ; with `--toys N` (seeded by
 * `--seed`) the toy medians and ±1σ/±2σ bands beside the Asimov ones, and in a scan the toy medians at
 * its points and the exposures where the toy median reaches 3σ and 5σ (templateToys.ts,
 * templateToyScan.ts).
 */
import { loadAnyDataset, type TemplateDataset } from '../../data/index.js';
import { SpecError } from '../../errors.js';
import { SECONDS_PER_YEAR } from '../../physics/index.js';
import { formatNumber, renderTable, templateScanFigure, type Column } from '../../report/index.js';
import {
  nominalExposureTonneYear,
  projectTemplate,
  TEMPLATE_SCAN_RANGE,
  templateExposureScan,
  templateToyExposureScan,
  type TemplateProjection,
  type TemplateScan,
  type TemplateToyCrossing,
  type TemplateToyScan,
  type TemplateTruth,
} from '../../sensitivity/index.js';
import { OutputSet, print } from '../io.js';
import { progressReporter } from '../progress.js';
import { testLine } from './projectText.js';

export interface TemplateProjectOptions {
  readonly exposure?: number | undefined;
  readonly model?: string | undefined;
  readonly testAlpha?: number | undefined;
  readonly scan?: 'exposure' | undefined;
  readonly scanFrom?: number | undefined;
  readonly scanTo?: number | undefined;
  readonly scanPoints: number;
  readonly toys: number;
  readonly seed: string;
  readonly fcToys: number;
  readonly spectra?: string | undefined;
  readonly fix?: string | undefined;
  readonly json: boolean;
  readonly csv: boolean;
  readonly out?: string | undefined;
}

const tonneYear = (kgS: number) => kgS / 1000 / SECONDS_PER_YEAR;
const f3 = (x: number) => formatNumber(x, { digits: 3 });
const tyr = (x: number | null) => (x === null ? '—' : `${f3(x)} t·yr`);

interface ChannelRow {
  channel: string;
  background: number;
  s0: number;
  s1: number;
  truth: number;
}

const COLUMNS: Column<ChannelRow>[] = [
  { key: 'channel', header: 'channel' },
  { key: 'background', header: 'background', format: f3 },
  { key: 's0', header: 'CEvNS α=0', format: f3 },
  { key: 's1', header: 'CEvNS α=1', format: f3 },
  { key: 'truth', header: 'CEvNS true model', format: f3 },
];

const rowsOf = (p: TemplateProjection): ChannelRow[] =>
  p.channels.map((c) => ({
    channel: c.name,
    background: c.background,
    s0: c.signal0,
    s1: c.signal1,
    truth: c.signalTruth,
  }));

const z2 = (v: number) => v.toFixed(2);

/** "at 5.07 t·yr (95 % MC 4.9–5.2)" for a toy crossing, or why there is none. */
function toyCrossingText(c: TemplateToyCrossing): string {
  if (c.asimovScale === null) return 'not searched (Asimov not reached)';
  if (c.scale === null) return 'not reached';
  const mc = c.mcInterval95 === null ? '' : ` (95 % MC ${f3(c.mcInterval95[0])}–${f3(c.mcInterval95[1])})`;
  return `at ${c.tonneYear === null ? `× ${f3(c.scale)}` : tyr(c.tonneYear)}${mc}`;
}

function toyScanText(t: TemplateToyScan): string[] {
  return [
    `Toy medians (${t.nToys} toys per point, seed ${t.seed}; 95 % Monte Carlo interval of the median):`,
    renderTable(
      'text',
      [
        { key: 'exposure', header: 'exposure' },
        { key: 'z1', header: 'toy Z(exclude α=1)' },
        { key: 'z0', header: 'toy Z(exclude α=0)' },
      ],
      t.points.map((x) => ({
        exposure: x.exposureTonneYear === null ? `× ${f3(x.scale)}` : tyr(x.exposureTonneYear),
        z1: `${z2(x.alpha1.median)} [${z2(x.alpha1.ci95[0])}, ${z2(x.alpha1.ci95[1])}]`,
        z0: `${z2(x.alpha0.median)} [${z2(x.alpha0.ci95[0])}, ${z2(x.alpha0.ci95[1])}]`,
      })),
    ),
    ...(
      [
        ['α = 1', t.alpha1],
        ['α = 0', t.alpha0],
      ] as const
    ).map(
      ([name, c]) =>
        `  exclude ${name} (toy median): 3σ ${toyCrossingText(c.z3)}, 5σ ${toyCrossingText(c.z5)}`,
    ),
  ];
}

function human(
  p: TemplateProjection,
  scan: TemplateScan | undefined,
  toyScan: TemplateToyScan | undefined,
  dataset: string,
): string {
  const out: string[] = [];
  out.push(
    `Projection on the real response: the template likelihood of ${dataset} (${p.dataset.title}) scaled by exposure`,
  );
  out.push(
    `  exposure ${tyr(p.exposureTonneYear)} (${f3(p.scale)} × the release's ${tyr(p.nominalExposureTonneYear)}); true model: ${p.truth.label} = ${p.truth.alphas.map((a) => a.toFixed(4)).join(', ')}; nuisances held at nominal: ${p.fixed.length > 0 ? p.fixed.join(', ') : 'none'}`,
  );
  out.push(renderTable('text', COLUMNS, rowsOf(p)));
  out.push(
    'Sensitivity (median expected, Asimov dataset of the true model; the template analysis of `analyze`):',
  );
  for (const t of p.tests) out.push(testLine(t));
  if (p.combined !== null) {
    const [a, b] = [p.combined.interval68, p.combined.interval90];
    out.push(
      `  expected α (one α for all bands): α̂ = ${a.alphaHat.toFixed(3)}, 68.27 % CL [${a.lower.toFixed(3)}, ${a.upper.toFixed(3)}], 90 % CL [${b.lower.toFixed(3)}, ${b.upper.toFixed(3)}]`,
    );
  }
  if (scan !== undefined) {
    out.push('Exposure scan (median Z, Asimov):');
    out.push(
      renderTable(
        'text',
        [
          { key: 'exposure', header: 'exposure' },
          { key: 'z1', header: 'Z(exclude α=1)', format: (v: number) => v.toFixed(2) },
          { key: 'z0', header: 'Z(exclude α=0)', format: (v: number) => v.toFixed(2) },
        ],
        scan.points.map((x) => ({
          exposure: x.exposureTonneYear === null ? `× ${f3(x.scale)}` : tyr(x.exposureTonneYear),
          z1: x.zAlpha1,
          z0: x.zAlpha0,
        })),
      ),
    );
    const maxText =
      p.nominalExposureTonneYear === null
        ? `× ${TEMPLATE_SCAN_RANGE.above}`
        : tyr(p.nominalExposureTonneYear * scan.searchMaxScale);
    for (const [name, x] of [
      ['α = 1', scan.alpha1],
      ['α = 0', scan.alpha0],
    ] as const) {
      const at = (t: number | null, f: number | null) =>
        f === null ? 'not reached' : `at ${t === null ? `× ${f3(f)}` : tyr(t)}`;
      const limit =
        x.z3Scale === null || x.z5Scale === null
          ? ` (Z = ${x.zAtSearchMax.toFixed(2)} at ${maxText}, ${TEMPLATE_SCAN_RANGE.above}× the release's exposure)`
          : '';
      out.push(
        `  exclude ${name}: 3σ ${at(x.z3TonneYear, x.z3Scale)}, 5σ ${at(x.z5TonneYear, x.z5Scale)}${limit}`,
      );
    }
  }
  if (toyScan !== undefined) out.push(...toyScanText(toyScan));
  if (p.tests[0]?.toys === undefined) {
    out.push('  (Asimov medians and Z_A ± N bands; --toys N for toy medians and bands.)');
  }
  return out.join('\n');
}

export async function runTemplateProjection(dataset: string, o: TemplateProjectOptions): Promise<void> {
  if (o.fcToys > 0) {
    throw new SpecError(
      'invalid_input',
      `--fc-toys ${o.fcToys}: Feldman–Cousins on the template projection of ${dataset} is not implemented; expected --toys N (toy medians and bands) or --engine counting`,
      ['fcToys'],
    );
  }
  if (o.spectra !== undefined) {
    throw new SpecError(
      'invalid_input',
      `--spectra: the template projection uses the signal templates of ${dataset}; expected no --spectra (or --engine counting)`,
      ['spectra'],
    );
  }
  const ds = loadAnyDataset(dataset) as TemplateDataset;
  const truth: TemplateTruth =
    o.model === undefined || o.model === 'helm'
      ? { kind: 'helm' }
      : { kind: 'alpha', value: Number(o.model.slice(6)) };
  const fix = o.fix === undefined ? [] : o.fix.split(',').map((s) => s.trim());
  const scaleOf = (kgS: number | undefined, what: string): number | undefined => {
    if (kgS === undefined) return undefined;
    const nominal = nominalExposureTonneYear(ds);
    if (nominal === null) {
      throw new SpecError('invalid_input', `${what}: ${dataset} gives no exposure per channel to scale`, [
        what,
      ]);
    }
    return tonneYear(kgS) / nominal;
  };
  const scale = scaleOf(o.exposure, '--exposure') ?? 1;
  const fromScale = scaleOf(o.scanFrom, '--scan-from');
  const toScale = scaleOf(o.scanTo, '--scan-to');
  const progress = progressReporter('toys');
  const toys = o.toys > 0 ? { nToys: o.toys, seed: o.seed, onProgress: progress } : undefined;
  let p: TemplateProjection;
  let scan: TemplateScan | undefined;
  let toyScan: TemplateToyScan | undefined;
  try {
    p = projectTemplate(ds, {
      scale,
      truth,
      fix,
      ...(o.testAlpha === undefined ? {} : { alphaTest: o.testAlpha }),
      ...(toys === undefined ? {} : { toys }),
    });
    scan =
      o.scan === undefined
        ? undefined
        : templateExposureScan(ds, {
            truth,
            fix,
            points: o.scanPoints,
            ...(fromScale === undefined ? {} : { fromScale }),
            ...(toScale === undefined ? {} : { toScale }),
          });
    toyScan =
      scan === undefined || toys === undefined
        ? undefined
        : templateToyExposureScan(ds, scan, { truth, fix, toys });
  } finally {
    progress.stop();
  }
  const json = {
    engine: 'template',
    templateDataset: dataset,
    ...p,
    ...(scan === undefined ? {} : { scan }),
    ...(toyScan === undefined ? {} : { toyScan }),
  };
  const csv = renderTable('csv', COLUMNS, rowsOf(p));
  if (o.out !== undefined) {
    const out = new OutputSet(o.out);
    out.add('projection.json', `${JSON.stringify(json, null, 2)}\n`);
    out.add('counts.csv', csv);
    if (scan !== undefined) await out.addFigure('sensitivity-vs-exposure', templateScanFigure(ds, scan));
    const written = out.commit();
    if (!o.json && !o.csv) print(`wrote ${written.join(', ')}`);
  }
  if (o.json) return print(JSON.stringify(json, null, 2));
  if (o.csv) return print(csv);
  print(human(p, scan, toyScan, dataset));
}
