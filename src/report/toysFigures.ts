/**
 * The figure of `coherency toys` and of the browser explorer's toys panel: Feldman–Cousins beside
 * asymptotic α intervals per bin, at each bin's mean true q².
 */
import type { ToysResult } from '../toys/index.js';
import { errorBarLayer, layeredChart, panelGrid } from './charts.js';
import type { Datum } from './chartTypes.js';

/** Pixels between a bin's q² and each of its two interval bars in {@link intervalsChart}. */
export const TOYS_DODGE_PX = 4;

/**
 * FC vs asymptotic intervals per bin, one panel per CL, at each bin's mean true q² (as `analyze` and its
 * Fig. 5 place them); the two methods are drawn side by side, {@link TOYS_DODGE_PX} pixels either side of
 * the bin's q² (a fixed pixel shift reads as the same bin however few bins span the axis).
 */
export function intervalsChart(r: ToysResult, q2: readonly number[], datasetId: string) {
  // x range: the plotted bins with 6 % of their span (or of their q², for a single bin) either side.
  const xs = r.bins.map((b) => q2[b.bin] ?? b.bin);
  const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
  const pad = 0.06 * (hi - lo || Math.abs(hi) || 1);
  const panels = r.settings.cls.map((cl, c) => {
    const rows = (fc: boolean): Datum[] =>
      r.bins.map((b) => {
        const iv = b.fc.intervals[c]!;
        return {
          x: q2[b.bin] ?? b.bin,
          alpha: b.poiHat,
          lo: fc ? (iv.lower ?? 0) : iv.asymptotic.lower,
          hi: fc ? (iv.upper ?? 1) : iv.asymptotic.upper,
        };
      });
    return layeredChart({
      title: `α per bin, ${(cl * 100).toFixed(2)} % CL: ${datasetId}`,
      subtitle:
        "Feldman–Cousins (toys) beside asymptotic (t̃ inversion); points: α̂; at each bin's mean true q²",
      x: { field: 'x', title: 'q² [MeV²]', domain: [Math.max(0, lo - pad), hi + pad] },
      y: { field: 'alpha', title: 'coherency α', domain: [-0.03, 1.03] },
      colors: { 'Feldman–Cousins': '#0072B2', asymptotic: '#D55E00' },
      layers: [
        errorBarLayer({
          data: rows(true),
          yLow: 'lo',
          yHigh: 'hi',
          label: 'Feldman–Cousins',
          strokeWidth: 2.5,
          dodgePx: -TOYS_DODGE_PX,
        }),
        errorBarLayer({
          data: rows(false),
          yLow: 'lo',
          yHigh: 'hi',
          label: 'asymptotic',
          shape: 'square',
          dodgePx: TOYS_DODGE_PX,
        }),
      ],
    });
  });
  return panelGrid({ panels, columns: panels.length });
}
