/**
 * A validated setup (setupSchema.ts) resolved into physics objects and internal units, with the
 * cross-field checks that need physics:
 * - the target name is known (physics `resolveTarget`), isotopes exist, fractions sum to 1;
 * - the threshold lies below the kinematic end point of the source on the target's lightest nucleus;
 * - energies that are cuts on the OBSERVED energy (threshold, bin edges, resolution, background) share
 *   one scale, the threshold's (keVnr or keVee); keVee anywhere needs a quenching model;
 * - bin edges start at or above the threshold.
 * Each failure is one SpecError('invalid_setup') naming the field.
 *
 * Conventions. The efficiency is a function of the TRUE energy (T in keV_nr, or the mean E_ee = QF·T);
 * the background rate is a density in the observed energy, as measured (efficiency already applied);
 * the resolution is Gaussian in the observed energy, σ(E)² = σ0² + a²·E.
 */
import {
  compoundTarget,
  endPointMeV,
  isotope,
  maxRecoilEnergy,
  PAPER_EPSILON,
  resolveTarget,
  targetNameProblem,
  epsilonProblem,
  type ElementSymbol,
  type GammaModel,
  type NeutrinoSpectrum,
  type Nucleus,
  type Target,
} from '../physics/index.js';
import {
  resolveBackground,
  resolveEfficiency,
  resolveModel,
  type EfficiencyCurve,
  type Fail,
  type ResolvedBackground,
} from './setupDetector.js';
import {
  describeQuenching,
  electronEquivalentOf,
  recoilOfElectronEquivalent,
  type QuenchingSpec,
} from './setupQuenching.js';
import { setupError, type SetupSpec } from './setupSchema.js';
import { setupSpectrum } from './setupSpectrum.js';
import type { EnergyScale } from './setupUnits.js';

export type { EfficiencyCurve, ResolvedBackground };

export interface ResolvedSetup {
  readonly spec: SetupSpec;
  /** File name or "preset NAME", prefixed to messages. */
  readonly source: string;
  readonly name: string;
  readonly description: string;
  readonly references: readonly string[];
  readonly target: Target;
  readonly nuclei: readonly Nucleus[];
  readonly spectrum: NeutrinoSpectrum;
  readonly massKg: number;
  readonly liveTimeS: number;
  readonly exposureKgS: number;
  /** Scale of the observed energy (the threshold's). */
  readonly observedScale: EnergyScale;
  /** Threshold in the observed scale [keV]. */
  readonly thresholdKeV: number;
  readonly quenching: QuenchingSpec | undefined;
  readonly quenchingLabel: string | undefined;
  /** σ(E)² = sigma0² + stochastic²·E in the observed scale; undefined: perfect resolution. */
  readonly resolution: { readonly sigma0KeV: number; readonly stochasticSqrtKeV: number } | undefined;
  readonly efficiency: EfficiencyCurve;
  readonly background: ResolvedBackground;
  /** Bin edges in the observed scale [keV]. */
  readonly binEdgesKeV: readonly number[];
  readonly signalNormRelUncertainty: number;
  readonly model: { readonly gamma: GammaModel; readonly label: string };
  readonly epsilon: number;
  /** Kinematic end point T_max [keV_nr] per nucleus (same order as `nuclei`). */
  readonly endPointKeVnr: readonly number[];
  /** Mean observed energy [keV] of a recoil T [keV_nr] on a nucleus. */
  toObserved(tKeVnr: number, nucleus: Nucleus): number;
  /** Recoil T [keV_nr] whose mean observed energy is E [keV]. */
  fromObserved(eKeV: number, nucleus: Nucleus): number;
  /** True energy in the efficiency's scale of a recoil T [keV_nr]. */
  efficiencyEnergy(tKeVnr: number, nucleus: Nucleus): number;
  /** Recoil T [keV_nr] of a true energy in the efficiency's scale (inverse of `efficiencyEnergy`). */
  fromEfficiencyEnergy(eKeV: number, nucleus: Nucleus): number;
}

export interface ResolveOptions {
  /** Name for messages (file name or "preset X"). */
  readonly source: string;
  /** Directory relative paths are resolved against (default: the current directory). */
  readonly baseDir?: string;
  /** Shared spectra directory for solar shape 'tabulated'. */
  readonly spectraDir?: string;
}

