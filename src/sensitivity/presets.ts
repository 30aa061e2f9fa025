/**
 * The shipped setups (presets), written in the setup format and validated like any user file. Sources
 * of every number are in src/sensitivity/README.md; the short version is in each `references` list.
 *
 * - `ge-reactor`: a TEXONO-like 1 kg natural-Ge point-contact detector at 10¹³ ν̄ cm⁻² s⁻¹ (the paper's
 *   Table II reactor source), 200 eV_ee threshold with Lindhard quenching (k = 0.157), reactor-OFF
 *   background subtraction.
 * - `xe-solar`: a multi-ton liquid-Xe detector with solar ⁸B + hep neutrinos and the XENONnT ⁸B
 *   nuclear-recoil detection efficiency and exposure (SR0–SR2 public release, shipped fixture).
 * - `csi-dar`, `ar-dar`: the COHERENT CsI[Na] 2017 and CENNS-10 Ar 2020 runs, with the steady-state
 *   backgrounds of the shipped datasets, so that projections can be set beside `coherency analyze`.
 */
import { loadDataset, type CountsDataset } from '../data/index.js';
import { loadSetup, loadXenonntEfficiency, XENONNT_RUNS, type ResolvedSetup } from '../data/index.js';
import { SpecError } from '../errors.js';

