/**
 * Read the XENONnT ⁸B release (layout.ts) into per-run arrays: observed counts binned with the run's
 * own binning, the AC, ER and radiogenic-neutron (RG) templates per t·yr, the mono-energetic
 * nuclear-recoil efficiency templates, and — where the release has them — the ±1σ light-yield (t_Ly)
 * and charge-yield (t_Qy) variations of the mono and RG templates, from which the workspace builds
 * histosys modifiers. Every template's binning is checked against the run's YAML.
 */
import { relative } from 'node:path';
import { SpecError } from '../../../errors.js';
import { checkTemplateBinning, readRunBinning, type RunBinning } from './binning.js';
import { readRunEvents, type RunEvents } from './events.js';
import { loadH5, readReleaseTemplate, type H5Module, type ReleaseTemplate } from './hdf5Template.js';
import {
  discoverRunFiles,
  energyKey,
  NOMINAL_YIELDS,
  requireYieldVariation,
  XENONNT_EXPOSURES_T_YR,
  XENONNT_README_EVENT_COUNTS,
  XENONNT_RUNS,
  yieldKey,
  type RunFiles,
  type XenonntRun,
  type YieldPoint,
} from './layout.js';

/** The two yield nuisances and their ±1σ grid points (t_Ly, t_Qy of the release's file names). */
export const YIELD_AXES = [
  { name: 't_ly', lo: { tly: -1, tqy: 0 }, hi: { tly: 1, tqy: 0 } },
  { name: 't_qy', lo: { tly: 0, tqy: -1 }, hi: { tly: 0, tqy: 1 } },
] as const satisfies readonly { name: string; lo: YieldPoint; hi: YieldPoint }[];

export type YieldAxisName = (typeof YIELD_AXES)[number]['name'];

/** Mono and RG templates at one yield point. */
export interface YieldTemplates {
  /** Per mono energy (same order as `monoEnergiesKeV`): efficiency per observable bin. */
  readonly mono: readonly Float64Array[];
  /** RG expectation per t·yr per bin. */
  readonly rg: Float64Array;
}

export interface ReleaseRun {
  readonly run: XenonntRun;
  readonly exposureTonneYear: number;
  readonly binning: RunBinning;
  readonly observed: RunEvents;
  /** AC, ER expectation per t·yr per bin. */
  readonly ac: Float64Array;
  readonly er: Float64Array;
  readonly monoEnergiesKeV: readonly number[];
  /** Nominal yields. */
  readonly nominal: YieldTemplates;
  /** ±1σ variations of each yield axis the release has (empty in the nominal-only subset). */
  readonly yieldVariations: readonly {
    readonly axis: YieldAxisName;
    readonly lo: YieldTemplates;
    readonly hi: YieldTemplates;
  }[];
  /** Every yield point found in the run's folders. */
  readonly yieldGrid: readonly YieldPoint[];
}

export interface XenonntRelease {
  readonly dir: string;
  readonly runs: readonly ReleaseRun[];
  /** Release files read, relative to `dir`, sorted. */
  readonly filesRead: readonly string[];
  /** The templates' `date` attributes, sorted, unique. */
  readonly templateDates: readonly string[];
}

export interface ReadOptions {
  /** Science runs to read (default all three). */
  readonly runs?: readonly XenonntRun[];
  /** Check the event counts against the release README (default true). */
  readonly checkReadmeEventCounts?: boolean;
}

class RunReader {
  readonly read: ReleaseTemplate[] = [];
  constructor(
    private readonly h5: H5Module,
    private readonly binning: RunBinning,
    private readonly binningPath: string,
  ) {}

  template(path: string, what: string): Float64Array {
    const t = readReleaseTemplate(this.h5, path, what);
    checkTemplateBinning(t, this.binning, this.binningPath);
    this.read.push(t);
    return t.values;
  }