function resolveSetupTarget(spec: SetupSpec, fail: Fail): Target {
  const t = spec.target;
  if ('name' in t) {
    const target = resolveTarget(t.name);
    if (!target) {
      const why = targetNameProblem(t.name);
      throw fail(
        ['target', 'name'],
        why.startsWith('unknown target')
          ? why.replace('unknown target', `unknown target "${t.name}"`)
          : `"${t.name}": ${why}`,
      );
    }
    return target;
  }
  if ('element' in t) {
    const el = t.element as ElementSymbol;
    const entries = Object.entries(t.isotopes);
    if (entries.length === 0) throw fail(['target', 'isotopes'], 'is empty; give at least one isotope');
    const sum = entries.reduce((s, [, f]) => s + f, 0);
    if (Math.abs(sum - 1) > 1e-3) {
      throw fail(['target', 'isotopes'], `fractions sum to ${sum}; expected 1 (±0.001)`);
    }
    const components = entries.map(([a, f]) => {
      const n = isotope(el, Number(a));
      if (!n) throw fail(['target', 'isotopes', a], `${el}-${a} is not a tabulated isotope of ${el}`);
      return { nucleus: n, atomsPerFormulaUnit: f / sum };
    });
    return {
      label: `${el} (${entries.map(([a, f]) => `${(100 * f).toFixed(1)} % ${el}-${a}`).join(', ')})`,
      components,
      formulaMassU: components.reduce((s, c) => s + c.atomsPerFormulaUnit * c.nucleus.atomicMassU, 0),
    };
  }
  const formula = t.compound as Partial<Record<ElementSymbol, number>>;
  const label =
    t.label ??
    Object.entries(formula)
      .map(([s, n]) => (n === 1 ? s : `${s}${n}`))
      .join('');
  return compoundTarget(label, formula);
}

function binEdges(
  spec: SetupSpec,
  scale: EnergyScale,
  thresholdKeV: number,
  maxObservedKeV: number,
  fail: Fail,
): number[] {
  const b = spec.binning;
  const tol = 1e-9 * Math.max(1, thresholdKeV);
  if (b !== undefined && b.unit.scale !== scale) {
    throw fail(
      ['binning', 'unit'],
      `"${b.unit.unit}" is not in the observed scale keV${scale} of the threshold`,
    );
  }
  if (b !== undefined && 'edges' in b) {
    const edges = b.edges.map((x) => x * b.unit.keV);
    if (edges[0]! < thresholdKeV - tol) {
      throw fail(
        ['binning', 'edges', 0],
        `${b.edges[0]} ${b.unit.unit} is below the threshold ${spec.threshold.value} ${spec.threshold.unit}`,
      );
    }
    if (spec.resolution === undefined && edges[0]! >= maxObservedKeV) {
      throw fail(
        ['binning', 'edges', 0],
        `${b.edges[0]} ${b.unit.unit} is above the largest observable energy ${(maxObservedKeV / b.unit.keV).toPrecision(4)} ${b.unit.unit} (kinematic end point)`,
      );
    }
    return edges;
  }
  const n = b?.bins ?? 10;
  const from = b?.from !== undefined ? b.from * b.unit.keV : thresholdKeV;
  const to = b?.to !== undefined ? b.to * b.unit.keV : maxObservedKeV;
  if (from < thresholdKeV - tol) throw fail(['binning', 'from'], `${b?.from} is below the threshold`);
  if (!(to > from))
    throw fail(
      ['binning', b?.to !== undefined ? 'to' : 'from'],
      `the bins' upper end ${to} keV${scale} is not above their lower end ${from} keV${scale}`,
    );
  const log = (b?.spacing ?? (from > 0 ? 'log' : 'linear')) === 'log';
  if (log && !(from > 0)) throw fail(['binning', 'spacing'], 'log spacing needs a lower edge > 0');
  return Array.from({ length: n + 1 }, (_, i) =>
    i === n ? to : log ? from * Math.pow(to / from, i / n) : from + ((to - from) * i) / n,
  );
}

