/**
 * Parametric models of the cross-section suppression ξ(q²) per nucleus (Sharma et al., PRD 103,
 * 092002 (2021), Eqs. 5–9), selectable by name and composable:
 *
 *   helm        ξ = F_Helm(q²; R, s)²                          one radius R for every nucleus
 *   helm-r0     ξ = F_Helm(q²; R = r0·A^{1/3}, s)²             (the paper's Eq. 9 with r0 free)
 *   helm-rn     ξ = [εZ F_Z − N F_N]²/(εZ − N)²  (Eq. 7)       F_N Helm with free neutron rms radius Rn,
 *                                                               F_Z Helm at the proton rms radius (nuclearRadii.ts)
 *   alpha-exp   ξ = α + (1 − α)·d,  α = exp(−q²/Λ²)            (Eq. 6; d = ξ at α = 0, Table I)
 *   alpha-dipole ξ = α + (1 − α)·d, α = (1 + q²/Λ²)^{−2}
 *   alpha-const ξ = α + (1 − α)·d,  α constant
 *   norm        ξ = k                                          (an overall factor, for products)
 *
 * "A*B" is the product ξ_A·ξ_B (parameters of the same name are one parameter). A user model is
 * built with {@link defineXiModel} or {@link defineAlphaModel}.
 */
import { SpecError } from '../errors.js';
import { helmFormFactor, xiFromFormFactors, type Nucleus } from '../physics/index.js';
import { helmRadiusFromRms, protonRmsRadius } from './nuclearRadii.js';
import type { ParameterSpec } from './types.js';

/** What a model sees of a nucleus: the physics nucleus, its decoherent limit d and the dataset's ε. */
export interface NucleusContext extends Nucleus {
  /** d = (ε²Z + N)/(εZ − N)², ξ at complete decoherency (α = 0). */
  readonly decoherentXi: number;
  /** ε = 1 − 4 sin²θ_W of the dataset. */
  readonly epsilon: number;
}

export type XiFunction = (q2MeV2: number, nucleus: NucleusContext) => number;

/** A model parameter: a {@link ParameterSpec} whose `fixed` flag is the model's default. */
export type ModelParameter = ParameterSpec;

export interface XiModel {
  readonly name: string;
  readonly description: string;
  readonly parameters: readonly ModelParameter[];
  /** Bind parameter values once per evaluation; the returned function is the hot kernel (NaN allowed). */
  bind(values: Readonly<Record<string, number>>): XiFunction;
}

const v = (values: Readonly<Record<string, number>>, name: string): number => values[name] ?? NaN;

const skin = (initial: number, fixed = true): ModelParameter => ({
  name: 's',
  initial,
  lower: 0,
  upper: 1.1,
  scale: 0.5,
  fixed,
  unit: 'fm',
  description: 'Helm surface thickness',
});

function helmModel(): XiModel {
  return {
    name: 'helm',
    description: 'ξ = F_Helm(q²; R, s)², one Helm radius R for every nucleus of the target',
    parameters: [
      {
        name: 'R',
        initial: 5,
        lower: 2.5,
        upper: 12,
        scale: 1,
        unit: 'fm',
        description: 'Helm radius R (R₀² = R² − 5s²)',
      },
      skin(0.5),
    ],
    bind(values) {
      const ff = helmFormFactor({ radiusFm: v(values, 'R'), skinFm: v(values, 's') });
      return (q2, n) => ff(q2, n) ** 2;
    },
  };
}

function helmR0Model(): XiModel {
  return {
    name: 'helm-r0',
    description: 'ξ = F_Helm(q²; R = r0·A^(1/3), s)² (Sharma et al. Eq. 9 with r0 free)',
    parameters: [
      {
        name: 'r0',
        initial: 1.2,
        lower: 0.8,
        upper: 2,
        scale: 0.2,
        unit: 'fm',
        description: 'R = r0·A^(1/3)',
      },
      skin(0.5),
    ],
    bind(values) {
      const ff = helmFormFactor({ rCoefficientFm: v(values, 'r0'), skinFm: v(values, 's') });
      return (q2, n) => ff(q2, n) ** 2;
    },
  };
}

