/**
 * Tables and plots of the general-engine analyses of a toys or coverage result (combined fits,
 * bands, pyhf workspaces, ξ ± σ bins, 2-D regions, one-sided limits): shared by `toys`, `coverage`
 * and `merge`.
 */
import {
  errorBarLayer,
  layeredChart,
  lineLayer,
  panelGrid,
  pointLayer,
  renderTable,
  type Column,
  type Datum,
} from '../../report/index.js';
import type {
  AnalysisCoverageResultPoint,
  IntervalAnalysisResult,
  RegionAnalysisResult,
  ToyAnalysisResult,
  ToyPValue,
} from '../../toys/index.js';

type Row = Record<string, string | number | null>;

/** CSV-safe number (a table cell may not be NaN). */
const num = (x: number): number | null => (Number.isFinite(x) ? x : null);

const pct = (cl: number): string => `${(cl * 100).toFixed(2)} %`;

export function fmtP(p: number): string {
  if (!(p >= 0)) return '—';
  return p >= 1e-3 ? p.toFixed(4) : p.toExponential(2);
}

export function fmtToyP(t: ToyPValue): string {
  if (t.nToys === 0) return '—';
  if (t.nExceed === 0) return `< ${(t.pUpper95 ?? 0).toExponential(1)}`;
  return `${fmtP(t.pValue)} ± ${t.mcError >= 1e-3 ? t.mcError.toFixed(4) : t.mcError.toExponential(1)}`;
}

const fmtV = (v: number): string => (Math.abs(v) >= 100 ? v.toPrecision(4) : v.toFixed(3));
const fmtIv = (lo: number | null, hi: number | null): string =>
  lo === null || hi === null ? '—' : `[${fmtV(lo)}, ${fmtV(hi)}]`;

const intervals = (r: readonly ToyAnalysisResult[]): IntervalAnalysisResult[] =>
  r.flatMap((a) => (a.kind === 'interval' ? [a] : []));
const regions = (r: readonly ToyAnalysisResult[]): RegionAnalysisResult[] =>
  r.flatMap((a) => (a.kind === 'region' ? [a] : []));

/** Text tables of the analyses (empty strings where there is nothing to show). */
export function analysisTables(
  analyses: readonly ToyAnalysisResult[],
  cls: readonly number[],
): { tests: string; intervals: string; limits: string; regions: string; csv: string } {
  const iv = intervals(analyses);
  const testRows: Row[] = iv.map((a) => ({
    analysis: a.label,
    poiHat: fmtV(a.poiHat),
    hi: `${a.poi} = ${fmtV(a.atUpper.value)}: q = ${a.atUpper.q.toFixed(3)}`,
    hiA: fmtP(a.atUpper.asymptotic.pValue),
    hiT: fmtToyP(a.atUpper.toys),
    lo: `${a.poi} = ${fmtV(a.atLower.value)}: q = ${a.atLower.q.toFixed(3)}`,
    loA: fmtP(a.atLower.asymptotic.pValue),
    loT: fmtToyP(a.atLower.toys),
  }));
  const testCols: Column<Row>[] = [
    { key: 'analysis', header: 'analysis' },
    { key: 'poiHat', header: 'POI fit' },
    { key: 'hi', header: 'upper bound tested' },
    { key: 'hiA', header: 'p asym' },
    { key: 'hiT', header: 'p toys' },
    { key: 'lo', header: 'lower bound tested' },
    { key: 'loA', header: 'p asym' },
    { key: 'loT', header: 'p toys' },
  ];
  const ivRows: Row[] = iv.map((a) => {
    const row: Row = { analysis: a.label };
    a.fc.intervals.forEach((x, c) => {
      row[`fc${c}`] = fmtIv(x.lower, x.upper) + (x.connected ? '' : '*') + (x.belowGridResolution ? '†' : '');
      row[`as${c}`] = fmtIv(x.asymptotic.lower, x.asymptotic.upper);
    });
    return row;
  });
  const ivCols: Column<Row>[] = [
    { key: 'analysis', header: 'analysis' },
    ...cls.flatMap((cl, c): Column<Row>[] => [
      { key: `fc${c}`, header: `FC ${pct(cl)}` },
      { key: `as${c}`, header: `asymptotic ${pct(cl)}` },
    ]),
  ];
  const limRows: Row[] = iv.flatMap((a) =>
    a.limit === null
      ? []
      : a.limit.limits.map((l) => ({
          analysis: a.label,
          limit: `${a.poi} ${a.limit!.side === 'upper' ? '<' : '>'} x at ${pct(l.cl)} (${a.limit!.method})`,
          toys: `${fmtV(l.value)}${l.status === 'crossing' ? '' : ` (${l.status})`}`,
          asym: l.asymptotic === null ? '—' : fmtV(l.asymptotic),
        })),
  );
  const limCols: Column<Row>[] = [
    { key: 'analysis', header: 'analysis' },
    { key: 'limit', header: 'limit' },
    { key: 'toys', header: 'x (toys)' },
    { key: 'asym', header: 'x (asymptotic, pyhf q̃)' },
  ];
  const csvRows: Row[] = iv.flatMap((a) =>
    a.fc.points.map((p) => ({
      analysis: a.key,
      poi: a.poi,
      value: p.poi,
      t: num(p.t),
      pAsymptotic: num(p.pAsymptotic),
      pToys: num(p.pToys),
      mcError: num(p.mcError),
      nToys: p.nToys,
      ...Object.fromEntries(cls.map((cl, c) => [`accepted${Math.round(cl * 10000)}`, String(p.accepted[c])])),
    })),
  );
  const csvCols: Column<Row>[] = Object.keys(csvRows[0] ?? {}).map((key) => ({ key, header: key }));
  return {
    tests: testRows.length > 0 ? renderTable('text', testCols, testRows) : '',
    intervals: ivRows.length > 0 ? renderTable('text', ivCols, ivRows) : '',
    limits: limRows.length > 0 ? renderTable('text', limCols, limRows) : '',
    regions: regions(analyses)
      .map((r) => regionText(r, cls))
      .join('\n'),
    csv: csvRows.length > 0 ? renderTable('csv', csvCols, csvRows) : '',
  };
}

