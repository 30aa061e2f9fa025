/**
 * Seeded random streams (STYLE.md P12): the ONLY importer of seedrandom in the project, and the only
 * source of randomness of the toys. Nothing here reads a clock or `Math.random`.
 *
 * GENERATOR: seedrandom's `alea` (J. Baagøe's Alea): the multiply-with-carry recurrence
 * x_n = (a·x_{n−3} + c_{n−1}) mod 2³², c_n = ⌊(a·x_{n−3} + c_{n−1})/2³²⌋ with a = 2091639, computed
 * exactly in doubles; the state is three 32-bit words and the carry c ∈ [0, a), the period ≈ 2¹¹⁶
 * (p = a·2⁹⁶ − 1 is a safe prime), and it passes TestU01 BigCrush (seedrandom's README). Measured on
 * node 20: 120–137 M uniforms/s, against 87 M/s for `xor4096`, 92 M/s for `tychei` and 21 M/s for
 * the default ARC4; the samplers need one or two uniforms per variate, so the stream is never the
 * bottleneck.
 *
 * STREAMS: a stream is named by the run's seed and a tuple of parts — for the toys (task key, chunk
 * index), so `createRng(seed, task, chunk)`. Its initial state is a cryptographic hash of that name:
 *
 *   h = SHA-256( JSON.stringify(["cevns-coherency/rng@2", String(seed), String(part₁), …]) )
 *   x₀, x₁, x₂ = big-endian 32-bit words 0–2 of h,  c = 1 + (word 3 mod (a − 2))
 *
 * and Alea starts from (x₀/2³², x₁/2³², x₂/2³², c) (seedrandom's `state` option) — no Mash seeding.
 * WHY: the previous scheme fed the string "<seed>/<stream>" through Baagøe's Mash, an ad-hoc 32-bit
 * hash whose three successive outputs fill the state, so neighbouring names ("7#1", "7#2", or
 * seeds 1, 2, 3 …) went through one weak mixing step of related inputs. SHA-256 makes the states of any
 * two distinct names independent uniform draws from ~2¹¹⁷ states for every practical purpose (the
 * JSON array encoding is injective, so no two (seed, parts) tuples share a name, and the version tag
 * keeps these streams apart from any other use of the hash). With ~2³⁰ draws per stream and up to
 * ~2²⁰ streams per run, two streams overlap with probability ≲ 2²⁰·2²⁰·2³⁰/2¹¹⁶ ≈ 2⁻⁴⁶. A counter-based
 * generator (Philox) would need 32×32→64-bit multiplies emulated in 16-bit halves in JS — several
 * times slower per draw — for no gain here, since streams are created once per chunk of thousands
 * of toys: the hash costs a few µs per stream and the per-draw speed is Alea's, unchanged.
 * test/toys/rng.test.ts checks reproducibility, that toy p-values over 200 seeds scatter binomially
 * (dispersion test), and that neighbouring seeds' and chunks' streams are uncorrelated (correlation,
 * serial pairs, and a birthday/collision count of their first outputs).
 *
 * Variates:
 * - `uniform()`: [0, 1) with 32-bit resolution (Alea's native output).
 * - `poisson(mean)`: inversion below mean 10, Hörmann's PTRS above (poisson.ts explains why not
 *   @stdlib's sampler).
 * - `normal()`: standard normal by Marsaglia's polar method (G. Marsaglia, T.A. Bray, SIAM Review 6
 *   (1964) 260; D.E. Knuth, TAOCP vol. 2, §3.4.1, Algorithm P) on this stream's uniforms: exact, two
 *   normals per accepted pair (the second is kept for the next call), acceptance π/4. WHY NOT
 *   @stdlib/random-base-normal: given an external `prng`, its ziggurat seeds the integer generator
 *   that picks the ziggurat layer (an MT19937) with ONE 32-bit draw of it, so among ~2¹⁶ streams two
 *   would share that sequence (birthday bound 2³²) — the seeding bottleneck this file removes; seeded
 *   instead with a 128-bit array it draws its uniforms from MT19937 too and runs at 15–17 M/s, and
 *   stdlib's Box–Muller at 12–16 M/s, against 40–45 M/s for the ziggurat driven by Alea and
 *   ~40 M/s here (node 20). With 32-bit uniforms the largest |z| is √(−2 ln 2⁻⁶²) ≈ 9.3.
 */
