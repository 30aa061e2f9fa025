/**
 * The `"template"` kind of the dataset format (version 1.0.0): a binned likelihood in detector
 * observables, given as a pyhf HistFactory workspace (data/workspace), plus what the coherency
 * analysis needs to read α(q²) out of it.
 *
 * The CEvNS signal is split into BANDS of true q² (contiguous, non-overlapping q² ranges, the same
 * for every nucleus of the target; a band's recoil-energy range on nucleus k is T = q²/(2M_k)). For
 * band j the workspace holds two samples (in every channel where the signal appears):
 *
 *   `excessSample` = Σ_k s_jk·(1 − d_k) × normfactor `poi` (α_j ∈ [0, 1])     (the coherent excess)
 *   `floorSample`  = Σ_k s_jk·d_k                                             (the decoherent floor)
 *
 * with s_jk the predicted CEvNS events on nucleus k at complete coherency (α = 1) whose true q² lies
 * in band j, forward-folded into the observable bins, and d_k = (ε²Z + N)/(εZ − N)² (Sharma et al.
 * 2021, Eq. 6 and Table I). Both samples may carry further modifiers (flux, quenching, efficiency…).
 * Since ξ_k(α) = α + (1 − α)·d_k, the signal is exactly Σ_k s_jk·ξ_k(α_j), linear in α_j, so the
 * model stays a HistFactory model and exports to pyhf unchanged.
 *
 * `channels` describes the observable binning of each channel (the channel's bins are the row-major
 * product of its axes, the last axis fastest), for tables and figures; `published` carries the
 * collaboration's numbers (with their source) that `analyze` prints beside the toolkit's.
 */
import * as z from 'zod';
import { parseWorkspace, parameterSets, selectMeasurement, type Workspace } from './workspace/index.js';
import type { DatasetProblem } from './datasetIssues.js';

const nonEmpty = z.string().min(1);
const nonNegative = z.number().nonnegative();
const finite = z.number();

export const ObservableAxisSchema = z
  .object({
    name: nonEmpty,
    /** Unit of the edges, e.g. "PE", "us", "keVee", "keVnr", "1" (a ratio such as F90), "cS1". */
    unit: nonEmpty,
    /** How figures and tables name the observable, e.g. "cS2" for `cs2` (default: the name). */
    label: nonEmpty.optional(),
    edges: z.array(finite).min(2),
  })
  .strict();

export const TemplateChannelSchema = z
  .object({
    /** The workspace channel this describes. */
    name: nonEmpty,
    /** How figures title the channel, e.g. "SR0 (1.17 t·yr)" (default: the name). */
    label: nonEmpty.optional(),
    description: z.string().optional(),
    axes: z.array(ObservableAxisSchema).min(1),
  })
  .strict();

export const BandNucleusSchema = z
  .object({
    label: nonEmpty,
    /** The band's recoil-energy range on this nucleus [keV_nr] (q²/(2M)). */
    tLoKeV: nonNegative,
    tHiKeV: nonNegative,
    /** Predicted CEvNS events on this nucleus in this band at α = 1, after efficiency (all channels). */
    sCoh: nonNegative,
    /** The Standard-Model (Helm form factor) prediction of the same. */
    sHelm: nonNegative.optional(),
  })
  .strict();

export const BandSchema = z
  .object({
    /** The normfactor (α of this band) in the workspace. */
    poi: nonEmpty,
    q2LoMeV2: nonNegative,
    q2HiMeV2: nonNegative,
    /** Mean true q² of the α = 1 signal in this band (after efficiency). */
    q2MeanMeV2: nonNegative,
    excessSample: nonEmpty,
    floorSample: nonEmpty,
    nuclei: z.array(BandNucleusSchema).min(1),
  })
  .strict();

export const PublishedValueSchema = z
  .object({
    /** What the number is, e.g. "fitted CEvNS events", "SM prediction", "significance". */
    name: nonEmpty,
    value: finite,
    uncertainty: nonNegative.optional(),
    uncertaintyLo: nonNegative.optional(),
    uncertaintyHi: nonNegative.optional(),
    unit: nonEmpty,
    /** Publication (and table/figure) the number comes from. */
    source: nonEmpty,
    note: z.string().optional(),
  })
  .strict();

/** Fields shared with the other kinds (dataset.ts passes its own definitions in). */
export function templateDatasetSchema<C extends z.ZodRawShape>(common: C, analysisChoice: z.ZodTypeAny) {
  return z
    .object({
      $schemaVersion: z.literal('1.0.0'),
      kind: z.literal('template'),
      ...common,
      /** Which workspace measurement to use (default: the first). */
      measurement: nonEmpty.optional(),
      channels: z.array(TemplateChannelSchema).min(1),
      bands: z.array(BandSchema).min(1),
      analysisChoices: z.record(z.string(), analysisChoice),
      published: z.array(PublishedValueSchema).optional(),
      /** How figures name the workspace's samples, e.g. {"bkg_ac": "accidental coincidences"}. */
      sampleLabels: z.record(z.string(), nonEmpty).optional(),
      /** The HistFactory workspace (pyhf schema 1.0.0), validated by data/workspace. */
      workspace: z.unknown(),
    })
    .strict();
}