export const PRESET_NAMES = ['ge-reactor', 'xe-solar', 'csi-dar', 'ar-dar'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/**
 * Presets whose detector has a public template likelihood: `coherency project` projects those on the
 * release's real response (templateProjection.ts: the shipped template dataset scaled by exposure)
 * unless asked for the setup's counting model (`--engine counting`). xe-solar → the XENONnT ⁸B
 * release (fixtures/xenonnt-8b.json: AC, ER and radiogenic-neutron templates, the signal folded
 * through the mono-energetic efficiency templates, per-run exposures).
 */
export const PRESET_TEMPLATE_DATASETS: Partial<Record<PresetName, string>> = { 'xe-solar': 'xenonnt-8b' };

/** COHERENT CsI[Na] 2017 constants (coherent_parameters.yaml of doi:10.5281/zenodo.1228631). */
const CSI = {
  massKg: 14.57,
  liveDays: 308.1,
  pot: 1.76e23,
  nuPerFlavourPerProton: 0.08,
  distanceM: 19.3,
  qf: 0.0878,
  lightYieldPePerKeVee: 13.348,
  acceptance: { a: 0.6655, k: 0.4942, x0: 10.8507 },
  /** Fraction of CEvNS in the 0–6 µs window: prompt ν_μ all, delayed ν_e/ν̄_μ 91.48 % (dataset fixture). */
  timeWindowFraction: (1 + 2 * 0.9147853019) / 3,
} as const;

/** COHERENT CENNS-10 2020 constants (LArParametersAnlA.yaml of doi:10.5281/zenodo.3903810). */
const AR = {
  massKg: 24.4,
  pot: 1.38e23,
  nuPerFlavourPerProton: 0.09,
  distanceM: 27.5,
  qfA: 0.246,
  qfB: 0.00078,
  resolutionA: 0.58,
  /** CENNS10AnlAEfficiency.txt, sampled (keVee bin centre, efficiency); constant above 40 keVee. */
  efficiency: [
    [0.25, 0],
    [0.75, 0],
    [1.25, 0.031],
    [1.75, 0.168],
    [2.25, 0.291],
    [2.75, 0.381],
    [3.75, 0.5],
    [4.75, 0.592],
    [5.75, 0.691],
    [7.75, 0.833],
    [9.75, 0.898],
    [11.75, 0.932],
    [13.75, 0.942],
    [17.75, 0.954],
    [39.75, 0.963],
  ] as [number, number][],
} as const;

function countsDataset(id: 'coherent-csi-2017' | 'coherent-ar-2020-1d'): CountsDataset {
  const d = loadDataset(id);
  if (d.kind !== 'counts') throw new SpecError('invalid_dataset', `${id}: expected a counts dataset`, [id]);
  return d;
}

function geReactor(): Record<string, unknown> {
  return {
    $schemaVersion: '1.0.0',
    name: 'ge-reactor',
    description:
      'TEXONO-like 1 kg natural-Ge point-contact detector near a power reactor: 10¹³ ν̄ cm⁻² s⁻¹, 200 eV_ee threshold (Lindhard k = 0.157), 1 cpkkd flat background measured with reactor-OFF data (τ = 0.25)',
    references: [
      'Sharma et al., PRD 103, 092002 (2021): reactor flux 1e13 cm-2 s-1 (Table II), Eq. 10',
      'H.T. Wong et al. (TEXONO), PRD 75, 012001 (2007): Kuo-Sheng reactor spectrum and site (2.9 GW_th, 28 m)',
      'A.K. Soma et al. (TEXONO), NIM A 836, 67 (2016): sub-keV point-contact Ge, pulser resolution',
      'J. Lindhard et al., Mat. Fys. Medd. Dan. Vid. Selsk. 33, no. 10 (1963): quenching, k = 0.157 for Ge',
    ],
    target: { name: 'Ge-nat' },
    mass: '1 kg',
    liveTime: '1 yr',
    source: { kind: 'reactor', flux: '1e13 cm-2 s-1', spectrum: 'paper' },
    threshold: '200 eVee',
    quenching: { model: 'lindhard', k: 0.157 },
    // Pulser-like electronic noise σ0 = 30 eV_ee and Fano statistics √(F·w) = √(0.11 · 2.96 eV) per √keV.
    resolution: { sigma0: '30 eVee', stochastic: { value: 0.018, unit: 'sqrt(keVee)' } },
    efficiency: { kind: 'constant', value: 0.9 },
    background: {
      kind: 'flat',
      rate: { value: 1, unit: 'counts/(keVee·kg·day)' },
      uncertainty: { kind: 'offSource', tau: 0.25 },
    },
    signalNormRelUncertainty: 0.03,
    binning: { unit: 'keVee', edges: [0.2, 0.25, 0.3, 0.35, 0.4, 0.5] },
  };
}

function xeSolar(): Record<string, unknown> {
  const fx = loadXenonntEfficiency();
  const total = XENONNT_RUNS.reduce((s, r) => s + fx.runs[r].exposureTonneYear, 0);
  // Exposure-weighted background of the release per t·yr (AC + ER + RG over the 81 analysis bins),
  // spread flat over the 0.5–5 keV_nr range of the efficiency grid.
  const bgPerTonneYear =
    XENONNT_RUNS.reduce((s, r) => {
      const b = fx.runs[r].backgroundPerTonneYear;
      return (
        s +
        fx.runs[r].exposureTonneYear * (b.accidentalCoincidence + b.electronicRecoil + b.radiogenicNeutron)
      );
    }, 0) / total;
  const lo = fx.energiesKeV[0]!;
  const hi = fx.energiesKeV.at(-1)!;
  return {
    $schemaVersion: '1.0.0',
    name: 'xe-solar',
    description: `Multi-ton liquid Xe with solar ⁸B + hep neutrinos and the XENONnT ⁸B NR detection efficiency; exposure = XENONnT SR0–SR2 (${total.toFixed(3)} t·yr). Counting stand-in (\`project --engine counting\`; the default projects the release's templates): background = the release's AC+ER+RG total (${bgPerTonneYear.toFixed(2)} per t·yr) spread flat over ${lo}–${hi} keV_nr`,
    references: [
      'XENONnT ⁸B release, doi:10.5281/zenodo.20576156 (CC-BY 4.0): efficiency, exposures, background templates (fixtures/xenonnt-8b-efficiency.json)',
      'XENON collaboration, PRL 133, 191002 (2024); PRL 134, 111802 (2025); arXiv:2604.06002',
      'N. Vinyoles et al., ApJ 835, 202 (2017): B16-GS98 ⁸B and hep fluxes',
      'B. Aharmim et al. (SNO), PRC 88, 025501 (2013): measured ⁸B flux, ±4 % (signal normalisation)',
    ],
    target: { name: 'Xe-nat' },
    mass: '1 t',
    liveTime: { value: total, unit: 'yr' },
    source: { kind: 'solar' },
    threshold: { value: lo, unit: 'keVnr' },
    efficiency: { kind: 'xenonnt-8b', run: 'exposure-weighted' },
    background: {
      kind: 'flat',
      rate: { value: bgPerTonneYear / (hi - lo), unit: 'counts/(keVnr·t·yr)' },
      uncertainty: { kind: 'normalisation', relative: 0.1 },
    },
    signalNormRelUncertainty: 0.04,
    binning: { unit: 'keVnr', edges: [lo, 1, 1.5, 2, 3, hi] },
  };
}

/**
 * The steady-state background of a shipped COHERENT dataset as a setup histogram: per bin the
 * off-source estimate n_off/τ spread over the bin width, in counts/(keVee·kg·day), measured
 * off-source with the dataset's τ. `keVeePerObservable` converts the observable (PE) to keVee.
 */
function datasetBackground(
  d: CountsDataset,
  massKg: number,
  liveDays: number,
  keVeePerObservable = 1,
): { edges: number[]; background: Record<string, unknown> } {
  const edges = [d.bins[0]!.observableLo, ...d.bins.map((b) => b.observableHi)].map(
    (x) => x * keVeePerObservable,
  );
  const offSource = (b: CountsDataset['bins'][number]): { nOff: number; tau: number } => {
    if (b.nOff === undefined || b.tau === undefined) {
      throw new Error(`shipped dataset ${d.id}: a bin without an off-source measurement (nOff, tau)`);
    }
    return { nOff: b.nOff, tau: b.tau };
  };
  const rates = d.bins.map((b, i) => {
    const { nOff, tau } = offSource(b);
    return nOff / tau / ((edges[i + 1]! - edges[i]!) * massKg * liveDays);
  });
  return {
    edges,
    background: {
      kind: 'histogram',
      energyUnit: 'keVee',
      rateUnit: 'counts/(keVee·kg·day)',
      edges,
      rates,
      uncertainty: { kind: 'offSource', tau: offSource(d.bins[0]!).tau },
    },
  };
}

function csiDar(): Record<string, unknown> {
  const d = countsDataset('coherent-csi-2017');
  const ly = CSI.lightYieldPePerKeVee;
  const { edges, background } = datasetBackground(d, CSI.massKg, CSI.liveDays, 1 / ly);
  const { a, k, x0 } = CSI.acceptance;
  const acceptance: [number, number][] = [];
  for (let pe = 4; pe <= 50; pe += 0.5) {
    acceptance.push([pe / ly, (CSI.timeWindowFraction * a) / (1 + Math.exp(-k * (pe - x0)))]);
  }
  return {
    $schemaVersion: '1.0.0',
    name: 'csi-dar',
    description:
      'COHERENT CsI[Na] 2017-like: 14.57 kg at 19.3 m, 1.76e23 POT, flat QF 0.0878, 6–30 PE analysis bins; steady-state background from the anti-coincidence counts of the coherent-csi-2017 dataset',
    references: [
      'D. Akimov et al. (COHERENT), Science 357, 1123 (2017); data release doi:10.5281/zenodo.1228631 (coherent_parameters.yaml)',
      'fixtures/coherent-csi-2017.json: steady-state background (nOff/τ per bin), signal normalisation uncertainty',
    ],
    target: { name: 'CsI' },
    mass: { value: CSI.massKg, unit: 'kg' },
    liveTime: { value: CSI.liveDays, unit: 'day' },
    source: {
      kind: 'darPi',
      protonsOnTarget: CSI.pot,
      nuPerFlavourPerProton: CSI.nuPerFlavourPerProton,
      distance: { value: CSI.distanceM, unit: 'm' },
    },
    threshold: { value: edges[0]!, unit: 'keVee' },
    quenching: { model: 'flat', qf: CSI.qf },
    // Photostatistics as a Gaussian: σ² = E/LY (keVee).
    resolution: { stochastic: { value: 1 / Math.sqrt(ly), unit: 'sqrt(keVee)' } },
    efficiency: { kind: 'table', energyUnit: 'keVee', points: acceptance, below: 'zero', above: 'hold' },
    background,
    signalNormRelUncertainty: d.signalNormRelUncertainty,
    binning: { unit: 'keVee', edges },
  };
}

function arDar(): Record<string, unknown> {
  const d = countsDataset('coherent-ar-2020-1d');
  const liveDays = 365.25;
  const { edges, background } = datasetBackground(d, AR.massKg, liveDays);
  return {
    $schemaVersion: '1.0.0',
    name: 'ar-dar',
    description:
      'COHERENT CENNS-10 Ar 2020-like: 24.4 kg at 27.5 m, 1.38e23 POT, QF = 0.246 + 0.00078·T, 0–120 keVee bins; steady-state background from the coherent-ar-2020-1d dataset (live time 1 yr nominal: counts depend on POT only)',
    references: [
      'D. Akimov et al. (COHERENT), PRL 126, 012002 (2021); data release doi:10.5281/zenodo.3903810 (LArParametersAnlA.yaml, CENNS10AnlAEfficiency.txt)',
      'fixtures/coherent-ar-2020-1d.json: steady-state background (nOff/τ per bin), signal normalisation uncertainty',
    ],
    target: { name: 'Ar-nat' },
    mass: { value: AR.massKg, unit: 'kg' },
    liveTime: { value: liveDays, unit: 'day' },
    source: {
      kind: 'darPi',
      protonsOnTarget: AR.pot,
      nuPerFlavourPerProton: AR.nuPerFlavourPerProton,
      distance: { value: AR.distanceM, unit: 'm' },
    },
    threshold: { value: edges[0]!, unit: 'keVee' },
    quenching: { model: 'linear', a: AR.qfA, bPerKeVnr: AR.qfB },
    resolution: { stochastic: { value: AR.resolutionA, unit: 'sqrt(keVee)' } },
    efficiency: { kind: 'table', energyUnit: 'keVee', points: AR.efficiency, below: 'zero', above: 'hold' },
    background,
    signalNormRelUncertainty: d.signalNormRelUncertainty,
    binning: { unit: 'keVee', edges },
  };
}

const BUILDERS: Readonly<Record<PresetName, () => Record<string, unknown>>> = {
  'ge-reactor': geReactor,
  'xe-solar': xeSolar,
  'csi-dar': csiDar,
  'ar-dar': arDar,
};

export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}

/** The preset as setup JSON (what `coherency project --setup NAME --json` records, and a template for files). */
export function presetSetupJson(name: PresetName): Record<string, unknown> {
  return BUILDERS[name]();
}

/** A preset, validated and resolved like a setup file. */
export function presetSetup(name: PresetName, opts: { readonly spectraDir?: string } = {}): ResolvedSetup {
  return loadSetup(presetSetupJson(name), `preset ${name}`, opts);
}
