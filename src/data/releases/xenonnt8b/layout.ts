/**
 * Layout of the XENONnT solar-⁸B CEvNS data release (XENON collaboration, "XENONnT solar boron-8
 * neutrino and light dark matter searches", Zenodo doi:10.5281/zenodo.20576156, CC-BY 4.0; the subset
 * in ../shared/data/xenonnt-8b and its README): which files a science run has, the four observables,
 * and the discovery of the light-/charge-yield template grid.
 *
 * Per science run N (sr0, sr1, sr2):
 *   data/srN.csv, binning/srN.yaml,
 *   templates/srN/ac/template_XENONnT_srN_ac_cevns.h5               (per t·yr)
 *   templates/srN/er/template_XENONnT_srN_er_cevns.h5               (per t·yr)
 *   templates/srN/rg/template_XENONnT_srN_rg_cevns_tly_a_tqy_b.h5    (per t·yr, yields (a, b))
 *   templates/srN/mono/template_XENONnT_srN_mono_E_cevns_tly_a_tqy_b.h5  (efficiency, recoil E keV_nr)
 * with a, b the light- and charge-yield nuisance parameters t_Ly, t_Qy in units of their σ (the subset
 * holds only a = b = 0.0; the full release a grid from −3 to +3). arXiv:2604.06002 defines them:
 * t = 0 is the median of the YBe-calibrated yield, t = ±1 its ±1σ quantiles.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SpecError } from '../../../errors.js';
import { XENONNT_RUNS, type XenonntRun } from '../../xenonntEfficiency.js';

export { XENONNT_RUNS, type XenonntRun };

/** Exposures of the release's own example [t·yr] (release README; plot.ipynb `livetimes`). */
export const XENONNT_EXPOSURES_T_YR: Readonly<Record<XenonntRun, number>> = {
  sr0: 1.174398,
  sr1: 2.342593,
  sr2: 3.249665,
};

/** Selected events per run as the release README states them (SR0 9, SR1 28, SR2 25). */
export const XENONNT_README_EVENT_COUNTS: Readonly<Record<XenonntRun, number>> = { sr0: 9, sr1: 28, sr2: 25 };

/**
 * The four observables in the release's axis order (`/bins/0..3` of every template, the YAML keys and
 * the CSV columns). The HDF5 files name the second axis without its `_quantile` suffix.
 */
export const XENONNT_OBSERVABLES = [
  { name: 'cs2', h5Name: 'cs2', unit: 'PE', label: 'cS2', description: 'corrected S2 amplitude' },
  {
    name: 's2_shadow_s2_time_shadow_quantile',
    h5Name: 's2_shadow_s2_time_shadow',
    unit: '1',
    label: 'S2 shadow quantile',
    description: 'quantile of S2_pre/Δt_pre (S2 shadow)',
  },
  {
    name: 's1_bdt_score',
    h5Name: 's1_bdt_score',
    unit: '1',
    label: 'S1 BDT score',
    description: 'S1 BDT score',
  },
  {
    name: 's2_bdt_score',
    h5Name: 's2_bdt_score',
    unit: '1',
    label: 'S2 BDT score',
    description: 'S2 BDT score',
  },
] as const;

/** Bins per observable and per run (3 × 3 × 3 × 3). */
export const XENONNT_BINS_PER_AXIS = 3;
export const XENONNT_BINS_PER_RUN = XENONNT_BINS_PER_AXIS ** XENONNT_OBSERVABLES.length;

/** A point of the yield grid (t_Ly, t_Qy) in units of σ. */
export interface YieldPoint {
  readonly tly: number;
  readonly tqy: number;
}

export const NOMINAL_YIELDS: YieldPoint = { tly: 0, tqy: 0 };

/** The file-name fragment of a yield point, e.g. `tly_-1.0_tqy_0.0`. */
export function yieldKey(p: YieldPoint): string {
  return `tly_${p.tly.toFixed(1)}_tqy_${p.tqy.toFixed(1)}`;
}

/** The mono template's energy fragment, e.g. `0.500`. */
export function energyKey(eKeV: number): string {
  return eKeV.toFixed(3);
}

export interface RunFiles {
  readonly run: XenonntRun;
  readonly csv: string;
  readonly yaml: string;
  readonly ac: string;
  readonly er: string;
  /** Radiogenic-neutron templates by yield key. */
  readonly rg: ReadonlyMap<string, string>;
  /** Mono energies of the nominal-yield grid, increasing [keV_nr]. */
  readonly monoEnergiesKeV: readonly number[];
  /** Mono templates by yield key, then by energy key. */
  readonly mono: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Every yield point found (rg or mono), sorted by t_Ly then t_Qy. */
  readonly yieldPoints: readonly YieldPoint[];
}

/** A release file that must exist; a SpecError naming it and what it is otherwise. */
export function requireFile(path: string, what: string): string {
  if (!existsSync(path)) {
    throw new SpecError('io_error', `XENONnT release: ${path} not found; expected ${what}`, [path]);
  }
  return path;
}

