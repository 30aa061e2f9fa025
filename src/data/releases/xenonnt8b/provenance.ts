/**
 * The descriptive parts of the XENONnT ⁸B fixture: provenance (record, licence and attribution as
 * CC-BY 4.0 §3(a) requires, files read, what was derived), the collaboration's published numbers,
 * and the analysis choices (every input with its unit and source).
 */
import type { TemplateDataset } from '../../dataset.js';
import { PRL_133_191002, SNO_8B_FLUX, XENONNT_8B_RECORD, XENONNT_STATISTICAL_MODEL } from './constants.js';
import type { ResolvedOptions } from './options.js';
import type { XenonntRelease } from './reader.js';
import type { SignalModel } from './signalModel.js';

export const XENONNT_8B_GENERATOR =
  'scripts/build-xenonnt-fixture.ts → src/data/releases/xenonnt8b (buildXenonnt8bDataset)';

/** The files read, with each run's per-energy mono templates collapsed into one line per yield point. */
export function filesReadSummary(release: XenonntRelease): string[] {
  const mono = /^templates\/(sr\d)\/mono\/template_XENONnT_\1_mono_(\d+\.\d+)_cevns_(tly_\S+)\.h5$/;
  const groups = new Map<string, string[]>();
  const out: string[] = [];
  for (const f of release.filesRead) {
    const m = mono.exec(f);
    if (!m) {
      out.push(f);
      continue;
    }
    const key = `${m[1]}|${m[3]}`;
    groups.set(key, [...(groups.get(key) ?? []), m[2]!]);
  }
  for (const [key, energies] of groups) {
    const [run, yields] = key.split('|');
    out.push(
      `templates/${run}/mono/template_XENONnT_${run}_mono_E_cevns_${yields}.h5 for E = ${energies[0]} … ${energies.at(-1)} keV_nr (${energies.length} files)`,
    );
  }
  return out.sort();
}

export function provenanceNotes(release: XenonntRelease, o: ResolvedOptions, s: SignalModel): string[] {
  const ac = o.runs.map(
    (r) =>
      `${r} ${XENONNT_STATISTICAL_MODEL.acRel[r]}${XENONNT_STATISTICAL_MODEL.acRelAssumed[r] ? ' (assumed = SR1)' : ''}`,
  );
  return [
    `Licence: ${XENONNT_8B_RECORD.license}. Attribution: "${XENONNT_8B_RECORD.title}", ${XENONNT_8B_RECORD.creator}, https://doi.org/${XENONNT_8B_RECORD.dataRecordDoi}, licensed under CC-BY 4.0; provided as-is, without warranties (CC-BY 4.0 §5).`,
    'Modified material (CC-BY 4.0 §3(a)(1)(B)): no release file is copied; the event lists are binned with each run’s binning, the background templates multiplied by the exposures, and the mono-energetic efficiency templates folded with a computed ⁸B + hep recoil spectrum into signal templates. Cite the release and the papers.',
    ...XENONNT_8B_RECORD.papers.map((p) => `Paper: ${p}`),
    `Template dates (HDF5 attribute): ${release.templateDates.join(', ')}.`,
    `Channels = science runs ${o.runs.join(', ')}; a pyhf measurement cannot select channels, so the SR0+SR1 analysis prunes channel sr2 (the builder also emits any subset of runs).`,
    `Signal: Σ over natural-Xe isotopes of X·∫ dR/dT·M(T) dT, M the mono templates linear in T between ${s.runs[0]!.run.monoEnergiesKeV[0]} and ${s.tMaxKeV} keV_nr (the release README's recipe is its 0.1-keV Riemann sum); ⁸B ${(o.b8FluxPerCm2PerS / 1e6).toFixed(3)} × 10⁶ cm⁻² s⁻¹ (${SNO_8B_FLUX.source}), hep ${(o.hepFluxPerCm2PerS / 1e3).toFixed(2)} × 10³ cm⁻² s⁻¹ (B16-GS98, Vinyoles et al., ApJ 835, 202 (2017)); computed β⁺ shapes (physics/sources/solar).`,
    `Normalisation uncertainties (${XENONNT_STATISTICAL_MODEL.source}): AC ${ac.join(', ')}; ER ${XENONNT_STATISTICAL_MODEL.erRel} (histosys er_norm, linear, θ ≥ −1); RG ${XENONNT_STATISTICAL_MODEL.rgRel}; signal efficiency ${o.signalEfficiencyRelSigma}; ⁸B flux −${o.b8FluxRelSigma.lo.toFixed(4)} / +${o.b8FluxRelSigma.hi.toFixed(4)} (SNO stat ⊕ syst per side; XENONnT symmetrised it to ${XENONNT_STATISTICAL_MODEL.b8FluxRel}).`,
    s.yieldModel === 'release-templates'
      ? 'Yields: histosys t_ly and t_qy from the release’s ±1σ mono and RG templates (t = ±1 are the ±1σ quantiles of the YBe-calibrated yields, arXiv:2604.06002).'
      : `Yields: the subset holds nominal-yield templates only, so the yields’ effect on the signal is the histosys nr_energy_scale: the signal folded with the response at recoil-energy scale k = 1 ∓ ${o.yieldEnergyScaleSigma} (ASSUMED σ_k; a recoil T then looks like k·T). The RG background keeps only its ${XENONNT_STATISTICAL_MODEL.rgRel} normalisation.`,
    `Per-run expected PRL 133 numbers beyond the abstract (per-run ⁸B expectations and best fits) could not be read with the project's search tool and are not included.`,
  ];
}

type Published = NonNullable<TemplateDataset['published']>;

export function publishedValues(): Published {
  const p = PRL_133_191002;
  const sno = SNO_8B_FLUX;
  return [
    {
      name: '⁸B CEvNS significance against background only (SR0+SR1)',
      value: p.significanceSigma,
      unit: 'sigma',
      source: p.source,
    },
    {
      name: 'observed events above 0.5 keV_nr (SR0+SR1)',
      value: p.observedEvents,
      unit: 'events',
      source: p.source,
    },
    {
      name: 'expected background events (SR0+SR1)',
      value: p.expectedBackground.value,
      uncertaintyLo: p.expectedBackground.lo,
      uncertaintyHi: p.expectedBackground.hi,
      unit: 'events',
      source: p.source,
    },
    { name: 'exposure (SR0+SR1)', value: p.exposureTonneYear, unit: 't·yr', source: p.source },
    {
      name: 'measured ⁸B flux',
      value: p.measuredFlux.value,
      uncertaintyLo: p.measuredFlux.lo,
      uncertaintyHi: p.measuredFlux.hi,
      unit: 'cm⁻² s⁻¹',
      source: p.source,
    },
    {
      name: 'flux-weighted CEvNS cross section on Xe',
      value: p.fluxWeightedCrossSectionCm2.value,
      uncertaintyLo: p.fluxWeightedCrossSectionCm2.lo,
      uncertaintyHi: p.fluxWeightedCrossSectionCm2.hi,
      unit: 'cm²',
      source: p.source,
    },
    {
      name: 'SNO total active ⁸B flux (the signal normalisation here)',
      value: sno.valuePerCm2PerS,
      uncertaintyLo: Math.hypot(sno.statPerCm2PerS, sno.systLoPerCm2PerS),
      uncertaintyHi: Math.hypot(sno.statPerCm2PerS, sno.systHiPerCm2PerS),
      unit: 'cm⁻² s⁻¹',
      source: sno.source,
      note: 'stat ⊕ syst per side',
    },
  ];
}
