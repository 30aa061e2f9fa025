/**
 * A counts dataset (docs/dataset-format.md) from a setup (detector, source, exposure, response: the
 * setup format of `coherency project`) and observed counts per bin (src/data/observedCounts.ts):
 * `coherency dataset build`. The setup's binning is replaced by the observed bins and its response
 * folded once (response.ts); then per bin j and nucleus k of the target
 *
 *   sCoh_jk  = X Σ_i A_jki                          predicted CEvNS counts at α = 1 (Eq. A2 folded),
 *   sHelm_jk = X Σ_i A_jki · F²_Helm,k(q²_ki)        the Standard Model with the paper's Helm form
 *                                                    factor (Eq. 9: R = 1.2 A^{1/3} fm, s = 0.5 fm),
 *   ⟨q²⟩_jk  = Σ_i A_jki q²_ki / Σ_i A_jki            the α = 1 signal-weighted mean q² in the bin,
 *   q² edges = 2 M_k T + T² at T_k = the bin's energy edges through the mean response of nucleus k,
 *   d_k      = (ε²Z + N)/(εZ − N)²                    (Sharma et al. 2021, Eq. 6, Table I),
 *
 * with X the exposure [kg·s], A_jki the folded response (efficiency, resolution, bin probability) at
 * Gauss–Legendre node i. The bin-level T edges are the abundance-weighted mean of the nuclei's T edges
 * (equal for a keVnr observable or a nucleus-independent quenching factor), the bin-level q² edges use
 * the target's mean nuclear mass, as the shipped fixtures do. The counts and backgrounds are copied
 * from the observed file; the result is validated with the dataset schema before it is returned.
 */
import {
  datasetNuclei,
  loadSetup,
  meanNuclearMassMeV,
  parseDataset,
  type CountsBin,
  type CountsDataset,
  type ObservedCounts,
  type ResolvedSetup,
} from '../data/index.js';
import { SpecError, formatPath } from '../errors.js';
import { PAPER_HELM_MODEL, q2FromRecoil, SECONDS_PER_DAY } from '../physics/index.js';
import { buildResponse, xiAtNodes } from './response.js';

export interface DatasetBuildOptions {
  /** The setup's name in messages and provenance (file name or "preset NAME"). */
  readonly setupSource: string;
  /** Directory relative paths in the setup are resolved against. */
  readonly baseDir?: string;
  readonly spectraDir?: string;
  /** Override the observed file's (or the default) id, experiment, title. */
  readonly id?: string;
  readonly experiment?: string;
  readonly title?: string;
}

const GENERATOR = 'coherency dataset build → src/sensitivity/datasetBuild.ts (buildDataset)';

function observedError(obs: ObservedCounts, path: (string | number)[], message: string): SpecError {
  return new SpecError('invalid_input', `${obs.source}: ${formatPath(path)}: ${message}`, path);
}

/** The observed bins' edges as one increasing list (gaps become response bins that are dropped). */
function responseEdges(obs: ObservedCounts): { edges: number[]; index: number[] } {
  const edges: number[] = [];
  const index: number[] = [];
  for (const b of obs.bins) {
    if (edges.length === 0 || edges[edges.length - 1] !== b.lo) edges.push(b.lo);
    index.push(edges.length - 1);
    edges.push(b.hi);
  }
  return { edges, index };
}

