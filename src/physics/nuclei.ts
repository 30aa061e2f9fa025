/**
 * Target nuclei and targets (compounds, natural isotopic mixtures).
 *
 * A `Nucleus` is one scattering centre (Z, N, mass). A `Target` is what a detector is made of: a list
 * of nuclei with their number per formula unit (CsI: one Cs and one I; natural Ge: the isotopic
 * abundances). Rates on a target are the sum of the per-nucleus rates — never an average nucleus,
 * unless the user asks for the paper's mean-A nuclei, which say so in their label.
 *
 * Isotope masses: AME2020 (W.J. Huang et al., Chinese Phys. C 45 (2021) 030002), atomic masses in u.
 * Natural abundances: IUPAC 2013 isotopic compositions (J. Meija et al., Pure Appl. Chem. 88 (2016) 293).
 */
import { nucleusProblem } from './inputRanges.js';
import { ATOMIC_MASS_UNIT_MEV, AVOGADRO_PER_MOL, ELECTRON_MASS_MEV } from './constants.js';

export interface Nucleus {
  /** Human label, e.g. "Xe-132", "Xe (A=131)". */
  readonly label: string;
  readonly Z: number;
  readonly N: number;
  /** Mass number A = Z + N (may be non-integer only for user-defined mean nuclei). */
  readonly A: number;
  /** Nuclear mass M [MeV]. */
  readonly massMeV: number;
  /** Atomic mass [u] (used for molar masses). */
  readonly atomicMassU: number;
}

export interface TargetComponent {
  readonly nucleus: Nucleus;
  /** Number of these nuclei per formula unit (isotopic abundance for natural elements). */
  readonly atomsPerFormulaUnit: number;
}

export interface Target {
  readonly label: string;
  readonly components: readonly TargetComponent[];
  /** Mass of one formula unit [u] = molar mass [g/mol]. */
  readonly formulaMassU: number;
  /** Set when the target is a single mean-A nucleus standing for an element (the paper's convention). */
  readonly note?: string;
}

/** A nucleus from its atomic mass in u: M = m_atom − Z·m_e (electron binding energies neglected, < 1e-5 relative). */
export function nucleusFromAtomicMass(label: string, Z: number, A: number, atomicMassU: number): Nucleus {
  return {
    label,
    Z,
    N: A - Z,
    A,
    atomicMassU,
    massMeV: atomicMassU * ATOMIC_MASS_UNIT_MEV - Z * ELECTRON_MASS_MEV,
  };
}

/**
 * The paper's convention (Sharma et al. 2021, Sec. III): one nucleus of mass number A with M = A·u.
 * Used for the paper's Ar, Ge, Xe reproductions.
 */
export function meanNucleus(label: string, Z: number, A: number): Nucleus {
  return { label, Z, N: A - Z, A, atomicMassU: A, massMeV: A * ATOMIC_MASS_UNIT_MEV };
}

/** [symbol, Z, [A, atomic mass u (AME2020), natural abundance (IUPAC 2013)][]] */
const ISOTOPES = {
  Ar: {
    Z: 18,
    isotopes: [
      [36, 35.967545105, 0.003336],
      [38, 37.96273211, 0.000629],
      [40, 39.9623831237, 0.996035],
    ],
  },
  Ge: {
    Z: 32,
    isotopes: [
      [70, 69.92424875, 0.2052],
      [72, 71.922075826, 0.2745],
      [73, 72.923458956, 0.0776],
      [74, 73.921177761, 0.3652],
      [76, 75.921402726, 0.0775],
    ],
  },
  Xe: {
    Z: 54,
    isotopes: [
      [124, 123.905892, 0.00095],
      [126, 125.9042983, 0.00089],
      [128, 127.903531, 0.0191],
      [129, 128.9047808611, 0.26401],
      [130, 129.903509349, 0.04071],
      [131, 130.90508406, 0.21232],
      [132, 131.9041550856, 0.26909],
      [134, 133.90539466, 0.10436],
      [136, 135.907214484, 0.08857],
    ],
  },
  Cs: { Z: 55, isotopes: [[133, 132.905451961, 1]] },
  I: { Z: 53, isotopes: [[127, 126.904471, 1]] },
  Na: { Z: 11, isotopes: [[23, 22.989769282, 1]] },
} as const satisfies Record<string, { Z: number; isotopes: readonly (readonly [number, number, number])[] }>;

export type ElementSymbol = keyof typeof ISOTOPES;
export const ELEMENT_SYMBOLS = Object.keys(ISOTOPES) as ElementSymbol[];

/**
 * Mass numbers of the paper's representative nuclei (Sec. III: "(Ar;Ge;Xe) with Z=(18;32;54)").
 * The paper does not state A; we take the standard atomic weight rounded to the nearest integer
 * (Ar 39.95 → 40, Ge 72.63 → 73, Xe 131.29 → 131). The README reports what this choice moves.
 */
export const PAPER_MASS_NUMBERS = { Ar: 40, Ge: 73, Xe: 131, Cs: 133, I: 127, Na: 23 } as const;

/** One isotope of an element, e.g. isotope('Xe', 132). Returns undefined if not tabulated. */
export function isotope(symbol: ElementSymbol, A: number): Nucleus | undefined {
  const el = ISOTOPES[symbol];
  const row = el.isotopes.find(([a]) => a === A);
  return row && nucleusFromAtomicMass(`${symbol}-${A}`, el.Z, A, row[1]);
}

