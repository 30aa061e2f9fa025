/**
 * Forward folding (DESIGN.md round 2): a detector response maps a nuclear recoil of energy T on one
 * nucleus to expected counts in the bins of a channel's observables (PE × time, energy × F90 × time,
 * cS1 × cS2 …). It contains everything between the recoil and the recorded event — quenching or
 * scintillation response, light yield, resolution, efficiency, timing — and nothing of the neutrino
 * physics, which arrives as a recoil spectrum dN/dT from src/physics.
 *
 * A predicted spectrum becomes a template by `foldSpectrum`; a true-q² band j of nucleus k is the
 * same fold restricted to T ∈ [q²_lo/(2M_k), q²_hi/(2M_k)). A shape systematic is the same response
 * built at a shifted input (e.g. quenching at ±1σ), folded again: that gives the histosys templates.
 */
export interface RecoilResponse {
  /** Number of observable bins (the channel's bins, row-major over its axes). */
  readonly nBins: number;
  /**
   * The response to one recoil at `tKeV` (keV_nr): for each observable bin, the probability that a
   * recoil of this energy is recorded in that bin (detection efficiency included, so the row sums to
   * the efficiency ≤ 1). Written into `out` (length nBins); no allocation.
   */
  row(tKeV: number, out: Float64Array): void;
}
