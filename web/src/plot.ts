/**
 * Draw a Vega-Lite spec (the library's chart builders) as SVG in the page: vega-lite `compile` → a vega
 * `View` with the SVG renderer. The previous view in the same container is finalised first.
 */
import type { TopLevelSpec } from 'vega-lite';
import { compile } from 'vega-lite';
import { parse, View } from 'vega';

const views = new WeakMap<HTMLElement, View>();

export async function draw(container: HTMLElement, spec: TopLevelSpec): Promise<void> {
  views.get(container)?.finalize();
  container.replaceChildren();
  const view = new View(parse(compile(spec).spec), { renderer: 'svg', container, hover: true });
  views.set(container, view);
  await view.runAsync();
}