/** The accepted grid of a 2-D region as text: rows = second POI (top = upper bound). */
export function regionText(r: RegionAnalysisResult, cls: readonly number[]): string {
  const xs = [...new Set(r.points.map((p) => p.values[0]))];
  const ys = [...new Set(r.points.map((p) => p.values[1]))].sort((a, b) => b - a);
  const inner = cls.length > 0 ? 0 : -1;
  const outer = cls.length - 1;
  const cell = (acc: readonly boolean[]) => (acc[inner] ? '#' : acc[outer] ? '+' : '.');
  const lines = [
    `${r.label}: 2-D Feldman–Cousins region on the grid (POI fit ${r.poiHat.map(fmtV).join(', ')}); ` +
      `# = accepted at ${pct(cls[inner] ?? 0)}, + = accepted at ${pct(cls[outer] ?? 0)} only, . = rejected; ` +
      `left FC, right Wilks χ²₂`,
  ];
  for (const y of ys) {
    const row = xs.map((x) => r.points.find((p) => p.values[0] === x && p.values[1] === y)!);
    lines.push(
      `${r.pois[1]} = ${fmtV(y).padStart(6)}  ${row.map((p) => cell(p.accepted)).join(' ')}   ${row
        .map((p) => cell(p.acceptedWilks))
        .join(' ')}`,
    );
  }
  lines.push(
    `${' '.repeat(r.pois[1].length + 11)}${r.pois[0]} = ${fmtV(xs[0]!)} … ${fmtV(xs[xs.length - 1]!)}`,
  );
  lines.push(
    r.acceptedCount
      .map((c) => `${pct(c.cl)}: ${c.fc} grid points accepted by FC, ${c.wilks} by Wilks`)
      .join('; '),
  );
  return lines.join('\n');
}

/** FC vs asymptotic intervals of the one-POI analyses, one panel per CL (x = analysis index). */
export function analysisIntervalsChart(analyses: readonly ToyAnalysisResult[], cls: readonly number[]) {
  const iv = intervals(analyses);
  const panels = cls.map((cl, c) => {
    const rows = (shift: number, fc: boolean): Datum[] =>
      iv.map((a, i) => {
        const x = a.fc.intervals[c]!;
        const span = a.bounds[1] - a.bounds[0];
        const lo = fc ? (x.lower ?? a.bounds[0]) : x.asymptotic.lower;
        const hi = fc ? (x.upper ?? a.bounds[1]) : x.asymptotic.upper;
        // In units of the POI range, so that analyses with different POIs share one axis.
        return {
          x: i + shift,
          v: (a.poiHat - a.bounds[0]) / span,
          lo: (lo - a.bounds[0]) / span,
          hi: (hi - a.bounds[0]) / span,
        };
      });
    return layeredChart({
      title: `POI intervals, ${pct(cl)} CL`,
      subtitle: iv.map((a, i) => `${i}: ${a.label}`).join('; '),
      x: { field: 'x', title: 'analysis', domain: [-0.5, iv.length - 0.5] },
      y: { field: 'v', title: '(POI − lower bound) / range', domain: [0, 1] },
      layers: [
        errorBarLayer({ data: rows(-0.1, true), y: 'v', yLow: 'lo', yHigh: 'hi', label: 'Feldman–Cousins' }),
        errorBarLayer({ data: rows(0.1, false), y: 'v', yLow: 'lo', yHigh: 'hi', label: 'asymptotic' }),
      ],
    });
  });
  return panelGrid({ panels, columns: panels.length });
}

