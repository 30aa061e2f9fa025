/**
 * How p-values, significances and α intervals read in the text reports (`analyze` on every kind of
 * dataset, `project`): one formatter each, so a NaN or an underflowed p reads the same everywhere.
 */

/** p, or a bound when it underflowed double precision; a NaN reads "n/a", never a number. */
export const fmtP = (p: number): string =>
  Number.isNaN(p) ? 'n/a' : p === 0 ? '< 1e-300' : p < 1e-3 ? p.toExponential(1) : p.toFixed(3);

/**
 * Z, or a bound when p underflowed double precision (Z > 37.5 for p < 1e-307); a NaN is never shown as
 * a significance ("n/a"), and p = 1 gives Z = −∞.
 */
export const fmtZ = (z: number): string =>
  Number.isNaN(z) ? 'n/a' : z === Infinity ? '> 37' : z === -Infinity ? '−∞' : z.toFixed(2);

/** An interval; * marks the hull of an accepted set with gaps. */
export const fmtInterval = (i: { lo: number; hi: number; connected?: boolean }): string =>
  `[${i.lo.toFixed(2)}, ${i.hi.toFixed(2)}]${i.connected === false ? '*' : ''}`;