function helmRnModel(): XiModel {
  return {
    name: 'helm-rn',
    description:
      'ξ = [εZ F_Z − N F_N]²/(εZ − N)² (Eq. 7): Helm F_N with free neutron rms radius Rn, Helm F_Z at the proton rms radius',
    parameters: [
      {
        name: 'Rn',
        initial: 5,
        lower: 2,
        upper: 10,
        scale: 1,
        unit: 'fm',
        description: 'neutron rms radius',
      },
      skin(0.9),
    ],
    bind(values) {
      const s = v(values, 's');
      const fN = helmFormFactor({ radiusFm: helmRadiusFromRms(v(values, 'Rn')), skinFm: s });
      const cache = new Map<Nucleus, ReturnType<typeof helmFormFactor>>();
      return (q2, n) => {
        let fZ = cache.get(n);
        if (!fZ) {
          fZ = helmFormFactor({ radiusFm: helmRadiusFromRms(protonRmsRadius(n.Z, n.A).rmsFm), skinFm: s });
          cache.set(n, fZ);
        }
        return xiFromFormFactors(n, fZ(q2, n), fN(q2, n), n.epsilon);
      };
    },
  };
}

/** A phenomenological α(q²) turned into ξ = α + (1 − α)·d (Eq. 6). */
export function defineAlphaModel(def: {
  readonly name: string;
  readonly description?: string;
  readonly parameters: readonly ModelParameter[];
  readonly alpha: (
    values: Readonly<Record<string, number>>,
    q2MeV2: number,
    nucleus: NucleusContext,
  ) => number;
}): XiModel {
  return defineXiModel({
    name: def.name,
    description: def.description ?? `user α(q²) model ${def.name}`,
    parameters: def.parameters,
    xi: (values, q2, n) => {
      const a = def.alpha(values, q2, n);
      return a + (1 - a) * n.decoherentXi;
    },
  });
}

/** A user ξ(q²) model from a plain function of the parameter values. */
export function defineXiModel(def: {
  readonly name: string;
  readonly description?: string;
  readonly parameters: readonly ModelParameter[];
  readonly xi: (values: Readonly<Record<string, number>>, q2MeV2: number, nucleus: NucleusContext) => number;
}): XiModel {
  const names = new Set<string>();
  for (const q of def.parameters) {
    if (names.has(q.name))
      throw new SpecError('invalid_spec', `model ${def.name}: parameter ${q.name} defined twice`, ['model']);
    names.add(q.name);
  }
  return {
    name: def.name,
    description: def.description ?? `user ξ(q²) model ${def.name}`,
    parameters: def.parameters,
    bind: (values) => (q2, n) => def.xi(values, q2, n),
  };
}

const lambda: ModelParameter = {
  name: 'Lambda',
  initial: 300,
  lower: 1,
  upper: 1e5,
  scale: 100,
  logScale: true,
  unit: 'MeV',
  description: 'decoherence scale Λ',
};

