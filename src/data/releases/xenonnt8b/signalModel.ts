/**
 * The CEvNS signal of every run of the release as workspace samples: per true-q² band the coherent
 * excess Σ_k s_jk(1 − d_k) and the decoherent floor Σ_k s_jk d_k (signalFold.ts), and their yield
 * variations for histosys:
 *
 * - with the release's t_Ly/t_Qy templates (full release): the signal folded through the ±1σ mono
 *   templates of each axis (histosys `t_ly`, `t_qy`, also on the RG background);
 * - without them (the nominal-only subset): the signal folded through the nominal response at the
 *   energy scale k = 1 ∓ σ_k (histosys `nr_energy_scale`; response.ts, constants.ts).
 *
 * Also the per-run numbers the builder reports: Standard-Model (Helm) and α = 1 totals, the release's
 * own recipe for the same Standard-Model signal, and what the cut at the top of the mono grid drops.
 */
import { SpecError } from '../../../errors.js';
import { naturalTarget, type Q2Convention } from '../../../physics/index.js';
import { bandsFromLayout, type BandLayout } from './bands.js';
import { detectedQ2Distribution, type Q2Distribution } from './q2Distribution.js';
import type { ReleaseRun, XenonntRelease } from './reader.js';
import { MonoTemplateResponse, releaseRecipeTemplate } from './response.js';
import { foldBand, weightedSum, type FoldedNucleus, type Q2Band } from './signalFold.js';
import { solarNucleusRates, solarSignalSpectrum, type NucleusRate } from './solarRates.js';
import type { BandSamples, ShapeVariation } from './workspace.js';

export interface SignalModelOptions {
  readonly epsilon: number;
  readonly q2Convention: Q2Convention;
  readonly b8FluxPerCm2PerS: number;
  readonly hepFluxPerCm2PerS: number;
  readonly bands: BandLayout;
  /** σ_k of the energy-scale stand-in for the yields (used only without t_Ly/t_Qy templates). */
  readonly yieldEnergyScaleSigma: number;
}

export interface RunSignal {
  readonly run: ReleaseRun;
  readonly bands: readonly { readonly folded: readonly FoldedNucleus[]; readonly samples: BandSamples }[];
  /** Σ over bands, nuclei and bins: α = 1 and Standard-Model (Helm) events. */
  readonly cohEvents: number;
  readonly smEvents: number;
  /** The release README's recipe (0.1-keV_nr Riemann sum) for the Standard-Model events. */
  readonly recipeSmEvents: number;
  /** Standard-Model events above the top of the mono grid, had the efficiency stayed at its last value. */
  readonly smEventsAboveGrid: number;
  readonly foldRelError: number;
}

export interface SignalModel {
  readonly rates: readonly NucleusRate[];
  readonly tMaxKeV: number;
  readonly bands: readonly Q2Band[];
  /** Detected Standard-Model signal in true q², all runs. */
  readonly q2Distribution: Q2Distribution;
  readonly yieldModel: 'release-templates' | 'energy-scale';
  readonly runs: readonly RunSignal[];
}

const sum = (a: Float64Array): number => a.reduce((s, v) => s + v, 0);
const excessWeight = (d: number) => 1 - d;
const floorWeight = (d: number) => d;

/** The shifted responses of a run: the release's ±1σ yield templates, else the energy-scale stand-in. */
function yieldResponses(run: ReleaseRun, sigmaK: number) {
  if (run.yieldVariations.length > 0) {
    return run.yieldVariations.map((v) => ({
      name: v.axis,
      lo: new MonoTemplateResponse(run.monoEnergiesKeV, v.lo.mono),
      hi: new MonoTemplateResponse(run.monoEnergiesKeV, v.hi.mono),
    }));
  }
  return [
    {
      name: 'nr_energy_scale',
      lo: new MonoTemplateResponse(run.monoEnergiesKeV, run.nominal.mono, 1 - sigmaK),
      hi: new MonoTemplateResponse(run.monoEnergiesKeV, run.nominal.mono, 1 + sigmaK),
    },
  ];
}