/** The observed bins against the setup: same energy scale, at or above threshold, below the end point. */
function checkAgainstSetup(observed: ObservedCounts, setup: ResolvedSetup, setupSource: string): void {
  const scale = setup.observedScale;
  const threshold = `${setup.spec.threshold.value} ${setup.spec.threshold.unit}`;
  if (observed.scale !== scale) {
    throw observedError(
      observed,
      ['energyUnit'],
      `"${observed.energyUnit}" is a keV${observed.scale} unit but the setup ${setupSource} observes keV${scale} (its threshold is ${threshold}); expected bin edges in keV${scale}`,
    );
  }
  const lo0 = observed.bins[0]!.lo;
  if (lo0 * observed.keVPerUnit < setup.thresholdKeV * (1 - 1e-12)) {
    throw observedError(
      observed,
      ['bins', 0, 'lo'],
      `${lo0} ${observed.energyUnit} is below the setup's threshold ${threshold}; expected bins at or above the threshold`,
    );
  }
  const reachKeV = Math.max(...setup.nuclei.map((n, k) => setup.toObserved(setup.endPointKeVnr[k]!, n)));
  if (setup.resolution !== undefined) return;
  observed.bins.forEach((b, i) => {
    if (b.lo * observed.keVPerUnit >= reachKeV) {
      throw observedError(
        observed,
        ['bins', i],
        `${b.lo}–${b.hi} ${observed.energyUnit} lies above the largest observable energy ${(reachKeV / observed.keVPerUnit).toPrecision(4)} ${observed.energyUnit} (kinematic end point): the setup predicts no CEvNS events there; drop the bin`,
      );
    }
  });
}

/**
 * Build the dataset. `setupRaw` is the setup JSON (a file's content or a preset's); its `binning` is
 * replaced by the observed bins. Throws SpecError naming the setup or observed file for a problem.
 */