function singleNucleusTarget(nucleus: Nucleus, note?: string): Target {
  return {
    label: nucleus.label,
    components: [{ nucleus, atomsPerFormulaUnit: 1 }],
    formulaMassU: nucleus.atomicMassU,
    ...(note === undefined ? {} : { note }),
  };
}

/** The paper's mean-A nucleus for an element, as a one-component target. */
export function paperTarget(symbol: ElementSymbol): Target {
  const A = PAPER_MASS_NUMBERS[symbol];
  const nucleus = meanNucleus(`${symbol} (A=${A})`, ISOTOPES[symbol].Z, A);
  return singleNucleusTarget(nucleus, `single nucleus A=${A}, M=A·u (the paper's convention)`);
}

/** The element with its natural isotopic composition (IUPAC 2013), each isotope a separate component. */
export function naturalTarget(symbol: ElementSymbol): Target {
  const el = ISOTOPES[symbol];
  const components = el.isotopes.map(([A, mass, abundance]) => ({
    nucleus: nucleusFromAtomicMass(`${symbol}-${A}`, el.Z, A, mass),
    atomsPerFormulaUnit: abundance,
  }));
  const total = components.reduce((s, c) => s + c.atomsPerFormulaUnit, 0);
  const normalised = components.map((c) => ({ ...c, atomsPerFormulaUnit: c.atomsPerFormulaUnit / total }));
  return {
    label: `${symbol} (natural)`,
    components: normalised,
    formulaMassU: normalised.reduce((s, c) => s + c.atomsPerFormulaUnit * c.nucleus.atomicMassU, 0),
  };
}

/** A compound from element symbols and counts, each element natural (CsI = compound({Cs:1, I:1})). */
export function compoundTarget(label: string, formula: Partial<Record<ElementSymbol, number>>): Target {
  const components: TargetComponent[] = [];
  for (const [symbol, count] of Object.entries(formula) as [ElementSymbol, number][]) {
    for (const c of naturalTarget(symbol).components) {
      components.push({ nucleus: c.nucleus, atomsPerFormulaUnit: c.atomsPerFormulaUnit * count });
    }
  }
  return {
    label,
    components,
    formulaMassU: components.reduce((s, c) => s + c.atomsPerFormulaUnit * c.nucleus.atomicMassU, 0),
  };
}

/** A user nucleus (Z, A) with M = A·u, as a one-component target. */
export function userTarget(Z: number, A: number): Target {
  return singleNucleusTarget(meanNucleus(`Z=${Z},A=${A}`, Z, A), 'user nucleus, M=A·u');
}

/** Number of formula units per kg of target. */
export function formulaUnitsPerKg(target: Target): number {
  return (1000 / target.formulaMassU) * AVOGADRO_PER_MOL;
}

/**
 * Target names understood by {@link resolveTarget}:
 * - `Ar`, `Ge`, `Xe`, `Cs`, `I`, `Na`: the paper's mean-A nucleus;
 * - `Ar-nat`, `Ge-nat`, `Xe-nat`: natural isotopic mixtures;
 * - `Xe-132`, `Ge-72`, ...: single isotopes;
 * - `CsI`: the compound, Cs-133 and I-127 summed;
 * - `Z=54,A=131`: any user nucleus.
 * Returns undefined for an unknown name (callers raise a typed error naming the field).
 */
export function resolveTarget(name: string): Target | undefined {
  const trimmed = name.trim();
  if (trimmed === 'CsI') return compoundTarget('CsI', { Cs: 1, I: 1 });
  if (trimmed in ISOTOPES) return paperTarget(trimmed as ElementSymbol);
  const nat = /^([A-Z][a-z]?)-nat$/.exec(trimmed);
  if (nat && nat[1]! in ISOTOPES) return naturalTarget(nat[1] as ElementSymbol);
  const iso = /^([A-Z][a-z]?)-?(\d{1,3})$/.exec(trimmed);
  if (iso && iso[1]! in ISOTOPES) {
    const n = isotope(iso[1] as ElementSymbol, Number(iso[2]));
    return n && singleNucleusTarget(n);
  }
  const user = parseUserNucleus(trimmed);
  if (user && nucleusProblem(user.Z, user.A - user.Z) === undefined) return userTarget(user.Z, user.A);
  return undefined;
}

function parseUserNucleus(name: string): { Z: number; A: number } | undefined {
  const user = /^Z\s*=\s*(\d+)\s*,\s*A\s*=\s*(\d+(?:\.\d+)?)$/.exec(name);
  return user ? { Z: Number(user[1]), A: Number(user[2]) } : undefined;
}

/** Why `resolveTarget(name)` is undefined: an implausible user nucleus says so; otherwise "unknown target". */
export function targetNameProblem(name: string): string {
  const user = parseUserNucleus(name.trim());
  const why = user === undefined ? undefined : nucleusProblem(user.Z, user.A - user.Z);
  return why === undefined
    ? `unknown target; expected ${TARGET_NAME_HELP}`
    : `not a nucleus that exists: ${why}`;
}

export const TARGET_NAME_HELP =
  'Ar, Ge, Xe, Cs, I (paper mean-A), Ar-nat, Ge-nat, Xe-nat, an isotope like Xe-132, CsI, or Z=54,A=131';