function runSignal(
  run: ReleaseRun,
  rates: readonly NucleusRate[],
  bands: readonly Q2Band[],
  tMaxKeV: number,
  opts: SignalModelOptions,
): RunSignal {
  const fo = { exposureTonneYear: run.exposureTonneYear, q2Convention: opts.q2Convention, tMaxKeV };
  const nominal = new MonoTemplateResponse(run.monoEnergiesKeV, run.nominal.mono);
  const shifted = yieldResponses(run, opts.yieldEnergyScaleSigma);
  let relError = 0;
  const perBand = bands.map((band) => {
    const folded = foldBand(nominal, rates, band, fo);
    folded.forEach((f) => (relError = Math.max(relError, f.relError)));
    const shapes = (weight: (d: number) => number): ShapeVariation[] =>
      shifted.map((s) => ({
        name: s.name,
        lo: weightedSum(foldBand(s.lo, rates, band, { ...fo, coherentOnly: true }), rates, weight),
        hi: weightedSum(foldBand(s.hi, rates, band, { ...fo, coherentOnly: true }), rates, weight),
      }));
    const samples: BandSamples = {
      excess: weightedSum(folded, rates, excessWeight),
      floor: weightedSum(folded, rates, floorWeight),
      excessShapes: shapes(excessWeight),
      floorShapes: shapes(floorWeight),
    };
    return { folded, samples };
  });
  const total = (pick: (f: FoldedNucleus) => Float64Array) =>
    perBand.reduce((s, b) => s + b.folded.reduce((t, f) => t + sum(pick(f)), 0), 0);
  const smRate = (t: number) => rates.reduce((s, r) => s + r.dRdT(t) * r.helmXi(t), 0);
  // Above the grid (hep only): the T range [tMax, 2·tMax] as a band on each nucleus.
  const beyond = rates.map((r) => {
    const q2 = (t: number) => r.q2(t);
    return foldBand(
      nominal,
      [r],
      { q2LoMeV2: q2(tMaxKeV), q2HiMeV2: q2(2 * tMaxKeV) },
      { ...fo, tMaxKeV: 2 * tMaxKeV },
    )[0]!;
  });
  return {
    run,
    bands: perBand,
    cohEvents: total((f) => f.coh),
    smEvents: total((f) => f.helm!),
    recipeSmEvents:
      sum(releaseRecipeTemplate(run.monoEnergiesKeV, run.nominal.mono, smRate)) * run.exposureTonneYear,
    smEventsAboveGrid: beyond.reduce((s, f) => s + sum(f.helm!), 0),
    foldRelError: relError,
  };
}

/** Build the signal of every run of `release`. */
export function buildSignalModel(release: XenonntRelease, opts: SignalModelOptions): SignalModel {
  const grids = new Set(release.runs.map((r) => r.monoEnergiesKeV.join(',')));
  if (grids.size !== 1) {
    throw new SpecError(
      'invalid_dataset',
      `XENONnT release: the runs' mono-energy grids differ (${[...grids].map((g) => `[${g}]`).join(' vs ')}); expected one grid`,
      [],
    );
  }
  const tMaxKeV = release.runs[0]!.monoEnergiesKeV.at(-1)!;
  const rates = solarNucleusRates(naturalTarget('Xe'), solarSignalSpectrum(opts), opts);
  const q2Distribution = detectedQ2Distribution(
    release.runs.map((r) => ({
      response: new MonoTemplateResponse(r.monoEnergiesKeV, r.nominal.mono),
      exposureTonneYear: r.exposureTonneYear,
    })),
    rates,
    { q2Convention: opts.q2Convention, tMaxKeV },
  );
  const bands = bandsFromLayout(opts.bands, q2Distribution);
  return {
    rates,
    tMaxKeV,
    bands,
    q2Distribution,
    yieldModel: release.runs[0]!.yieldVariations.length > 0 ? 'release-templates' : 'energy-scale',
    runs: release.runs.map((r) => runSignal(r, rates, bands, tMaxKeV, opts)),
  };
}
