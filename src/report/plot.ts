/**
 * Render a Vega-Lite spec to SVG and PNG, offline and headless: vega-lite `compile` → a Vega
 * `View` with `renderer: 'none'` → `toSVG()` → resvg (a Rust SVG rasteriser) → PNG.
 *
 * Text in the PNG uses only the bundled DejaVu Sans files (fonts.ts), never system fonts, so
 * the image is the same on a machine without any fonts. Warnings of vega-lite and Vega (e.g.
 * "log scale domain includes zero") are collected and returned, never printed.
 */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { ToolkitError } from '../errors.js';
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

/** A vega-util compatible logger that keeps messages instead of printing them. */
class CollectingLogger {
  readonly messages: string[] = [];
  #level = 2; // vega.Warn
  level(): number;
  level(level: number): this;
  level(level?: number): number | this {
    if (level === undefined) return this.#level;
    this.#level = level;
    return this;
  }
  #keep(kind: string, args: unknown[]): this {
    this.messages.push(`${kind}: ${args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ')}`);
    return this;
  }
  error(...args: unknown[]): this {
    return this.#keep('error', args);
  }
  warn(...args: unknown[]): this {
    return this.#level >= 2 ? this.#keep('warning', args) : this;
  }
  info(): this {
    return this;
  }
  debug(): this {
    return this;
  }
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
  const logger = new CollectingLogger();
  let svg: string;
  try {
    const vgSpec = compile(spec, { config: projectConfig(), logger }).spec;
    const view = new vega.View(vega.parse(vgSpec), { renderer: 'none', logger });
    try {
      svg = await view.toSVG();
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
  return { svg, png: image.asPng(), width: image.width, height: image.height, warnings: logger.messages };
}
