/**
 * Render a Vega-Lite spec to SVG and PNG, offline and headless: vega-lite `compile` → a Vega
 * `View` with `renderer: 'none'` → `toSVG()` → resvg (a Rust SVG rasteriser) → PNG.
 *
 * Text in the PNG uses only the bundled DejaVu Sans files (fonts.ts), never system fonts, so
 * the image is the same on a machine without any fonts. Warnings of vega-lite and Vega (e.g.
 * "log scale domain includes zero") are collected and returned, never printed.
 *
 * vega, vega-lite and resvg are loaded on the first call (dynamic `import()`), not when the report
 * layer is imported: together they cost about 250 ms of start-up, which every command and every
 * `import 'cevns-coherency'` paid before (issue 13). Node caches the modules after the first call.
 */
import type { TopLevelSpec } from 'vega-lite';
import { ToolkitError } from '../errors.js';
import { SCRIPT_SCALE, textWidth } from './fontMetrics.js';
import { FONT_FAMILY, bundledFontFiles } from './fonts.js';
import { BACKGROUND, projectConfig } from './theme.js';

/** Options of {@link renderVegaLite}. */
export interface RenderOptions {
  /** PNG pixels per SVG (CSS) pixel. Default 2, for crisp images on screens and in papers. */
  readonly scale?: number;
}

/** The result of {@link renderVegaLite}. */
export interface RenderedPlot {
  /** Standalone SVG document (fonts referenced by family name, text as `<text>`). */
  readonly svg: string;
  /** PNG image on a white background. */
  readonly png: Buffer;
  /** PNG size in pixels. */
  readonly width: number;
  readonly height: number;
  /** Warnings from vega-lite and Vega, in the order they were raised. */
  readonly warnings: readonly string[];
}

/** A vega-util compatible logger. */
interface Logger {
  level(level?: number): number | Logger;
  error(...args: unknown[]): Logger;
  warn(...args: unknown[]): Logger;
  info(...args: unknown[]): Logger;
  debug(...args: unknown[]): Logger;
}

/**
 * A logger that keeps warnings and errors instead of printing them. Built from closures, not
 * a class, because vega-lite calls the methods detached from their object.
 */
function collectingLogger(): { logger: Logger; messages: string[] } {
  const messages: string[] = [];
  let current = 2; // vega.Warn: keep warnings and errors, drop info and debug
  const keep = (kind: string, args: unknown[]) => {
    messages.push(`${kind}: ${args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ')}`);
    return logger;
  };
  const logger: Logger = {
    level: (level) => {
      if (level === undefined) return current;
      current = level;
      return logger;
    },
    error: (...args) => keep('error', args),
    warn: (...args) => (current >= 2 ? keep('warning', args) : logger),
    info: () => logger,
    debug: () => logger,
  };
  return { logger, messages };
}

/**
 * Vega's text widths from the bundled font (fontMetrics.ts) instead of its 0.8 em-per-character
 * estimate; Vega documents `textMetrics.width` as replaceable (vega-scenegraph, "user defined
 * textMetrics.width function in use (e.g. vl-convert)"). A label with a `limit` is cut there.
 */
function useFontMetrics(vega: unknown): void {
  // Present at run time (vega re-exports vega-scenegraph), absent from vega's type declarations.
  const metrics = (
    vega as unknown as { textMetrics: { width: (item: Record<string, unknown>, text: unknown) => number } }
  ).textMetrics;
  metrics.width = (item, text) => {
    const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    const weight = item.fontWeight;
    const bold = weight === 'bold' || (typeof weight === 'number' && weight >= 600);
    const w = text == null ? 0 : textWidth(String(text).trim(), size, bold);
    const limit = Number(item.limit ?? 0);
    return limit > 0 && w > limit ? limit : w;
  };
}

/**
 * Sub- and superscripts in labels: `Γ_{NP}`, `10^{3}` become tspans with a baseline shift at
 * {@link SCRIPT_SCALE} of the font size (SVG text content only; Vega escapes `<`, so the markup
 * braces are the only structure inside). resvg draws baseline-shift; viewers that ignore it show
 * the scripts small on the baseline.
 */
export function applyScriptMarkup(svg: string): string {
  const size = `${Math.round(SCRIPT_SCALE * 100)}%`;
  const scripts = (text: string) =>
    text.replace(
      /([_^])\{([^{}]*)\}/g,
      (_m, kind: string, body: string) =>
        `<tspan baseline-shift="${kind === '_' ? 'sub' : 'super'}" font-size="${size}">${body}</tspan>`,
    );
  // Text nodes only (between '>' and '<'): attribute values such as aria-label keep the plain markup.
  return svg.replace(/>([^<]+)</g, (_m, text: string) => `>${scripts(text)}<`);
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Render a Vega-Lite spec to an SVG string and a PNG buffer. The project theme
 * ({@link projectConfig}) is applied underneath the spec's own `config`.
 * Throws a ToolkitError (`invalid_spec`) if the spec cannot be compiled or rendered.
 * @example
 * const { svg, png } = await renderVegaLite(lineChart({ ... }));
 * // svg starts with '<svg', png starts with the bytes 89 50 4E 47
 */
export async function renderVegaLite(spec: TopLevelSpec, options: RenderOptions = {}): Promise<RenderedPlot> {
  const scale = options.scale ?? 2;
  if (!(scale > 0 && scale <= 16)) {
    throw new ToolkitError('invalid_input', `scale = ${scale}: expected a number in (0, 16]`, ['scale']);
  }
  const [vega, { compile }, { Resvg }] = await Promise.all([
    import('vega'),
    import('vega-lite'),
    import('@resvg/resvg-js'),
  ]);
  const { logger, messages } = collectingLogger();
  let svg: string;
  try {
    const vgSpec = compile(spec, { config: projectConfig(), logger }).spec;
    useFontMetrics(vega);
    const view = new vega.View(vega.parse(vgSpec), { renderer: 'none', logger });
    try {
      svg = applyScriptMarkup(await view.toSVG());
    } finally {
      view.finalize();
    }
  } catch (err) {
    throw new ToolkitError('invalid_spec', `the chart could not be rendered: ${message(err)}`);
  }
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: BACKGROUND,
    font: {
      loadSystemFonts: false,
      fontFiles: bundledFontFiles(),
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
    logLevel: 'off',
  });
  const image = resvg.render();
  return { svg, png: image.asPng(), width: image.width, height: image.height, warnings: messages };
}
