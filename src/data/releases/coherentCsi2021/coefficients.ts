/**
 * The two coefficient files of the release (README):
 *
 * `effCoefficients.txt` — detection efficiency ε(x) = a/(1 + e^{−b(x − c)}) + d in the reconstructed
 *   energy x [PE]; three lines of a b c d: the nominal model and two ±1σ variants (both labelled
 *   "+1 sigma" in the file; which one is +1σ is decided by the efficiency they give, see
 *   `efficiencyVariants`). The curve is negative below x₀ = c − ln(a/(−d) − 1)/b (≈ 7.1 PE for the
 *   nominal model); an efficiency is a probability, so it is clipped to 0 there.
 *
 * `scintRespCoefficients.txt` — scintillation response E_ee(x) = a x + b x² + c x³ + d x⁴ [MeV_ee] in
 *   the nuclear-recoil energy x [MeV_nr]; five lines: nominal, model 0 ±1σ, model 1 ±1σ (two
 *   independent variations: two nuisance parameters).
 *
 * Checks: efficiency a > 0, b > 0, c > 0 (a curve that rises with PE) and a plateau a + d in (0, 1];
 * scintillation response increasing and positive on (0, 50] keV_nr (beyond every CEvNS recoil at the
 * SNS: T_max ≈ 47 keV_nr on I-127). A violation is an error naming the file and line.
 */
import { numericLines, readReleaseText, releaseError } from './textFile.js';

export const CSI_2021_COEFFICIENT_FILES = {
  efficiency: 'effCoefficients.txt',
  scintillation: 'scintRespCoefficients.txt',
} as const;

export interface EfficiencyModel {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
}

/** Quartic scintillation response, coefficients of x, x², x³, x⁴ (x in MeV_nr, E_ee in MeV_ee). */
export interface ScintillationModel {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
}

/** ε(x), clipped to [0, 1]. */
export function efficiencyAt(m: EfficiencyModel, pe: number): number {
  const v = m.a / (1 + Math.exp(-m.b * (pe - m.c))) + m.d;
  return v <= 0 ? 0 : v >= 1 ? 1 : v;
}

/** Where the unclipped curve crosses 0 (0 if it never does). */
export function efficiencyZeroPe(m: EfficiencyModel): number {
  if (m.d >= 0) return 0;
  const r = m.a / -m.d;
  if (r <= 1) return Infinity;
  return Math.max(0, m.c - Math.log(r - 1) / m.b);
}

/** E_ee [keV_ee] of a recoil T [keV_nr] (the file's polynomial is in MeV). */
export function electronEquivalentKeV(m: ScintillationModel, tKeV: number): number {
  const x = tKeV * 1e-3;
  return 1e3 * x * (m.a + x * (m.b + x * (m.c + x * m.d)));
}

/** Upper end of the recoil range on which the scintillation response is checked [keV_nr]. */
export const SCINT_CHECK_MAX_KEV = 50;

function coefficientLines(text: string, file: string, n: number) {
  const rows = numericLines(text, 4, file);
  if (rows.length !== n) releaseError(file, undefined, `${rows.length} coefficient lines; expected ${n}`);
  return rows.map(({ line, values }) => {
    const [a, b, c, d] = values as [number, number, number, number];
    return { line, model: { a, b, c, d } };
  });
}

export interface EfficiencyCoefficients {
  readonly nominal: EfficiencyModel;
  readonly variants: readonly [EfficiencyModel, EfficiencyModel];
}

export function parseEfficiencyCoefficients(text: string, file: string): EfficiencyCoefficients {
  const rows = coefficientLines(text, file, 3);
  for (const { line, model: m } of rows) {
    for (const k of ['a', 'b', 'c'] as const) {
      if (!(m[k] > 0))
        releaseError(file, line, `coefficient ${k} = ${m[k]} is not positive; expected a > 0, b > 0, c > 0`);
    }
    if (!(m.a + m.d > 0 && m.a + m.d <= 1 + 1e-12)) {
      releaseError(
        file,
        line,
        `plateau a + d = ${+(m.a + m.d).toPrecision(6)}; expected an efficiency in (0, 1]`,
      );
    }
  }
  return { nominal: rows[0]!.model, variants: [rows[1]!.model, rows[2]!.model] };
}

export interface ScintillationCoefficients {
  readonly nominal: ScintillationModel;
  /** [model 0, model 1], each {up, down} (+1σ, −1σ). */
  readonly variants: readonly [
    { readonly up: ScintillationModel; readonly down: ScintillationModel },
    { readonly up: ScintillationModel; readonly down: ScintillationModel },
  ];
}

export function parseScintillationCoefficients(text: string, file: string): ScintillationCoefficients {
  const rows = coefficientLines(text, file, 5);
  for (const { line, model } of rows) {
    let prev = 0;
    for (let i = 1; i <= 500; i++) {
      const t = (SCINT_CHECK_MAX_KEV * i) / 500;
      const e = electronEquivalentKeV(model, t);
      if (!(e > prev)) {
        releaseError(
          file,
          line,
          `E_ee(${t} keV_nr) = ${e.toPrecision(4)} keV_ee is not above E_ee at ${t - SCINT_CHECK_MAX_KEV / 500} keV_nr; expected a response increasing and positive on (0, ${SCINT_CHECK_MAX_KEV}] keV_nr`,
        );
      }
      prev = e;
    }
  }
  const m = rows.map((r) => r.model);
  return {
    nominal: m[0]!,
    variants: [
      { up: m[1]!, down: m[2]! },
      { up: m[3]!, down: m[4]! },
    ],
  };
}

export function readEfficiencyCoefficients(dir: string): EfficiencyCoefficients {
  const f = CSI_2021_COEFFICIENT_FILES.efficiency;
  return parseEfficiencyCoefficients(readReleaseText(dir, f), f);
}

export function readScintillationCoefficients(dir: string): ScintillationCoefficients {
  const f = CSI_2021_COEFFICIENT_FILES.scintillation;
  return parseScintillationCoefficients(readReleaseText(dir, f), f);
}

/**
 * The efficiency variants as (down, up): the file labels both "+1 sigma"; the one with the higher mean
 * efficiency over 0–60 PE (1-PE steps) is taken as +1σ.
 */
export function efficiencyVariants(e: EfficiencyCoefficients): {
  down: EfficiencyModel;
  up: EfficiencyModel;
} {
  const mean = (m: EfficiencyModel) => {
    let s = 0;
    for (let x = 0.5; x < 60; x += 1) s += efficiencyAt(m, x);
    return s;
  };
  const [v0, v1] = e.variants;
  return mean(v0) >= mean(v1) ? { up: v0, down: v1 } : { up: v1, down: v0 };
}