  yieldTemplates(files: RunFiles, mono: readonly string[], rg: string, p: YieldPoint): YieldTemplates {
    return {
      mono: mono.map((path, i) =>
        this.template(
          path,
          `the ${files.run} mono template at ${energyKey(files.monoEnergiesKeV[i]!)} keV_nr, ${yieldKey(p)}`,
        ),
      ),
      rg: this.template(rg, `the ${files.run} radiogenic-neutron template, ${yieldKey(p)}`),
    };
  }
}

function readRun(h5: H5Module, dir: string, run: XenonntRun, opts: ReadOptions) {
  const files = discoverRunFiles(dir, run);
  const binning = readRunBinning(files.yaml);
  const observed = readRunEvents(files.csv, binning);
  const expectedEvents = XENONNT_README_EVENT_COUNTS[run];
  if ((opts.checkReadmeEventCounts ?? true) && observed.events.length !== expectedEvents) {
    throw new SpecError(
      'invalid_dataset',
      `${files.csv}: ${observed.events.length} events; expected ${expectedEvents} (the release README's count for ${run})`,
      [files.csv],
    );
  }
  const r = new RunReader(h5, binning, files.yaml);
  const ac = r.template(files.ac, `the accidental-coincidence template of ${run}`);
  const er = r.template(files.er, `the electronic-recoil template of ${run}`);
  const nominalFiles = requireYieldVariation(files, NOMINAL_YIELDS)!;
  const nominal = r.yieldTemplates(files, nominalFiles.mono, nominalFiles.rg, NOMINAL_YIELDS);
  const yieldVariations: ReleaseRun['yieldVariations'][number][] = [];
  for (const axis of YIELD_AXES) {
    const lo = requireYieldVariation(files, axis.lo);
    const hi = requireYieldVariation(files, axis.hi);
    if (lo === undefined && hi === undefined) continue;
    if (lo === undefined || hi === undefined) {
      const missing = yieldKey(lo === undefined ? axis.lo : axis.hi);
      throw new SpecError(
        'invalid_dataset',
        `XENONnT release: ${run} has the ${yieldKey(lo === undefined ? axis.hi : axis.lo)} templates but none for ${missing}; expected both ±1σ points of ${axis.name}`,
        [run, axis.name],
      );
    }
    yieldVariations.push({
      axis: axis.name,
      lo: r.yieldTemplates(files, lo.mono, lo.rg, axis.lo),
      hi: r.yieldTemplates(files, hi.mono, hi.rg, axis.hi),
    });
  }
  const releaseRun: ReleaseRun = {
    run,
    exposureTonneYear: XENONNT_EXPOSURES_T_YR[run],
    binning,
    observed,
    ac,
    er,
    monoEnergiesKeV: files.monoEnergiesKeV,
    nominal,
    yieldVariations,
    yieldGrid: files.yieldPoints,
  };
  return { releaseRun, read: r.read, text: [files.csv, files.yaml] };
}

/** Read the release in `dir` (e.g. ../shared/data/xenonnt-8b). */
export async function readXenonnt8bRelease(dir: string, opts: ReadOptions = {}): Promise<XenonntRelease> {
  const h5 = await loadH5();
  const runs: ReleaseRun[] = [];
  const files = new Set<string>();
  const dates = new Set<string>();
  for (const run of opts.runs ?? XENONNT_RUNS) {
    const { releaseRun, read, text } = readRun(h5, dir, run, opts);
    runs.push(releaseRun);
    for (const t of read) {
      files.add(relative(dir, t.path));
      if (t.date !== undefined) dates.add(t.date);
    }
    for (const p of text) files.add(relative(dir, p));
  }
  const variations = new Set(runs.map((r) => r.yieldVariations.map((v) => v.axis).join(',')));
  if (variations.size > 1) {
    throw new SpecError(
      'invalid_dataset',
      `XENONnT release: the runs have different yield variations (${[...variations].map((v) => `[${v}]`).join(' vs ')}); expected the same t_Ly/t_Qy templates in every run`,
      [],
    );
  }
  return { dir, runs, filesRead: [...files].sort(), templateDates: [...dates].sort() };
}
