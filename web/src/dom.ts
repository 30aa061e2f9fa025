/** Small DOM helpers: elements, HTML tables from column descriptions, number formats, a yield. */

type Child = Node | string | null | undefined | false;

/** `h('p', { class: 'note' }, 'text', child)`: an element with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

/** Replace the children of `e` (null, undefined and false are skipped). */
export function fill(e: HTMLElement, ...children: Child[]): void {
  e.replaceChildren(
    ...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false),
  );
}

/** The element with this id (throws if the page lacks it: a bug of index.html, not of the user). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (e === null) throw new Error(`index.html has no #${id}`);
  return e as T;
}

/** Text with `_x` subscripts (Γ_NP, T_min, keV_nr) as nodes with <sub> elements. */
export function rich(text: string): (Node | string)[] {
  const out: (Node | string)[] = [];
  let last = 0;
  for (const m of text.matchAll(/_([\p{L}\p{N}]+)/gu)) {
    out.push(text.slice(last, m.index), h('sub', {}, m[1]!));
    last = m.index + m[0].length;
  }
  out.push(text.slice(last));
  return out;
}

/** One column of an HTML table: a header (with its unit) and how to show a row's cell. */
export interface Col<R> {
  readonly header: string;
  readonly unit?: string;
  readonly cell: (row: R) => string;
  /** Right-align numbers (default true). */
  readonly numeric?: boolean;
  /** A title (tooltip) for the header. */
  readonly help?: string;
}

/** An HTML table; `data-col` on each cell carries the column index, `data-row` on each row its index. */
export function table<R>(cols: readonly Col<R>[], rows: readonly R[], caption?: string): HTMLTableElement {
  const head = h(
    'tr',
    {},
    ...cols.map((c) =>
      h(
        'th',
        { title: c.help, class: c.numeric === false ? 'text' : undefined },
        ...rich(c.header),
        c.unit ? h('span', { class: 'unit' }, ' [', ...rich(c.unit), ']') : null,
      ),
    ),
  );
  const body = rows.map((r, i) =>
    h(
      'tr',
      { 'data-row': i },
      ...cols.map((c, j) =>
        h('td', { 'data-col': j, class: c.numeric === false ? 'text' : undefined }, c.cell(r)),
      ),
    ),
  );
  return h(
    'table',
    {},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, head),
    h('tbody', {}, ...body),
  );
}

/** Fixed decimals, with a true minus sign; '—' for null or a non-finite value. */
export function fixed(v: number | null | undefined, digits: number): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return v.toFixed(digits).replace(/^-/, '−');
}

/** Significant digits in plain or scientific notation (× 10ⁿ); '—' for null or non-finite. */
export function sig(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e6) return Number(v.toPrecision(digits)).toString().replace(/^-/, '−');
  const [m, e] = v.toExponential(digits - 1).split('e') as [string, string];
  return `${m.replace(/^-/, '−')} × 10${superscript(Number(e))}`;
}

/** A p-value: three significant digits (scientific below 10⁻³), as the CLI prints them or finer. */
export function pValue(p: number): string {
  if (!Number.isFinite(p)) return '—';
  return p < 1e-3 ? sig(p, 3) : p.toFixed(4);
}

const SUP: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};
function superscript(n: number): string {
  return [...String(n)].map((c) => SUP[c] ?? c).join('');
}

/** Let the browser paint (a status line) before a synchronous computation. */
export const paint = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

/** Run `work` with a status line: "computing…", then its duration, or the error's message. */
export async function withStatus(
  status: HTMLElement,
  what: string,
  work: () => void | Promise<void>,
): Promise<boolean> {
  status.className = 'status busy';
  status.textContent = `${what}…`;
  await paint();
  const t0 = performance.now();
  try {
    await work();
    status.className = 'status ok';
    status.textContent = `${what}: done in ${((performance.now() - t0) / 1000).toFixed(2)} s`;
    return true;
  } catch (err) {
    status.className = 'status error';
    status.textContent = `${what} failed: ${err instanceof Error ? err.message : String(err)}`;
    return false;
  }
}

/** A number from an input, or an error naming the field and what was expected. */
export function numberInput(
  input: HTMLInputElement,
  what: string,
  ok: (v: number) => boolean,
  expected: string,
): number {
  const v = Number(input.value);
  if (input.value.trim() === '' || !Number.isFinite(v) || !ok(v)) {
    throw new Error(`${what} = "${input.value}": expected ${expected}`);
  }
  return v;
}