const BUILT_INS = {
  helm: helmModel,
  'helm-r0': helmR0Model,
  'helm-rn': helmRnModel,
  'alpha-exp': () =>
    defineAlphaModel({
      name: 'alpha-exp',
      description: 'α = exp(−q²/Λ²), ξ = α + (1 − α)·d',
      parameters: [lambda],
      alpha: (p, q2) => Math.exp(-q2 / v(p, 'Lambda') ** 2),
    }),
  'alpha-dipole': () =>
    defineAlphaModel({
      name: 'alpha-dipole',
      description: 'α = (1 + q²/Λ²)^(−2), ξ = α + (1 − α)·d',
      parameters: [lambda],
      alpha: (p, q2) => (1 + q2 / v(p, 'Lambda') ** 2) ** -2,
    }),
  'alpha-const': () =>
    defineAlphaModel({
      name: 'alpha-const',
      description: 'α constant in q², ξ = α + (1 − α)·d',
      parameters: [
        {
          name: 'alpha',
          initial: 0.9,
          lower: 0,
          upper: 1,
          scale: 0.1,
          unit: '1',
          description: 'coherency α',
        },
      ],
      alpha: (p) => v(p, 'alpha'),
    }),
  norm: () =>
    defineXiModel({
      name: 'norm',
      description: 'ξ = k, an overall normalisation (use in products, e.g. helm-r0*norm)',
      parameters: [
        { name: 'k', initial: 1, lower: 0, upper: 10, scale: 0.1, unit: '1', description: 'normalisation' },
      ],
      xi: (p) => v(p, 'k'),
    }),
} as const satisfies Record<string, () => XiModel>;

export type BuiltInModelName = keyof typeof BUILT_INS;
export const MODEL_NAMES = Object.keys(BUILT_INS) as BuiltInModelName[];

/** ξ_A·ξ_B; parameters with the same name are one parameter (the first definition wins). */
export function productModel(a: XiModel, b: XiModel): XiModel {
  const parameters = [
    ...a.parameters,
    ...b.parameters.filter((q) => !a.parameters.some((x) => x.name === q.name)),
  ];
  return {
    name: `${a.name}*${b.name}`,
    description: `(${a.description}) × (${b.description})`,
    parameters,
    bind(values) {
      const fa = a.bind(values);
      const fb = b.bind(values);
      return (q2, n) => fa(q2, n) * fb(q2, n);
    },
  };
}

/** A model by name: a built-in, or a product "A*B*…" of built-ins. Throws SpecError for an unknown name. */
export function resolveModel(spec: string): XiModel {
  const parts = spec.split('*').map((s) => s.trim());
  const models = parts.map((name) => {
    const make = (BUILT_INS as Record<string, (() => XiModel) | undefined>)[name];
    if (!make) {
      throw new SpecError(
        'invalid_spec',
        `unknown model "${name}"; expected one of ${MODEL_NAMES.join(', ')} or a product A*B`,
        ['model'],
      );
    }
    return make();
  });
  return models.slice(1).reduce(productModel, models[0] as XiModel);
}

/**
 * The model with some parameters freed/held and some values or bounds changed. `free`, when given, is
 * the complete list of free parameters (the rest are held). Throws SpecError for an unknown name.
 */
export function configureModel(
  model: XiModel,
  opts: {
    readonly free?: readonly string[];
    readonly values?: Readonly<Record<string, number>>;
    readonly bounds?: Readonly<Record<string, readonly [number, number]>>;
  },
): XiModel {
  const known = new Set(model.parameters.map((q) => q.name));
  const check = (name: string, what: string): void => {
    if (!known.has(name)) {
      throw new SpecError(
        'invalid_spec',
        `${what}: model ${model.name} has no parameter "${name}" (it has ${[...known].join(', ')})`,
        [what],
      );
    }
  };
  opts.free?.forEach((nm) => check(nm, 'free'));
  Object.keys(opts.values ?? {}).forEach((nm) => check(nm, 'values'));
  Object.keys(opts.bounds ?? {}).forEach((nm) => check(nm, 'bounds'));
  const parameters = model.parameters.map((q): ModelParameter => {
    const b = opts.bounds?.[q.name];
    return {
      ...q,
      ...(opts.free ? { fixed: !opts.free.includes(q.name) } : {}),
      ...(opts.values?.[q.name] !== undefined ? { initial: opts.values[q.name] as number } : {}),
      ...(b ? { lower: b[0], upper: b[1] } : {}),
    };
  });
  return { ...model, parameters, bind: (values) => model.bind(values) };
}
