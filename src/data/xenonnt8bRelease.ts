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
 * uncertainties of the real analysis are not represented. Files are found and read (h5wasm) by the
 * release reader in releases/xenonnt8b, which also builds the full template dataset (fixtures/xenonnt-8b.json).
 */
import { SpecError } from '../errors.js';
import {
  discoverRunFiles,
  loadH5,
  NOMINAL_YIELDS,
  readReleaseTemplate,
  XENONNT_EXPOSURES_T_YR,
  yieldKey,
  type H5Module,
} from './releases/xenonnt8b/index.js';
import {
  XENONNT_8B_SCHEMA,
  XENONNT_RUNS,
  type XenonntEfficiencyFixture,
  type XenonntRun,
} from './xenonntEfficiency.js';

/** Exposures of the release's own example [t·yr] (release README). */
export const XENONNT_RELEASE_EXPOSURES_T_YR: Readonly<Record<XenonntRun, number>> = XENONNT_EXPOSURES_T_YR;

/** Sum of `/templates/template` of one file (checked by releases/xenonnt8b: shape, finite, ≥ 0). */
function templateSum(h5: H5Module, path: string, what: string): { sum: number; date: string | undefined } {
  const t = readReleaseTemplate(h5, path, what);
  let sum = 0;
  for (const x of t.values) sum += x;
  return { sum, date: t.date };
}

/**
 * Build the efficiency fixture from the release directory (e.g. ../shared/data/xenonnt-8b).
 * Deterministic: no timestamps; the caller writes it with stableJson (10 significant digits).
 */
export async function buildXenonnt8bEfficiency(releaseDir: string): Promise<XenonntEfficiencyFixture> {
  const h5 = await loadH5();
  let energies: number[] | undefined;
  const dates = new Set<string>();
  const runs = {} as Record<XenonntRun, XenonntEfficiencyFixture['runs'][XenonntRun]>;
  const nominal = yieldKey(NOMINAL_YIELDS);
  for (const run of XENONNT_RUNS) {
    const files = discoverRunFiles(releaseDir, run);
    const e = [...files.monoEnergiesKeV];
    if (energies === undefined) energies = e;
    else if (e.join(',') !== energies.join(',')) {
      throw new SpecError('invalid_dataset', `XENONnT release: ${run} has a different energy grid`, [run]);
    }
    const mono = files.mono.get(nominal)!;
    const efficiency = e.map((eKeV) => {
      const t = templateSum(h5, mono.get(eKeV.toFixed(3))!, `the ${run} mono template at ${eKeV} keV_nr`);
      if (t.date !== undefined) dates.add(t.date);
      return t.sum;
    });
    const bg = (kind: 'ac' | 'er' | 'rg') =>
      templateSum(
        h5,
        kind === 'rg' ? files.rg.get(nominal)! : kind === 'ac' ? files.ac : files.er,
        `the ${kind} template of ${run}`,
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