export function buildDataset(
  setupRaw: Record<string, unknown>,
  observed: ObservedCounts,
  opts: DatasetBuildOptions,
): CountsDataset {
  const resolveOpts = {
    ...(opts.baseDir === undefined ? {} : { baseDir: opts.baseDir }),
    ...(opts.spectraDir === undefined ? {} : { spectraDir: opts.spectraDir }),
  };
  // The setup as written first: its observed scale, threshold and kinematic reach check the bins.
  const base = loadSetup(setupRaw, opts.setupSource, resolveOpts);
  checkAgainstSetup(observed, base, opts.setupSource);
  const { edges, index } = responseEdges(observed);
  const setup = loadSetup(
    { ...setupRaw, binning: { unit: observed.energyUnit, edges } },
    opts.setupSource,
    resolveOpts,
  );
  const resp = buildResponse(setup);
  const helm = xiAtNodes(resp, PAPER_HELM_MODEL);
  const X = setup.exposureKgS;
  const abundance = setup.target.components.map((c) => c.atomsPerFormulaUnit);
  const abundanceSum = abundance.reduce((a, b) => a + b, 0);
  const meanMass = meanNuclearMassMeV(setup.target);
  const toKeV = observed.keVPerUnit;

  const bins: CountsBin[] = observed.bins.map((ob, i) => {
    const j = index[i]!;
    const loKeV = ob.lo * toKeV;
    const hiKeV = ob.hi * toKeV;
    const nuclei = resp.nuclei.map((r, k) => {
      const n = r.tKeV.length;
      let coh = 0;
      let sm = 0;
      let q2w = 0;
      for (let q = 0; q < n; q++) {
        const a = r.a[j * n + q]!;
        coh += a;
        sm += a * helm[k]![q]!;
        q2w += a * r.q2MeV2[q]!;
      }
      const tLo = setup.fromObserved(loKeV, r.nucleus);
      const tHi = setup.fromObserved(hiKeV, r.nucleus);
      return {
        label: r.nucleus.label,
        sCoh: X * coh,
        sHelm: X * sm,
        q2LoMeV2: q2FromRecoil(tLo * 1e-3, r.nucleus.massMeV),
        q2HiMeV2: q2FromRecoil(tHi * 1e-3, r.nucleus.massMeV),
        ...(coh > 0 ? { q2MeanMeV2: q2w / coh } : {}),
        tLo,
        tHi,
      };
    });
    const sCoh = nuclei.reduce((s, n) => s + n.sCoh, 0);
    if (!(sCoh > 0)) {
      throw observedError(
        observed,
        ['bins', i],
        `${ob.lo}–${ob.hi} ${observed.energyUnit}: the setup predicts no CEvNS events in this bin (above the kinematic end point or zero efficiency); drop the bin`,
      );
    }
    const mean = (f: (n: (typeof nuclei)[number]) => number) =>
      nuclei.reduce((s, n, k) => s + abundance[k]! * f(n), 0) / abundanceSum;
    const tLoKeV = mean((n) => n.tLo);
    const tHiKeV = mean((n) => n.tHi);
    return {
      observableLo: loKeV,
      observableHi: hiKeV,
      tLoKeV,
      tHiKeV,
      q2LoMeV2: q2FromRecoil(tLoKeV * 1e-3, meanMass),
      q2HiMeV2: q2FromRecoil(tHiKeV * 1e-3, meanMass),
      nOn: ob.nOn,
      ...(ob.nOff === undefined || ob.tau === undefined ? {} : { nOff: ob.nOff, tau: ob.tau }),
      ...(ob.knownBackground === undefined ? {} : { knownBackground: { ...ob.knownBackground } }),
      beamBackground: ob.beamBackground ?? 0,
      sCoh,
      sHelm: nuclei.reduce((s, n) => s + n.sHelm, 0),
      nuclei: nuclei.map(({ tLo: _lo, tHi: _hi, ...n }) => n),
    };
  });

  const stem = observed.source.replace(/\.[^.]*$/, '');
  const unitName = setup.observedScale === 'ee' ? 'keVee' : 'keVnr';
  const dataset = {
    $schemaVersion: '1.0.0',
    kind: 'counts',
    experiment: opts.experiment ?? observed.experiment ?? setup.name,
    id: opts.id ?? observed.id ?? stem,
    title:
      opts.title ??
      observed.title ??
      `${setup.name}: observed counts per ${unitName} bin with predictions from the setup`,
    publication: observed.publication ?? {
      citation: 'unpublished (no publication given in the observed-counts file)',
      arXiv: 'none',
      doi: 'none',
    },
    provenance: {
      dataRecordDoi: observed.provenance?.dataRecordDoi ?? 'none',
      files: [observed.source, opts.setupSource, ...(observed.provenance?.files ?? [])],
      generator: GENERATOR,
      notes: [
        `Predictions from setup "${setup.name}" (${setup.description}) folded over the observed bins; sHelm with the paper's Helm form factor (Eq. 9).`,
        ...(observed.provenance?.notes ?? []),
      ],
    },
    target: {
      label: setup.target.label,
      massKg: setup.massKg,
      nuclei: datasetNuclei(setup.target, setup.epsilon),
    },
    epsilon: setup.epsilon,
    observable: { name: `observed energy (${unitName})`, unit: unitName },
    analysisChoices: analysisChoices(setup, unitName),
    signalNormRelUncertainty: observed.signalNormRelUncertainty ?? setup.signalNormRelUncertainty,
    beamBackgroundRelUncertainty: observed.beamBackgroundRelUncertainty ?? 0,
    bins,
  };
  const ds = parseDataset(dataset, `dataset built from ${observed.source} and ${opts.setupSource}`);
  if (ds.kind !== 'counts') throw new Error('unreachable: built a non-counts dataset');
  return ds;
}

/** What the predictions depend on, recorded in the dataset. */
function analysisChoices(setup: ResolvedSetup, unitName: 'keVee' | 'keVnr') {
  return {
    setup: { value: setup.name, note: setup.description },
    source: { value: setup.spectrum.name, note: setup.spectrum.description },
    mass: { value: setup.massKg, unit: 'kg' as const },
    liveTime: { value: setup.liveTimeS / SECONDS_PER_DAY, unit: 'day' as const },
    threshold: { value: setup.thresholdKeV, unit: unitName },
    ...(setup.quenchingLabel === undefined ? {} : { quenching: { value: setup.quenchingLabel } }),
    resolution: {
      value:
        setup.resolution === undefined
          ? 'none'
          : `σ² = (${setup.resolution.sigma0KeV} ${unitName})² + ${setup.resolution.stochasticSqrtKeV}² ${unitName}·E`,
    },
    formFactorOfSHelm: { value: 'Helm, Eq. 9 (R = 1.2 A^(1/3) fm, s = 0.5 fm)' },
  };
}
