/**
 * A template dataset (templateDataset.ts) restricted to some of its channels, e.g. the XENONnT ⁸B
 * science runs SR0+SR1 of `xenonnt-8b` (`coherency analyze xenonnt-8b --channels sr0,sr1`).
 *
 * The workspace goes through `selectChannels` (workspace/transform.ts): the other channels, their
 * observations and the parameters that then affect nothing are dropped. The band metadata describe the
 * signal summed over ALL channels, so they are rescaled to the kept ones:
 *
 *   f_j = Σ_{kept channels} (excess_j + floor_j) / Σ_{all channels} (excess_j + floor_j)
 *   s_coh,jk → f_j · s_coh,jk,   s_Helm,jk → f_j · s_Helm,jk
 *
 * (nominal sample totals; excess + floor = Σ_k s_jk exactly, so the band's s_coh is exact). The split
 * over nuclei, the Standard-Model ratio s_Helm/s_coh and the mean q² are those of all channels: exact
 * when every channel has the same response to recoils of every nucleus, otherwise an approximation
 * (XENONnT: α_Helm per run differs by < 0.2 %, test/data/templateSubset.test.ts). A band whose signal
 * lies only in dropped channels is dropped; the kept bands must still be contiguous in q², and at
 * least one must remain (else SpecError: the subset removes every band's signal).
 */
import { SpecError } from '../errors.js';
import { parseAnyDataset, type TemplateDataset } from './dataset.js';
import { parseChannelList, parseWorkspace, selectChannels, selectMeasurement } from './workspace/index.js';
import type { Workspace } from './workspace/index.js';

/** Nominal events of the named samples per channel. */
function signalByChannel(ws: Workspace, samples: ReadonlySet<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of ws.channels) {
    let total = 0;
    for (const s of c.samples) if (samples.has(s.name)) for (const v of s.data) total += v;
    out.set(c.name, total);
  }
  return out;
}

/**
 * The dataset restricted to the channels named in `list` (comma-separated, e.g. "sr0,sr1"); the names
 * are validated against the workspace (unknown, empty or repeated names → one SpecError line).
 */
export function selectTemplateChannels(ds: TemplateDataset, list: string): TemplateDataset {
  const workspace = parseWorkspace(ds.workspace, `${ds.id}: workspace`);
  const names = parseChannelList(workspace, list);
  const keep = new Set(names);
  const fractions = ds.bands.map((b) => {
    const byChannel = signalByChannel(workspace, new Set([b.excessSample, b.floorSample]));
    let kept = 0;
    let all = 0;
    for (const [c, v] of byChannel) {
      all += v;
      if (keep.has(c)) kept += v;
    }
    return all > 0 ? kept / all : 0;
  });
  const kept = ds.bands.flatMap((b, j) => (fractions[j]! > 0 ? [{ band: b, f: fractions[j]! }] : []));
  if (kept.length === 0) {
    throw new SpecError(
      'invalid_input',
      `channels: ${names.join(', ')} hold no CEvNS signal of any band (${ds.bands.map((b) => b.excessSample).join(', ')}); expected a subset with signal`,
      ['channels'],
    );
  }
  for (let i = 1; i < kept.length; i++) {
    const prev = kept[i - 1]!.band;
    const b = kept[i]!.band;
    if (b.q2LoMeV2 !== prev.q2HiMeV2) {
      throw new SpecError(
        'invalid_input',
        `channels: ${names.join(', ')} leave no signal in the band(s) between q² = ${prev.q2HiMeV2} and ${b.q2LoMeV2} MeV²; expected a subset whose bands stay contiguous`,
        ['channels'],
      );
    }
  }
  // The measurement's POI may be a band that went: point it at the first band kept.
  const measurement = selectMeasurement(workspace, ds.measurement);
  const keptPois = new Set(kept.map((k) => k.band.poi));
  const repointed: Workspace = keptPois.has(measurement.config.poi)
    ? workspace
    : {
        ...workspace,
        measurements: workspace.measurements.map((m) =>
          m.name === measurement.name ? { ...m, config: { ...m.config, poi: kept[0]!.band.poi } } : m,
        ),
      };
  const subset = selectChannels(repointed, names);
  const raw: TemplateDataset = {
    ...ds,
    title: `${ds.title} (subset of channels: ${names.join(', ')})`,
    channels: ds.channels.filter((c) => keep.has(c.name)),
    bands: kept.map(({ band, f }) => ({
      ...band,
      nuclei: band.nuclei.map((n) => ({
        ...n,
        sCoh: n.sCoh * f,
        ...(n.sHelm === undefined ? {} : { sHelm: n.sHelm * f }),
      })),
    })),
    analysisChoices: {
      ...ds.analysisChoices,
      channels: {
        value: names.join(','),
        note: 'channel subset (templateSubset.ts): band signal totals rescaled to the kept channels',
      },
    },
    workspace: subset,
  };
  const parsed = parseAnyDataset(raw, `${ds.id} (channels ${names.join(', ')})`);
  return parsed as TemplateDataset;
}
