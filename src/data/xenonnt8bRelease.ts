/**
 * Reader of the XENONnT solar-⁸B CEvNS data release (subset in ../shared/data/xenonnt-8b; XENONnT
 * collaboration, "XENONnT solar boron-8 neutrino and light dark matter searches", Zenodo,
 * doi:10.5281/zenodo.20576156, CC-BY 4.0; papers PRL 133, 191002 (2024), PRL 134, 111802 (2025),
 * arXiv:2604.06002) → the project's efficiency fixture `fixtures/xenonnt-8b-efficiency.json`.
 *
 * What is derived. Each `templates/srN/mono/…_mono_E_…tly_0.0_tqy_0.0.h5` holds, for a mono-energetic
 * nuclear recoil of E keV_nr (E = 0.5, 0.6, …, 5.0), the detection efficiency distributed over the
 * 3×3×3×3 = 81 bins of the analysis space (release README). Summing over the 81 bins gives the
 * probability that such a recoil is detected inside the analysis region at all: the nuclear-recoil
 * detection efficiency ε_N(E) of science run N. The exposure-weighted curve is
 * ε(E) = Σ_N X_N ε_N(E) / Σ_N X_N with the release's exposures X (t·yr): SR0 1.174398, SR1 2.342593,
 * SR2 3.249665. The totals of the background templates (accidental coincidences, electronic recoils,
 * radiogenic neutrons; expected events per t·yr summed over the 81 bins) are kept as well: the xe-solar
 * preset uses them as its background level.
 *
 * Only the nominal light/charge-yield templates (tly = tqy = 0) are in the subset, so the yield
 * uncertainties of the real analysis are not represented. HDF5 is read with h5wasm (the HDF5 C library
 * compiled to WebAssembly; its Node build reads the host file system directly).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SpecError } from '../errors.js';
import {
  XENONNT_8B_SCHEMA,
  XENONNT_RUNS,
  type XenonntEfficiencyFixture,
  type XenonntRun,
} from './xenonntEfficiency.js';

/** Exposures of the release's own example [t·yr] (release README). */
export const XENONNT_RELEASE_EXPOSURES_T_YR: Readonly<Record<XenonntRun, number>> = {
  sr0: 1.174398,
  sr1: 2.342593,
  sr2: 3.249665,
};

/** Shape of every template: 3 bins in each of the four observables. */
const TEMPLATE_SIZE = 81;

const MONO_RE = /^template_XENONnT_(sr\d)_mono_(\d+\.\d+)_cevns_tly_0\.0_tqy_0\.0\.h5$/;

type H5 = typeof import('h5wasm/node');

async function openH5(): Promise<H5> {
  const h5 = await import('h5wasm/node');
  await h5.ready;
  return h5;
}

/** Sum of `/templates/template` of one file, with its shape checked. */
function templateSum(h5: H5, path: string): { sum: number; date: string | undefined } {
  if (!existsSync(path)) throw new SpecError('io_error', `XENONnT release: ${path} not found`, [path]);
  const f = new h5.File(path, 'r');
  try {
    const ds = f.get('templates/template');
    if (!(ds instanceof h5.Dataset)) {
      throw new SpecError('invalid_dataset', `${path}: no dataset /templates/template`, [path]);
    }
    const shape = ds.shape ?? [];
    const v = ds.value;
    if (!(v instanceof Float64Array) || v.length !== TEMPLATE_SIZE || shape.join('x') !== '3x3x3x3') {
      throw new SpecError(
        'invalid_dataset',
        `${path}: /templates/template has shape [${shape.join(', ')}]; expected [3, 3, 3, 3] float64`,
        [path],
      );
    }
    let sum = 0;
    for (const x of v) {
      if (!(Number.isFinite(x) && x >= 0)) {
        throw new SpecError('invalid_dataset', `${path}: template value ${x} is not a finite number ≥ 0`, [
          path,
        ]);
      }
      sum += x;
    }
    const date = f.attrs.date?.value;
    return { sum, date: typeof date === 'string' ? date : undefined };
  } finally {
    f.close();
  }
}

