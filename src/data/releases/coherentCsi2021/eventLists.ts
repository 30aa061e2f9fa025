/**
 * The unbinned beam-on event lists of the release (README): `dataBeamOnC.txt` (coincidence window,
 * signal) and `dataBeamOnAC.txt` (anti-coincidence window before the beam trigger, steady-state
 * background), two columns after two comment lines: reconstructed energy [PE] and arrival time [µs].
 * The supplement selects PE < 250 and 0 ≤ t < 12 µs; an event outside that range is an error naming
 * its line. Histogramming into analysis bins is `histogramEvents`.
 */
import { numericLines, readReleaseText, releaseError } from './textFile.js';

export const CSI_2021_EVENT_FILES = {
  coincidence: 'dataBeamOnC.txt',
  anticoincidence: 'dataBeamOnAC.txt',
} as const;

/** Selection range of the released events (supplement): PE ∈ [0, 250), t ∈ [0, 12) µs. */
export const CSI_2021_EVENT_RANGE = { peMax: 250, timeMaxUs: 12 } as const;

export interface EventList {
  readonly file: string;
  readonly pe: Float64Array;
  readonly timeUs: Float64Array;
}

/** Parse one event list (text of `file`). */
export function parseEventList(text: string, file: string): EventList {
  const rows = numericLines(text, 2, file);
  if (rows.length === 0) releaseError(file, undefined, 'no events; expected two columns (PE, µs) per line');
  const pe = new Float64Array(rows.length);
  const timeUs = new Float64Array(rows.length);
  rows.forEach(({ line, values }, i) => {
    const [x, t] = values as [number, number];
    if (!(x >= 0 && x < CSI_2021_EVENT_RANGE.peMax)) {
      releaseError(
        file,
        line,
        `energy ${x} PE is outside the release selection [0, ${CSI_2021_EVENT_RANGE.peMax})`,
      );
    }
    if (!(t >= 0 && t < CSI_2021_EVENT_RANGE.timeMaxUs)) {
      releaseError(
        file,
        line,
        `time ${t} µs is outside the release selection [0, ${CSI_2021_EVENT_RANGE.timeMaxUs})`,
      );
    }
    pe[i] = x;
    timeUs[i] = t;
  });
  return { file, pe, timeUs };
}

export function readEventList(dir: string, file: string): EventList {
  return parseEventList(readReleaseText(dir, file), file);
}

/** Index of the bin [e_j, e_{j+1}) holding x, or −1 outside [e_0, e_last). */
export function binIndex(edges: readonly number[], x: number): number {
  if (!(x >= edges[0]!) || !(x < edges[edges.length - 1]!)) return -1;
  let lo = 0;
  let hi = edges.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x >= edges[mid]!) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Counts per (PE bin, time bin), row-major with time fastest (bin = p·nT + k), of the events inside
 * the binning; events outside it (e.g. above the fit region's 60 PE) are not counted.
 */
export function histogramEvents(
  events: EventList,
  peEdges: readonly number[],
  timeEdgesUs: readonly number[],
): number[] {
  const nT = timeEdgesUs.length - 1;
  const counts = new Array<number>((peEdges.length - 1) * nT).fill(0);
  for (let i = 0; i < events.pe.length; i++) {
    const p = binIndex(peEdges, events.pe[i]!);
    const k = binIndex(timeEdgesUs, events.timeUs[i]!);
    if (p >= 0 && k >= 0) counts[p * nT + k]! += 1;
  }
  return counts;
}