interface TemplateLike {
  readonly measurement?: string | undefined;
  readonly channels: readonly z.infer<typeof TemplateChannelSchema>[];
  readonly bands: readonly z.infer<typeof BandSchema>[];
  readonly target: { readonly nuclei: readonly { readonly label: string }[] };
  readonly workspace: unknown;
}

/**
 * Cross-field rules of a template dataset, after the workspace itself is valid:
 * - every described channel exists in the workspace and its axes' bins multiply to its bin count;
 * - bands are contiguous in q² (band j's q2Lo = band j−1's q2Hi: a layout with gaps is rejected),
 *   each with q2Lo < q2Hi and the target's nuclei in order;
 * - each band's `poi` is a normfactor of the measurement bounded to [0, 1], carried by its
 *   `excessSample` (in every channel where that sample appears) and by no other sample;
 *   its `floorSample` exists and does not carry it.
 */
export function checkTemplateDataset(
  ds: TemplateLike,
  source: string,
): { workspace: Workspace; problems: DatasetProblem[] } {
  const workspace = parseWorkspace(ds.workspace, `${source}: workspace`);
  const problems: DatasetProblem[] = [];
  const measurement = selectMeasurement(workspace, ds.measurement);
  const sets = new Map(parameterSets(workspace, measurement).map((s) => [s.name, s]));
  ds.channels.forEach((c, ci) => {
    const wc = workspace.channels.find((x) => x.name === c.name);
    if (!wc) {
      problems.push({
        path: ['channels', ci, 'name'],
        message: `"${c.name}" is not a channel of the workspace`,
      });
      return;
    }
    const nBins = c.axes.reduce((p, a) => p * (a.edges.length - 1), 1);
    if (nBins !== wc.samples[0]!.data.length) {
      problems.push({
        path: ['channels', ci, 'axes'],
        message: `the axes give ${nBins} bins; expected ${wc.samples[0]!.data.length} (the workspace channel's bins)`,
      });
    }
    c.axes.forEach((a, ai) => {
      for (let e = 1; e < a.edges.length; e++) {
        if (!(a.edges[e]! > a.edges[e - 1]!)) {
          problems.push({
            path: ['channels', ci, 'axes', ai, 'edges', e],
            message: `${a.edges[e]} is not above ${a.edges[e - 1]}; expected increasing edges`,
          });
          break;
        }
      }
    });
  });
  const labels = ds.target.nuclei.map((n) => n.label);
  ds.bands.forEach((b, j) => {
    const at = ['bands', j];
    if (!(b.q2HiMeV2 > b.q2LoMeV2))
      problems.push({
        path: [...at, 'q2HiMeV2'],
        message: `${b.q2HiMeV2} is not above q2LoMeV2 = ${b.q2LoMeV2}`,
      });
    if (j > 0 && b.q2LoMeV2 !== ds.bands[j - 1]!.q2HiMeV2) {
      problems.push({
        path: [...at, 'q2LoMeV2'],
        message: `${b.q2LoMeV2} does not continue band ${j - 1} (q2HiMeV2 = ${ds.bands[j - 1]!.q2HiMeV2}); expected contiguous bands without gaps or overlaps`,
      });
    }
    if (b.nuclei.map((n) => n.label).join() !== labels.join()) {
      problems.push({
        path: [...at, 'nuclei'],
        message: `lists ${b.nuclei.map((n) => n.label).join(', ')}; expected the target's nuclei ${labels.join(', ')} in order`,
      });
    }
    const set = sets.get(b.poi);
    if (!set || !set.types.includes('normfactor')) {
      problems.push({ path: [...at, 'poi'], message: `"${b.poi}" is not a normfactor of the workspace` });
      return;
    }
    const [lo, hi] = set.bounds[0]!;
    if (lo !== 0 || hi !== 1) {
      problems.push({
        path: [...at, 'poi'],
        message: `"${b.poi}" has bounds [${lo}, ${hi}] in measurement "${measurement.name}"; expected [0, 1] (α is bounded to [0, 1])`,
      });
    }
    for (const ch of workspace.channels) {
      for (const s of ch.samples) {
        const carries = s.modifiers.some((m) => m.type === 'normfactor' && m.name === b.poi);
        if (s.name === b.excessSample && !carries) {
          problems.push({
            path: [...at, 'excessSample'],
            message: `sample "${s.name}" in channel "${ch.name}" does not carry normfactor "${b.poi}"`,
          });
        }
        if (s.name !== b.excessSample && carries) {
          problems.push({
            path: [...at, 'poi'],
            message: `normfactor "${b.poi}" is also on sample "${s.name}" in channel "${ch.name}"; expected it on the band's excess sample only`,
          });
        }
      }
    }
    const has = (name: string) => workspace.channels.some((ch) => ch.samples.some((s) => s.name === name));
    if (!has(b.excessSample))
      problems.push({
        path: [...at, 'excessSample'],
        message: `"${b.excessSample}" is not a sample of the workspace`,
      });
    if (!has(b.floorSample))
      problems.push({
        path: [...at, 'floorSample'],
        message: `"${b.floorSample}" is not a sample of the workspace`,
      });
    b.nuclei.forEach((n, k) => {
      if (!(n.tHiKeV > n.tLoKeV))
        problems.push({
          path: [...at, 'nuclei', k, 'tHiKeV'],
          message: `${n.tHiKeV} is not above tLoKeV = ${n.tLoKeV}`,
        });
    });
  });
  return { workspace, problems };
}