function listDir(dir: string, what: string): string[] {
  requireFile(dir, what);
  return readdirSync(dir).sort();
}

const NUM = String.raw`(-?\d+\.\d+)`;

/**
 * Find the files of one run in `releaseDir`. The AC, ER, nominal-yield RG templates, the CSV and the
 * YAML must exist, and every mono energy found must have its nominal-yield template; yield variations
 * are collected as they are (the grid need not be complete: see `requireYieldVariation`).
 */
export function discoverRunFiles(releaseDir: string, run: XenonntRun): RunFiles {
  const t = (kind: string) => join(releaseDir, 'templates', run, kind);
  const csv = requireFile(join(releaseDir, 'data', `${run}.csv`), `the event list of ${run}`);
  const yaml = requireFile(join(releaseDir, 'binning', `${run}.yaml`), `the binning of ${run}`);
  const ac = requireFile(
    join(t('ac'), `template_XENONnT_${run}_ac_cevns.h5`),
    `the accidental-coincidence template of ${run}`,
  );
  const er = requireFile(
    join(t('er'), `template_XENONnT_${run}_er_cevns.h5`),
    `the electronic-recoil template of ${run}`,
  );
  const points = new Map<string, YieldPoint>();
  const rgRe = new RegExp(`^template_XENONnT_${run}_rg_cevns_tly_${NUM}_tqy_${NUM}\\.h5$`);
  const rg = new Map<string, string>();
  for (const name of listDir(t('rg'), `the radiogenic-neutron templates of ${run}`)) {
    const m = rgRe.exec(name);
    if (!m) continue;
    const p = { tly: Number(m[1]), tqy: Number(m[2]) };
    points.set(yieldKey(p), p);
    rg.set(yieldKey(p), join(t('rg'), name));
  }
  const monoRe = new RegExp(`^template_XENONnT_${run}_mono_(\\d+\\.\\d+)_cevns_tly_${NUM}_tqy_${NUM}\\.h5$`);
  const mono = new Map<string, Map<string, string>>();
  for (const name of listDir(t('mono'), `the mono-energetic nuclear-recoil templates of ${run}`)) {
    const m = monoRe.exec(name);
    if (!m) continue;
    const p = { tly: Number(m[2]), tqy: Number(m[3]) };
    points.set(yieldKey(p), p);
    const byEnergy = mono.get(yieldKey(p)) ?? new Map<string, string>();
    byEnergy.set(energyKey(Number(m[1])), join(t('mono'), name));
    mono.set(yieldKey(p), byEnergy);
  }
  const nominal = yieldKey(NOMINAL_YIELDS);
  if (!rg.has(nominal)) {
    requireFile(
      join(t('rg'), `template_XENONnT_${run}_rg_cevns_${nominal}.h5`),
      `the radiogenic-neutron template of ${run} at nominal yields`,
    );
  }
  const nominalMono = mono.get(nominal);
  if (!nominalMono || nominalMono.size < 2) {
    throw new SpecError(
      'invalid_dataset',
      `XENONnT release: ${t('mono')} has ${nominalMono?.size ?? 0} nominal-yield (${nominal}) mono templates; expected at least 2 energies`,
      [t('mono')],
    );
  }
  const monoEnergiesKeV = [...nominalMono.keys()].map(Number).sort((a, b) => a - b);
  const yieldPoints = [...points.values()].sort((a, b) => a.tly - b.tly || a.tqy - b.tqy);
  return { run, csv, yaml, ac, er, rg, monoEnergiesKeV, mono, yieldPoints };
}

/**
 * The paths of a yield variation for every nominal mono energy and the RG template, or undefined when
 * the release has no file at all for this point. A point present for some energies but not for others
 * is an error naming the first missing file (a truncated grid would silently bias the histosys).
 */
export function requireYieldVariation(
  files: RunFiles,
  point: YieldPoint,
): { readonly mono: readonly string[]; readonly rg: string } | undefined {
  const key = yieldKey(point);
  const byEnergy = files.mono.get(key);
  const rg = files.rg.get(key);
  if (byEnergy === undefined && rg === undefined) return undefined;
  const dir = (kind: string) => join(files.ac, '..', '..', kind);
  const mono = files.monoEnergiesKeV.map((e) => {
    const path = byEnergy?.get(energyKey(e));
    if (path === undefined) {
      return requireFile(
        join(dir('mono'), `template_XENONnT_${files.run}_mono_${energyKey(e)}_cevns_${key}.h5`),
        `the ${files.run} mono template at ${energyKey(e)} keV_nr for yields ${key} (the grid has this point at other energies)`,
      );
    }
    return path;
  });
  const rgPath =
    rg ??
    requireFile(
      join(dir('rg'), `template_XENONnT_${files.run}_rg_cevns_${key}.h5`),
      `the ${files.run} radiogenic-neutron template for yields ${key} (the mono templates have this point)`,
    );
  return { mono, rg: rgPath };
}
