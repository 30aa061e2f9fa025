/**
 * The {@link ToySource} of a counts dataset: its id, the sha256 of its JSON (the parsed, validated
 * dataset) and the recoil-energy label of each bin. `coherency toys` and the browser explorer (web/)
 * both build it here, so a job planned in either has the same hash and gives the same result file.
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import type { CountsDataset } from '../data/index.js';
import type { ToySource } from './types.js';

/** Bin label: the recoil-energy range, e.g. `16.1–20.8 keV`. */
function energyLabel(bin: CountsDataset['bins'][number]): string {
  return `${bin.tLoKeV.toFixed(1)}–${bin.tHiKeV.toFixed(1)} keV`;
}

/** Source record of a counts dataset for {@link planToys} (hash: sha256 hex of `JSON.stringify(dataset)`). */
export function datasetToySource(dataset: CountsDataset): ToySource {
  return {
    id: dataset.id,
    hash: bytesToHex(sha256(utf8ToBytes(JSON.stringify(dataset)))),
    binLabels: dataset.bins.map(energyLabel),
  };
}
