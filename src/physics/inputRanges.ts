/**
 * The ranges of the user-chosen physics inputs, checked the same way by every entry point (CLI
 * options, dataset files, setup files): ε = 1 − 4 sin²θ_W and user nuclei (Z, N).
 * Each function returns undefined for an accepted value and otherwise the reason, phrased to follow
 * the value in an error message ("… is outside …; expected …").
 */

/**
 * ε = 1 − 4 sin²θ_W must lie in [0, 1): sin²θ_W in (0, 1/4]. The weak mixing angle is 0.2386 at low
 * Q² and 0.2312 at M_Z (PDG 2024, Electroweak review), so ε ≈ 0.045–0.075; ε ≥ 1 would need
 * sin²θ_W ≤ 0 and ε < 0 a value above 1/4, which the running never reaches.
 */
export const EPSILON_RANGE = { min: 0, maxExclusive: 1 } as const;

export function epsilonProblem(epsilon: number): string | undefined {
  if (!Number.isFinite(epsilon)) return `${epsilon} is not a finite number; expected ε in [0, 1)`;
  if (epsilon < EPSILON_RANGE.min || epsilon >= EPSILON_RANGE.maxExclusive) {
    return `${epsilon} is outside [0, 1); expected ε = 1 − 4 sin²θ_W with 0 < sin²θ_W ≤ 1/4 (the paper's ε = 0.045)`;
  }
  return undefined;
}

/** Heaviest element observed (oganesson, Z = 118) and largest mass number of any observed nuclide. */
export const MAX_Z = 118;
export const MAX_A = 295;
/**
 * N/Z of every observed nuclide lies in [0.5, 3]: ³He (N/Z = 0.5) and ⁸He (N/Z = 3) are the extremes
 * among bound nuclei with N ≥ 1 (NUBASE2020, F.G. Kondev et al., Chin. Phys. C 45, 030001 (2021)).
 */
export const N_OVER_Z_RANGE = [0.5, 3] as const;

/** Reason a nucleus (Z protons, N neutrons) is not a nucleus that exists, or undefined. */
export function nucleusProblem(Z: number, N: number): string | undefined {
  if (!Number.isInteger(Z) || Z < 1 || Z > MAX_Z) return `Z = ${Z}: expected an integer from 1 to ${MAX_Z}`;
  if (!(N >= 0) || !Number.isFinite(N)) return `N = ${N}: expected N ≥ 0`;
  const A = Z + N;
  if (A > MAX_A) return `A = ${A} exceeds ${MAX_A}, the heaviest nuclide observed`;
  const r = N / Z;
  if (r < N_OVER_Z_RANGE[0] || r > N_OVER_Z_RANGE[1]) {
    return `N/Z = ${Number(r.toPrecision(3))} (Z = ${Z}, N = ${N}) is outside [${N_OVER_Z_RANGE[0]}, ${N_OVER_Z_RANGE[1]}], the range of every observed nuclide`;
  }
  return undefined;
}