// SHA-256 from @noble/hashes (pure JS), not node:crypto: the toys layer also runs in a browser.
import { sha256 } from '@noble/hashes/sha2';
import { utf8ToBytes } from '@noble/hashes/utils';
import seedrandom from 'seedrandom';
import { SpecError } from '../errors.js';
import { poissonInversion, poissonPtrs, PTRS_MIN_MEAN } from './poisson.js';

export interface Rng {
  /** The name of this stream: "<seed>" or "<seed>/<part₁>/<part₂>…" (for records and messages). */
  readonly seed: string;
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Poisson variate; mean 0 gives 0, a negative or non-finite mean NaN. */
  poisson(mean: number): number;
  /** Standard normal variate N(0, 1). */
  normal(): number;
}

/** Version tag of the stream derivation (changing it changes every stream). */
export const RNG_STREAMS_VERSION = 'cevns-coherency/rng@2';

/** Alea's multiplier a. */
const ALEA_A = 2091639;
const TWO_POW_M32 = 2.3283064365386963e-10;

/** The readable name of a stream: `"<seed>"` or `"<seed>/<part₁>/…"`. */
export function streamSeed(seed: string | number, ...parts: readonly (string | number)[]): string {
  return [String(seed), ...parts.map(String)].join('/');
}

/**
 * Alea's initial state for (seed, parts): SHA-256 of the injective JSON encoding of the name, see the
 * module comment. Exported for the tests.
 */
export function streamState(
  seed: string | number,
  ...parts: readonly (string | number)[]
): seedrandom.State.Alea {
  const name = JSON.stringify([RNG_STREAMS_VERSION, String(seed), ...parts.map(String)]);
  const h = sha256(utf8ToBytes(name));
  const view = new DataView(h.buffer, h.byteOffset, h.byteLength);
  const word = (i: number): number => view.getUint32(4 * i, false);
  return {
    s0: word(0) * TWO_POW_M32,
    s1: word(1) * TWO_POW_M32,
    s2: word(2) * TWO_POW_M32,
    // c ∈ [1, a − 2]: never the two fixed points (all zero with c = 0, all ones with c = a − 1)
    c: 1 + (word(3) % (ALEA_A - 2)),
  };
}

class AleaRng implements Rng {
  readonly seed: string;
  private readonly next: () => number;
  /** The second normal of the last accepted polar pair, if not yet returned. */
  private spare = 0;
  private hasSpare = false;

  constructor(name: string, state: seedrandom.State.Alea) {
    this.seed = name;
    this.next = seedrandom.alea('', { state: { ...state } });
  }

  uniform(): number {
    return this.next();
  }

  poisson(mean: number): number {
    if (mean < PTRS_MIN_MEAN) {
      if (mean > 0) return poissonInversion(this.next(), mean);
      return mean === 0 ? 0 : NaN;
    }
    if (!(mean < Infinity)) return NaN;
    return poissonPtrs(this.next, mean);
  }

  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }
}

/**
 * A seeded stream named by (seed, parts…). Same name → same sequence, on every platform Node runs on;
 * different names → independent streams (module comment).
 * @example
 * const rng = createRng(1, 'bin3/alpha40of40', 7); // seed 1, task "bin3/alpha40of40", chunk 7
 * rng.poisson(12.5); // an integer, the same on every run
 */
export function createRng(seed: string | number, ...parts: readonly (string | number)[]): Rng {
  if (typeof seed === 'number' && !Number.isFinite(seed)) {
    throw new SpecError('invalid_input', `seed: expected a finite number or a string, got ${seed}`, ['seed']);
  }
  if (typeof seed === 'string' && seed.length === 0) {
    throw new SpecError('invalid_input', 'seed: expected a non-empty string', ['seed']);
  }
  return new AleaRng(streamSeed(seed, ...parts), streamState(seed, ...parts));
}
