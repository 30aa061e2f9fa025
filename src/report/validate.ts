/**
 * Checks on chart input, so that a figure is either right or refused with a clear message:
 * a NaN, a missing field or a non-positive value on a log axis would otherwise be dropped or
 * drawn wrongly by Vega without a word.
 */
import { ToolkitError } from '../errors.js';
import type { AxisOptions, ChartFrame, Layer } from './chartTypes.js';

function fail(message: string, path: readonly (string | number)[]): never {
  throw new ToolkitError('invalid_input', message, path);
}

function checkAxis(name: 'x' | 'y', axis: AxisOptions): void {
  const d = axis.domain;
  if (d === undefined) return;
  if (!(Number.isFinite(d[0]) && Number.isFinite(d[1]) && d[0] < d[1])) {
    fail(`${name}.domain = [${d.join(', ')}]: expected finite [min, max] with min < max`, [name, 'domain']);
  }
  if (axis.scale === 'log' && !(d[0] > 0)) {
    fail(`${name}.domain = [${d.join(', ')}]: a log axis needs min > 0`, [name, 'domain']);
  }
}

/** The numeric fields a layer plots, with the axis each one is on. */
export function numericFields(layer: Layer, frame: ChartFrame): [string, AxisOptions][] {
  const x: [string, AxisOptions] = [frame.x.field, frame.x];
  const y = (f: string | undefined): [string, AxisOptions] => [f ?? frame.y.field, frame.y];
  switch (layer.kind) {
    case 'line':
    case 'points':
    case 'text':
      return [x, y(layer.y)];
    case 'band':
      return [x, y(layer.yLow), y(layer.yHigh)];
    case 'errorBars': {
      if ((layer.xLow === undefined) !== (layer.xHigh === undefined)) {
        fail('error bars need both xLow and xHigh, or neither', ['xLow']);
      }
      const out = [x, y(layer.y), y(layer.yLow), y(layer.yHigh)];
      if (layer.xLow !== undefined) out.push([layer.xLow, frame.x]);
      if (layer.xHigh !== undefined) out.push([layer.xHigh, frame.x]);
      return out;
    }
  }
}

/**
 * Throw a ToolkitError (`invalid_input`, with the path `layers[i].data[j].field`) unless every
 * plotted value is a finite number or `null`, and positive on a log axis; and unless each layer
 * uses at most one of `label` / `series`, which must then be present in every row.
 */
export function validateChart(frame: ChartFrame, layers: readonly Layer[]): void {
  checkAxis('x', frame.x);
  checkAxis('y', frame.y);
  if (layers.length === 0) fail('a chart needs at least one layer', ['layers']);
  layers.forEach((layer, i) => {
    const name = `layer ${i} (${layer.kind}${layer.label === undefined ? '' : ` "${layer.label}"`})`;
    if (layer.label !== undefined && layer.series !== undefined) {
      fail(`${name}: give either label or series, not both`, ['layers', i]);
    }
    const fields = numericFields(layer, frame);
    layer.data.forEach((row, j) => {
      for (const [field, axis] of fields) {
        const v = row[field];
        const path = ['layers', i, 'data', j, field];
        if (v === null) continue;
        if (typeof v !== 'number') fail(`${name}: row ${j} has no number in field "${field}"`, path);
        if (!Number.isFinite(v)) fail(`${name}: row ${j} field "${field}" is ${v}`, path);
        if (axis.scale === 'log' && v <= 0) {
          fail(`${name}: row ${j} field "${field}" = ${v} cannot be shown on a log axis`, path);
        }
      }
      for (const key of [layer.series, layer.kind === 'line' ? layer.dashBy : undefined]) {
        if (key !== undefined && (row[key] === undefined || row[key] === null)) {
          fail(`${name}: row ${j} has no value in field "${key}"`, ['layers', i, 'data', j, key]);
        }
      }
    });
  });
}