/** A 2-D region as coloured grid points (FC acceptance by CL) with the fitted point. */
export function regionChart(r: RegionAnalysisResult, cls: readonly number[]) {
  const label = (acc: readonly boolean[]): string => {
    const c = acc.findIndex((a) => a);
    return c < 0 ? 'rejected' : `accepted at ${pct(cls[c]!)}`;
  };
  const data: Datum[] = r.points.map((p) => ({ x: p.values[0], y: p.values[1], status: label(p.accepted) }));
  const wilks: Datum[] = r.points
    .filter((p) => p.acceptedWilks[cls.length - 1])
    .map((p) => ({ x: p.values[0], y: p.values[1] }));
  return layeredChart({
    title: `2-D Feldman–Cousins region: ${r.pois.join(' × ')}`,
    subtitle: `${r.label}; open crosses: accepted by Wilks χ²₂ at ${pct(cls[cls.length - 1] ?? 0)}`,
    x: { field: 'x', title: r.pois[0], domain: [r.bounds[0][0], r.bounds[0][1]] },
    y: { field: 'y', title: r.pois[1], domain: [r.bounds[1][0], r.bounds[1][1]] },
    layers: [
      pointLayer({ data, series: 'status', shape: 'square' }),
      pointLayer({ data: wilks, label: `Wilks ${pct(cls[cls.length - 1] ?? 0)}`, shape: 'cross' }),
      pointLayer({ data: [{ x: r.poiHat[0], y: r.poiHat[1] }], label: 'fit', shape: 'diamond' }),
    ],
  });
}

/** p(μ) of a limit scan: toys (CLs+b or CLs) and pyhf's asymptotic, with the 1 − CL lines. */
export function limitChart(a: IntervalAnalysisResult, cls: readonly number[]) {
  const l = a.limit!;
  const toy: Datum[] = l.points.map((p) => ({
    x: p.poi,
    p: l.method === 'CLs' ? (p.cls ?? 0) : p.clsb.pValue,
  }));
  const asym: Datum[] = l.points.flatMap((p) => {
    const v = l.method === 'CLs' ? p.asymptoticCls : p.asymptoticClsb;
    return v === null ? [] : [{ x: p.poi, p: v }];
  });
  const levels = cls.map((cl) =>
    lineLayer({
      data: [
        { x: a.bounds[0], p: 1 - cl },
        { x: a.bounds[1], p: 1 - cl },
      ],
      label: `1 − CL (${pct(cl)})`,
      dash: [6, 4],
    }),
  );
  return layeredChart({
    title: `${l.side === 'upper' ? 'Upper' : 'Lower'} limit scan: ${a.poi}`,
    subtitle: `${a.label}; ${l.method} from toys${asym.length > 0 ? ' and asymptotic (pyhf q̃)' : ''}`,
    x: { field: 'x', title: a.poi, domain: [a.bounds[0], a.bounds[1]] },
    y: { field: 'p', title: l.method, domain: [0, 1] },
    layers: [
      lineLayer({ data: toy, label: `${l.method} (toys)`, points: true }),
      ...(asym.length > 0 ? [lineLayer({ data: asym, label: `${l.method} (asymptotic)` })] : []),
      ...levels,
    ],
  });
}

/** Coverage table of the analyses (text or CSV). */
export function analysisCoverageTable(
  points: readonly AnalysisCoverageResultPoint[],
  cls: readonly number[],
  format: 'text' | 'csv',
): string {
  if (points.length === 0) return '';
  if (format === 'csv') {
    const rows: Row[] = points.map((p) => ({
      analysis: p.key,
      truth: p.truth.join(';'),
      cl: p.cl,
      method: p.method,
      coverage: num(p.coverage.value),
      mcError: num(p.coverage.mcError),
      covered: p.coverage.k,
      experiments: p.coverage.n,
      failed: p.failed,
    }));
    return renderTable(
      'csv',
      Object.keys(rows[0]!).map((key) => ({ key, header: key })),
      rows,
    );
  }
  const methods = [...new Set(points.map((p) => p.method))];
  const byKey = new Map<string, Row>();
  for (const p of points) {
    const key = `${p.key}/${p.truth.join(',')}`;
    const row = byKey.get(key) ?? {
      analysis: p.label,
      truth: `${p.pois.join(', ')} = ${p.truth.map(fmtV).join(', ')}`,
    };
    row[`${p.method}${cls.indexOf(p.cl)}`] =
      `${p.coverage.value.toFixed(3)} ± ${p.coverage.mcError.toFixed(3)}`;
    byKey.set(key, row);
  }
  const cols: Column<Row>[] = [
    { key: 'analysis', header: 'analysis' },
    { key: 'truth', header: 'true POI' },
    ...cls.flatMap((cl, c) =>
      methods.map((m): Column<Row> => ({ key: `${m}${c}`, header: `${m} ${pct(cl)}` })),
    ),
  ];
  return renderTable('text', cols, [...byKey.values()]);
}