/** Resolve a validated setup. Throws SpecError('invalid_setup') naming the field on a cross-field problem. */
export function resolveSetup(spec: SetupSpec, opts: ResolveOptions): ResolvedSetup {
  const fail: Fail = (path, message) => setupError(opts.source, path, message);
  const target = resolveSetupTarget(spec, fail);
  const nuclei = target.components.map((c) => c.nucleus);
  const observedScale = spec.threshold.scale;
  const efficiency = resolveEfficiency(spec.efficiency);
  const q = spec.quenching as QuenchingSpec | undefined;
  const needsQuenching =
    observedScale === 'ee' ? 'threshold' : efficiency.scale === 'ee' ? 'efficiency' : undefined;
  if (needsQuenching !== undefined && q === undefined) {
    throw fail(
      ['quenching'],
      `is missing; needed because the ${needsQuenching} is in keVee (e.g. {"model": "lindhard"})`,
    );
  }
  type Map = (x: number, n: Nucleus) => number;
  const identity: Map = (x) => x;
  const toEe: Map = (t, n) => electronEquivalentOf(q!, t, n);
  const toObserved: Map = observedScale === 'nr' ? identity : toEe;
  const fromObserved: Map =
    observedScale === 'nr' ? identity : (e, n) => recoilOfElectronEquivalent(q!, e, n);
  const fromEe: Map = (e, n) => recoilOfElectronEquivalent(q!, e, n);
  const efficiencyEnergy: Map = efficiency.scale === 'nr' ? identity : toEe;
  const fromEfficiencyEnergy: Map = efficiency.scale === 'nr' ? identity : fromEe;

  if (spec.epsilon !== undefined) {
    const why = epsilonProblem(spec.epsilon);
    if (why !== undefined) throw fail(['epsilon'], why);
  }
  const massKg = spec.mass.si;
  const liveTimeS = spec.liveTime.si;
  if (!Number.isFinite(massKg * liveTimeS)) {
    throw fail(
      ['mass'],
      `${massKg} kg × liveTime ${liveTimeS} s overflows double precision; expected a finite exposure (mass × live time)`,
    );
  }
  const spectrum = setupSpectrum(spec.source, {
    source: opts.source,
    baseDir: opts.baseDir ?? process.cwd(),
    ...(opts.spectraDir === undefined ? {} : { spectraDir: opts.spectraDir }),
    liveTimeS,
  });
  const eEndMeV = endPointMeV(spectrum);
  const endPointKeVnr = nuclei.map((n) => 1e3 * maxRecoilEnergy(eEndMeV, n.massMeV));
  const thresholdKeV = spec.threshold.si;
  const maxObservedKeV = Math.max(...nuclei.map((n, i) => toObserved(endPointKeVnr[i]!, n)));
  if (!(thresholdKeV < maxObservedKeV)) {
    const k = endPointKeVnr.indexOf(Math.max(...endPointKeVnr));
    const n = nuclei[k]!;
    const tThr = fromObserved(thresholdKeV, n);
    throw fail(
      ['threshold'],
      `${spec.threshold.value} ${spec.threshold.unit}${observedScale === 'ee' ? ` (${tThr.toPrecision(4)} keVnr on ${n.label})` : ''} is above the kinematic end point T_max = ${endPointKeVnr[k]!.toPrecision(4)} keVnr of the ${eEndMeV.toPrecision(4)} MeV neutrinos on ${n.label}: no recoil reaches it`,
    );
  }
  const r = spec.resolution;
  if (r?.sigma0 !== undefined && r.sigma0.scale !== observedScale) {
    throw fail(
      ['resolution', 'sigma0', 'unit'],
      `"${r.sigma0.unit}" is not in the observed scale keV${observedScale} of the threshold`,
    );
  }
  if (r?.stochastic !== undefined && r.stochastic.scale !== observedScale) {
    throw fail(
      ['resolution', 'stochastic', 'unit'],
      `"${r.stochastic.unit}" is not in the observed scale keV${observedScale} of the threshold`,
    );
  }
  const background = resolveBackground(spec.background, observedScale, fail);
  const edges = binEdges(spec, observedScale, thresholdKeV, maxObservedKeV, fail);
  const description = spec.description ?? spec.name;
  return {
    spec,
    source: opts.source,
    name: spec.name,
    description,
    references: spec.references ?? [],
    target,
    nuclei,
    spectrum,
    massKg,
    liveTimeS,
    exposureKgS: massKg * liveTimeS,
    observedScale,
    thresholdKeV,
    quenching: q,
    quenchingLabel: q === undefined ? undefined : describeQuenching(q, nuclei),
    resolution:
      r === undefined
        ? undefined
        : { sigma0KeV: r.sigma0?.si ?? 0, stochasticSqrtKeV: r.stochastic?.si ?? 0 },
    efficiency,
    background,
    binEdgesKeV: edges,
    signalNormRelUncertainty: spec.signalNormRelUncertainty ?? 0,
    model: resolveModel(spec.model),
    epsilon: spec.epsilon ?? PAPER_EPSILON,
    endPointKeVnr,
    toObserved,
    fromObserved,
    efficiencyEnergy,
    fromEfficiencyEnergy,
  };
}