/** The mono-energetic template files of one run, sorted by energy. */
function monoFiles(releaseDir: string, run: XenonntRun): { eKeV: number; path: string }[] {
  const dir = join(releaseDir, 'templates', run, 'mono');
  if (!existsSync(dir)) throw new SpecError('io_error', `XENONnT release: ${dir} not found`, [dir]);
  return readdirSync(dir)
    .flatMap((name) => {
      const m = MONO_RE.exec(name);
      return m && m[1] === run ? [{ eKeV: Number(m[2]), path: join(dir, name) }] : [];
    })
    .sort((a, b) => a.eKeV - b.eKeV);
}

/**
 * Build the efficiency fixture from the release directory (e.g. ../shared/data/xenonnt-8b).
 * Deterministic: no timestamps; the caller writes it with stableJson (10 significant digits).
 */
export async function buildXenonnt8bEfficiency(releaseDir: string): Promise<XenonntEfficiencyFixture> {
  const h5 = await openH5();
  let energies: number[] | undefined;
  const dates = new Set<string>();
  const runs = {} as Record<XenonntRun, XenonntEfficiencyFixture['runs'][XenonntRun]>;
  for (const run of XENONNT_RUNS) {
    const files = monoFiles(releaseDir, run);
    const e = files.map((f) => f.eKeV);
    if (energies === undefined) energies = e;
    else if (e.join(',') !== energies.join(',')) {
      throw new SpecError('invalid_dataset', `XENONnT release: ${run} has a different energy grid`, [run]);
    }
    const efficiency = files.map((f) => {
      const t = templateSum(h5, f.path);
      if (t.date !== undefined) dates.add(t.date);
      return t.sum;
    });
    const bg = (kind: 'ac' | 'er' | 'rg') =>
      templateSum(
        h5,
        join(
          releaseDir,
          'templates',
          run,
          kind,
          kind === 'rg'
            ? `template_XENONnT_${run}_rg_cevns_tly_0.0_tqy_0.0.h5`
            : `template_XENONnT_${run}_${kind}_cevns.h5`,
        ),
      ).sum;
    runs[run] = {
      exposureTonneYear: XENONNT_RELEASE_EXPOSURES_T_YR[run],
      efficiency,
      backgroundPerTonneYear: {
        accidentalCoincidence: bg('ac'),
        electronicRecoil: bg('er'),
        radiogenicNeutron: bg('rg'),
      },
    };
  }
  const grid = energies ?? [];
  if (grid.length < 2)
    throw new SpecError('invalid_dataset', 'XENONnT release: fewer than 2 mono templates', []);
  const total = XENONNT_RUNS.reduce((s, r) => s + runs[r].exposureTonneYear, 0);
  const exposureWeighted = grid.map(
    (_, i) =>
      XENONNT_RUNS.reduce((s, r) => s + runs[r].exposureTonneYear * runs[r].efficiency[i]!, 0) / total,
  );
  return {
    schema: XENONNT_8B_SCHEMA,
    description:
      'XENONnT nuclear-recoil detection efficiency for the solar-8B CEvNS analysis: for each mono-energetic recoil E, the sum over the 81 analysis bins of its template (nominal light/charge yields), per science run and exposure-weighted.',
    provenance: {
      release: 'XENONnT solar boron-8 neutrino and light dark matter searches (XENONnT collaboration)',
      dataRecordDoi: '10.5281/zenodo.20576156',
      license: 'CC-BY 4.0',
      papers: [
        'XENON collaboration, Phys. Rev. Lett. 133, 191002 (2024)',
        'XENON collaboration, Phys. Rev. Lett. 134, 111802 (2025)',
        'XENON collaboration, arXiv:2604.06002',
      ],
      files: [
        'templates/srN/mono/template_XENONnT_srN_mono_E_cevns_tly_0.0_tqy_0.0.h5 (N = 0, 1, 2; E = 0.500 … 5.000 keV_nr): /templates/template summed over its 81 bins',
        'templates/srN/ac/template_XENONnT_srN_ac_cevns.h5, templates/srN/er/template_XENONnT_srN_er_cevns.h5, templates/srN/rg/template_XENONnT_srN_rg_cevns_tly_0.0_tqy_0.0.h5: totals per t·yr',
        'README.md: exposures SR0 1.174398, SR1 2.342593, SR2 3.249665 t·yr',
      ],
      templateDates: [...dates].sort(),
      generator: 'scripts/build-xenonnt-fixture.ts → src/data/xenonnt8bRelease.ts (buildXenonnt8bEfficiency)',
    },
    energyUnit: 'keVnr',
    energiesKeV: grid,
    runs,
    exposureWeighted,
  };
}
