/**
 * The corpus of bad inputs (issue 14): every case must exit 2 with exactly one line on stderr that
 * matches `error`, no stack trace, nothing written under `out`, no temporaries left. Categories:
 * usage, numbers (bad, NaN, ±Infinity, huge, negative, non-integer), units, missing/empty/truncated files,
 * directories vs files, FIFOs and devices, unwritable outputs, conflicting flags, duplicate inputs,
 * wrong schema versions, physics ranges, job sizes.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Workspace } from './workspace.js';

export interface BadCase {
  /** `category: what`, unique. */
  readonly name: string;
  readonly args: (w: Workspace) => string[];
  /** What the one stderr line must say (after "coherency: "). */
  readonly error: RegExp;
  /** The --out path of the case, checked to be unchanged (nothing written) afterwards. */
  readonly out?: (w: Workspace) => string;
}

const d = (name: string, args: BadCase['args'], error: RegExp, out?: BadCase['out']): BadCase =>
  out === undefined ? { name, args, error } : { name, args, error, out };

/** A dataset mutation case of `analyze`: the message must name the field the user wrote. */
const ds = (what: string, mutate: Parameters<Workspace['dataset']>[1], error: RegExp): BadCase => ({
  name: `dataset: ${what}`,
  args: (w) => [
    'analyze',
    w.dataset(`ds-${what.replace(/\W+/g, '-')}.json`, mutate),
    '--out',
    w.fresh(`out-ds-${what.replace(/\W+/g, '-')}`),
  ],
  error,
  out: (w) => w.fresh(`out-ds-${what.replace(/\W+/g, '-')}`),
});

/** A setup mutation case of `project`. */
const su = (what: string, mutate: Parameters<Workspace['setupWith']>[1], error: RegExp): BadCase => ({
  name: `setup: ${what}`,
  args: (w) => ['project', '--setup', w.setupWith(`su-${what.replace(/\W+/g, '-')}.json`, mutate)],
  error,
});

type B = { bins: Record<string, unknown>[] } & Record<string, unknown>;
const bin = (x: B, i: number) => x.bins[i]!;
const nuclei = (x: B) => (x.target as { nuclei: Record<string, unknown>[] }).nuclei;
/** Scale bin i's predicted signal (total and per nucleus) by f, keeping the sums consistent. */
const scaleSignal = (x: B, i: number, f: number) => {
  const b = bin(x, i);
  b.sCoh = (b.sCoh as number) * f;
  for (const n of b.nuclei as Record<string, number>[]) n.sCoh = n.sCoh! * f;
};

export const BAD_CASES: readonly BadCase[] = [
  // ---- usage (commander) -------------------------------------------------------------------
  d('usage: no command', () => [], /no command given; expected one of analyze/),
  d('usage: unknown command', () => ['anlyze'], /unknown command 'anlyze' \(Did you mean analyze\?\)/),
  d('usage: unknown option', () => ['analyze', '--bogus'], /unknown option '--bogus'/),
  d('usage: misspelt option', () => ['analyze', '--systematic', 'none'], /Did you mean --systematics\?/),
  d(
    'usage: option without its value',
    () => ['alpha', '--target'],
    /option '--target <name>' argument missing/,
  ),
  d('usage: too many arguments', () => ['analyze', 'a', 'b'], /too many arguments/),
  d('usage: required option missing (fit)', () => ['fit', 'coherent-csi-2017'], /required option '--model/),
  d('usage: required argument missing (fit)', () => ['fit', '--model', 'helm'], /missing required argument/),
  d('usage: required option missing (merge)', (w) => ['merge', w.shard], /required option '--out/),
  d('usage: required option missing (figures)', () => ['figures'], /required option '--out/),

  // ---- conflicting flags -------------------------------------------------------------------
  ...(
    ['analyze', 'alpha --target Xe --q2 100', 'table', 'project --setup ge-reactor', 'coverage'] as const
  ).map((c) =>
    d(
      `conflict: --json --csv (${c.split(' ')[0]})`,
      () => [...c.split(' '), '--json', '--csv'],
      /--json and --csv: give one output format/,
    ),
  ),
  d(
    'conflict: alpha with both --q2 and --t-kev',
    () => ['alpha', '--target', 'Xe', '--q2', '1', '--t-kev', '1'],
    /exactly one of --q2/,
  ),
  d(
    'conflict: alpha with neither --q2 nor --t-kev',
    () => ['alpha', '--target', 'Xe'],
    /exactly one of --q2/,
  ),
  d(
    'conflict: analyze --workers without --toys',
    () => ['analyze', '--workers', '2'],
    /--workers only applies with --toys/,
  ),
  d('conflict: toys --shard without --out', () => ['toys', '--shard', '1/2'], /--shard needs --out/),

  // ---- numbers -----------------------------------------------------------------------------
  d(
    'number: alpha --epsilon 2 (ε ≥ 1)',
    () => ['alpha', '--target', 'Xe', '--q2', '1', '--epsilon', '2'],
    /--epsilon "2": is outside \[0, 1\)/,
  ),
  d('number: table --epsilon -1', () => ['table', '--epsilon', '-1'], /--epsilon "-1": is outside \[0, 1\)/),
  d(
    'number: alpha --epsilon NaN',
    () => ['alpha', '--target', 'Xe', '--q2', '1', '--epsilon', 'NaN'],
    /--epsilon "NaN"/,
  ),
  d(
    'number: alpha --epsilon Infinity',
    () => ['alpha', '--target', 'Xe', '--q2', '1', '--epsilon', 'Infinity'],
    /--epsilon "Infinity"/,
  ),
  d(
    'number: alpha --q2 -1',
    () => ['alpha', '--target', 'Xe', '--q2', '-1'],
    /--q2 "-1": expected q² in MeV² ≥ 0/,
  ),
  d(
    'number: alpha --q2 1e999 (Infinity)',
    () => ['alpha', '--target', 'Xe', '--q2', '1e999'],
    /--q2 "1e999": expected q²/,
  ),
  d(
    'number: alpha --t-kev abc',
    () => ['alpha', '--target', 'Xe', '--t-kev', 'abc'],
    /--t-kev "abc": expected a recoil energy/,
  ),
  d(
    'number: alpha --r0 0',
    () => ['alpha', '--target', 'Xe', '--q2', '1', '--r0', '0'],
    /--r0 "0": expected the Helm r0 in fm > 0/,
  ),
  d(
    'number: alpha --skin -0.5',
    () => ['alpha', '--target', 'Xe', '--q2', '1', '--skin', '-0.5'],
    /--skin "-0.5"/,
  ),
  d(
    'number: alpha --skin too large for R (R² ≤ 5s²)',
    () => ['alpha', '--target', 'Ar', '--q2', '1', '--skin', '3'],
    /Helm form factor undefined/,
  ),
  d(
    'number: analyze --toys 0',
    () => ['analyze', '--toys', '0'],
    /--toys "0": expected a number of toys \(an integer ≥ 1\)/,
  ),
  d('number: analyze --toys -5', () => ['analyze', '--toys', '-5'], /--toys "-5"/),
  d('number: analyze --toys 1.5', () => ['analyze', '--toys', '1.5'], /--toys "1.5"/),
  d('number: analyze --toys abc', () => ['analyze', '--toys', 'abc'], /--toys "abc"/),
  d(
    'number: analyze --toys 1e12 (job too large)',
    () => ['analyze', '--toys', '1e12'],
    /toy job too large: .* limit of 1\.0e6 chunks/,
  ),
  d(
    'number: toys --n 1e12 (job too large, issue 6)',
    (w) => ['toys', '--n', '1e12', '--out', w.fresh('out-n1e12')],
    /toy job too large: 2\.4e9 chunks/,
    (w) => w.fresh('out-n1e12'),
  ),
  d(
    'number: toys --n 1e400 (Infinity)',
    () => ['toys', '--n', '1e400'],
    /--n "1e400": expected a number of toys/,
  ),
  d('number: toys --n 0', () => ['toys', '--n', '0'], /--n "0"/),
  d('number: toys --fc-toys -1', () => ['toys', '--fc-toys', '-1'], /--fc-toys "-1"/),
  d('number: toys --combined-toys 2.5', () => ['toys', '--combined-toys', '2.5'], /--combined-toys "2.5"/),
  d(
    'number: toys --alpha-step 0.3 (not 1/n)',
    () => ['toys', '--alpha-step', '0.3'],
    /--alpha-step "0.3": expected 1\/n/,
  ),
  d('number: toys --cl 1.5', () => ['toys', '--cl', '1.5', '--n', '10'], /confidence levels in \(0, 1\)/),
  d('number: toys --cl abc', () => ['toys', '--cl', 'abc'], /--cl "abc": expected confidence levels/),
  d(
    'number: toys --bins 99',
    () => ['toys', '--bins', '99', '--n', '10'],
    /bins: 99 is not an informative bin/,
  ),
  d(
    'number: toys --workers 0',
    () => ['toys', '--workers', '0'],
    /--workers "0": expected a number of worker threads/,
  ),
  d(
    'number: toys --shard 3/2',
    () => ['toys', '--shard', '3/2'],
    /--shard "3\/2": expected k\/n with 1 ≤ k ≤ n/,
  ),
  d('number: toys --shard abc', () => ['toys', '--shard', 'abc'], /--shard "abc": expected k\/n/),
  d('number: coverage --experiments 0', () => ['coverage', '--experiments', '0'], /--experiments "0"/),
  d(
    'number: coverage --experiments 1e12 (job too large)',
    () => ['coverage', '--experiments', '1e12', '--bins', '0'],
    /toy job too large/,
  ),
  d('number: coverage --alpha-step 0', () => ['coverage', '--alpha-step', '0'], /--alpha-step "0"/),
  // --truth on a counts dataset's per-bin study (issue 14 verification: it used to be ignored).
  d(
    'number: coverage --truth 2 on a counts dataset',
    () => ['coverage', '--truth', '2', '--bins', '6'],
    /error: --truth "2": truths\[0\]: 2 is not a value of α in \[0, 1\]/,
  ),
  d(
    'number: coverage --truth -1 on a counts dataset',
    () => ['coverage', '--truth=-1', '--bins', '6'],
    /--truth "-1": truths\[0\]: -1 is not a value of α in \[0, 1\]/,
  ),
  d(
    'number: coverage --truth a:b (2-D) on a counts dataset',
    () => ['coverage', '--truth', '0.5:0.5', '--bins', '6'],
    /--truth "0\.5:0\.5": truths\[0\]: 0\.5:0\.5 is not a value of α/,
  ),
  d(
    'duplicate: coverage --truth 0.5,0.5',
    () => ['coverage', '--truth', '0.5,0.5', '--bins', '6'],
    /--truth "0\.5,0\.5": truths\[1\]: 0\.5 given twice/,
  ),

  d('number: coverage --inner-toys abc', () => ['coverage', '--inner-toys', 'abc'], /--inner-toys "abc"/),
  d(
    'number: fit --delta 0',
    () => ['fit', 'coherent-csi-2017', '--model', 'helm', '--delta', '0'],
    /--delta "0": expected ΔS/,
  ),
  d(
    'number: fit --set s=abc',
    () => ['fit', 'coherent-csi-2017', '--model', 'helm', '--set', 's=abc'],
    /--set "s=abc": expected NAME=NUMBER/,
  ),
  d(
    'number: project --test-alpha 2',
    () => ['project', '--setup', 'ge-reactor', '--test-alpha', '2'],
    /--test-alpha "2"/,
  ),
  d(
    'number: project --scan-points 1',
    () => ['project', '--setup', 'ge-reactor', '--scan-points', '1'],
    /--scan-points "1"/,
  ),
  d('number: project --toys -1', () => ['project', '--setup', 'ge-reactor', '--toys', '-1'], /--toys "-1"/),
  d(
    'number: project --model alpha=2',
    () => ['project', '--setup', 'ge-reactor', '--model', 'alpha=2'],
    /--model "alpha=2": expected helm or alpha=/,
  ),

  // ---- units -------------------------------------------------------------------------------
  d(
    'unit: project --exposure without unit',
    () => ['project', '--setup', 'ge-reactor', '--exposure', '10'],
    /--exposure "10": expected an exposure like/,
  ),
  d(
    'unit: project --exposure in parsecs',
    () => ['project', '--setup', 'ge-reactor', '--exposure', '10 parsec'],
    /--exposure "10 parsec"/,
  ),
  d(
    'unit: project --exposure negative',
    () => ['project', '--setup', 'ge-reactor', '--exposure', '-5 kg yr'],
    /--exposure "-5 kg yr"/,
  ),
  su('mass in furlongs', (s) => (s.mass = '1 furlong'), /mass: unknown unit "furlong" for a mass/),
  su('negative mass', (s) => (s.mass = '-1 kg'), /mass/),
  su('live time not a quantity', (s) => (s.liveTime = 'abc'), /liveTime/),
  su('threshold without unit', (s) => (s.threshold = '200'), /threshold/),
  ds(
    'observable unit "furlong"',
    (x) => ((x.observable as { unit: string }).unit = 'furlong'),
    /observable\.unit: "furlong" is not accepted/,
  ),

  // ---- physics ranges ----------------------------------------------------------------------
  d(
    'physics: --target Z=54,A=500 (issue 10)',
    () => ['alpha', '--target', 'Z=54,A=500', '--q2', '1'],
    /--target "Z=54,A=500": not a nucleus that exists: A = 500 exceeds 295/,
  ),
  d(
    'physics: --target Z=54,A=60 (N/Z too small)',
    () => ['alpha', '--target', 'Z=54,A=60', '--q2', '1'],
    /N\/Z = 0\.111/,
  ),
  d(
    'physics: --target Unobtainium',
    () => ['alpha', '--target', 'Unobtainium', '--q2', '1'],
    /--target "Unobtainium": unknown target/,
  ),
  su(
    'target Z=54,A=500',
    (s) => (s.target = { name: 'Z=54,A=500' }),
    /target\.name: "Z=54,A=500": not a nucleus that exists/,
  ),
  su('epsilon 2', (s) => (s.epsilon = 2), /epsilon: 2 is outside \[0, 1\)/),
  su('mass 1e308 kg (issue 9)', (s) => (s.mass = '1e308 kg'), /mass: .*overflows double precision/),
  su('unknown source kind', (s) => (s.source = { kind: 'atmospherik' }), /source/),
  su(
    'mass 1e20 kg (counts beyond 2⁵³)',
    (s) => (s.mass = '1e20 kg'),
    /mass × liveTime .* predicts .* events in bin 0/,
  ),
  d(
    'number: project --exposure 1e300 kg yr',
    () => ['project', '--setup', 'ge-reactor', '--exposure', '1e300 kg yr'],
    /the exposure .* predicts .* events/,
  ),
  d(
    'number: project --exposure 1e400 kg yr (Infinity)',
    () => ['project', '--setup', 'ge-reactor', '--exposure', '1e400 kg yr'],
    /--exposure "1e400 kg yr": expected a finite exposure > 0/,
  ),
  d(
    'number: project --scan-to 1e20 kg yr',
    () => ['project', '--setup', 'ge-reactor', '--scan', 'exposure', '--scan-to', '1e20 kg yr'],
    /the largest exposure of the scan/,
  ),
  ds('epsilon 2 (issue 10)', (x) => (x.epsilon = 2), /epsilon: 2 is outside \[0, 1\)/),
  ds('nucleus Z=54, N=446', (x) => (nuclei(x)[0]!.N = 446), /target\.nuclei\[0\]: not a nucleus that exists/),
  ds(
    'sCoh 1e308 (issue 9)',
    (x) => scaleSignal(x, 0, 1e308 / 12.63367484),
    /bins\[0\]\.sCoh: .*exceeds 9\.01e\+15/,
  ),
  ds('nOn 1e400 (JSON Infinity)', (x) => (bin(x, 0).nOn = '__INF__'), /bins\[0\]\.nOn/),
  ds(
    'tau 1e-300 (background overflows)',
    (x) => (bin(x, 2).tau = 1e-300),
    /bins\[2\]\.tau: 1e-300 makes the background estimate/,
  ),

  // ---- dataset contents --------------------------------------------------------------------
  ds('negative count', (x) => (bin(x, 3).nOff = -2), /bins\[3\]\.nOff: -2 is negative/),
  ds('non-integer count', (x) => (bin(x, 1).nOn = 3.5), /bins\[1\]\.nOn: 3\.5 is not an integer/),
  ds('missing field', (x) => delete bin(x, 1).nOn, /bins\[1\]\.nOn: is missing/),
  ds('null (NaN) value', (x) => (bin(x, 0).sCoh = null), /bins\[0\]\.sCoh/),
  ds('τ = 0', (x) => (bin(x, 2).tau = 0), /bins\[2\]\.tau: 0 is not positive/),
  ds(
    'q² edges reversed',
    (x) => ((bin(x, 4).q2LoMeV2 = 5000), (bin(x, 4).q2HiMeV2 = 4000)),
    /bins\[4\]\.q2HiMeV2: 4000 is not above/,
  ),
  ds(
    'overlapping bins',
    (x) => (bin(x, 5).observableLo = (bin(x, 4).observableLo as number) + 0.5),
    /bins\[5\]\.observableLo: .*non-overlapping/,
  ),
  ds(
    'wrong schema version',
    (x) => (x.$schemaVersion = '2.0.0'),
    /\$schemaVersion: "2\.0\.0" is not accepted; expected "1\.0\.0"/,
  ),
  ds('unknown kind', (x) => (x.kind = 'histogram'), /kind: "histogram" is not a known dataset kind/),
  ds('unknown field', (x) => (x.colour = 'blue'), /unknown field "colour"/),
  ds('no bins', (x) => (x.bins = []), /bins: has too few entries/),
  ds(
    'decoherentXi inconsistent with ε',
    (x) => (nuclei(x)[0]!.decoherentXi = 0.5),
    /decoherentXi: 0\.5 disagrees/,
  ),
  ds(
    'per-nucleus sum ≠ total',
    (x) => (bin(x, 0).sCoh = 99),
    /bins\[0\]\.sCoh: 99 differs from the per-nucleus sum/,
  ),
  ds(
    'sCoh = 0 (no information)',
    (x) => scaleSignal(x, 0, 0),
    /bins\[0\]\.sCoh: 0: a bin without predicted signal/,
  ),

  // ---- input files -------------------------------------------------------------------------
  d(
    'file: analyze missing dataset',
    () => ['analyze', '/nonexistent/data.json'],
    /dataset "\/nonexistent\/data\.json": no such file, and not a shipped dataset/,
  ),
  d(
    'file: analyze dataset is a directory',
    (w) => ['analyze', w.dir],
    /dataset ".*dir": is a directory; expected a file/,
  ),
  d(
    'file: analyze dataset is a FIFO (would block)',
    (w) => ['analyze', w.fifo],
    /is not a regular file \(a FIFO, device or socket\)/,
  ),
  d(
    'file: analyze dataset is /dev/zero (would fill memory)',
    () => ['analyze', '/dev/zero'],
    /"\/dev\/zero": is not a regular file/,
  ),
  d('file: analyze empty dataset file', (w) => ['analyze', w.empty], /empty\.json": is empty; expected JSON/),
  d('file: analyze truncated JSON', (w) => ['analyze', w.truncated], /truncated\.json": not valid JSON/),
  d(
    'file: analyze JSON that is an array',
    (w) => ['analyze', w.text('array.json', '[]')],
    /array\.json: \(top level\)/,
  ),
  d('file: analyze /proc/self/status (not JSON)', () => ['analyze', '/proc/self/status'], /not valid JSON/),
  // toys, coverage and analyze --toys run on ξ ± σ datasets too (the general engine); what stays refused:
  d(
    'file: toys --poi on a ξ ± σ dataset (a pyhf workspace option)',
    (w) => ['toys', w.xi, '--poi', 'alpha'],
    /--poi: applies to pyhf workspace files; .* is a "xi" dataset/,
  ),
  d(
    'conflict: analyze --toys with --fix on a template dataset',
    () => ['analyze', 'xenonnt-8b', '--toys', '100', '--fix', 'er_norm'],
    /--toys: on a template dataset only with every nuisance profiled/,
  ),
  d(
    'conflict: toys --cls without --limit',
    () => ['toys', '--cls', '--n', '10'],
    /--cls: needs --limit upper\|lower/,
  ),
  d(
    'file: export-pyhf on a ξ ± σ dataset',
    (w) => ['export-pyhf', w.xi, '--out', w.fresh('out-pyhf-xi')],
    /ξ ± σ dataset, whose Gaussian likelihood in ξ has no HistFactory/,
    (w) => w.fresh('out-pyhf-xi'),
  ),
  d(
    'file: fit missing dataset',
    () => ['fit', '/nope.json', '--model', 'helm'],
    /dataset "\/nope\.json": no such file/,
  ),
  d(
    'file: project --setup missing',
    () => ['project', '--setup', '/nope/setup.json'],
    /--setup "\/nope\/setup\.json": not a preset/,
  ),
  d(
    'file: project --setup is a directory',
    (w) => ['project', '--setup', w.dir],
    /--setup ".*dir": is a directory/,
  ),
  d('file: project --setup empty', (w) => ['project', '--setup', w.empty], /is empty; expected JSON/),
  d(
    'file: project --setup truncated',
    (w) => ['project', '--setup', w.text('trunc-setup.json', '{"mass": ')],
    /trunc-setup\.json": not valid JSON/,
  ),
  d(
    'file: project --setup JSON array',
    (w) => ['project', '--setup', w.text('arr-setup.json', '[1]')],
    /expected a setup object/,
  ),
  d(
    'file: project --spectra missing (issue 13)',
    () => ['project', '--setup', 'xe-solar', '--spectra', '/nonexistent'],
    /--spectra "\/nonexistent": no such file or directory/,
  ),
  d(
    'file: table --spectra missing',
    () => ['table', '--spectra', '/nonexistent'],
    /--spectra "\/nonexistent": no such file or directory/,
  ),
  d(
    'file: table --spectra is a file',
    (w) => ['table', '--spectra', w.file],
    /--spectra ".*f\.txt": is not a directory/,
  ),
  d(
    'file: table --spectra without the tables',
    (w) => ['table', '--spectra', w.dir],
    /spectrum file ".*b8\.csv": no such file or directory/,
  ),
  d(
    'file: figures --spectra missing',
    (w) => ['figures', '--out', w.fresh('out-fig-spectra'), '--spectra', '/nonexistent'],
    /--spectra "\/nonexistent"/,
    (w) => w.fresh('out-fig-spectra'),
  ),
  d(
    'file: merge missing shard',
    (w) => ['merge', '/nonexistent/a.json', '--out', w.fresh('m1.json')],
    /shard file "\/nonexistent\/a\.json": no such file/,
    (w) => w.fresh('m1.json'),
  ),
  d(
    'file: merge shard is a directory',
    (w) => ['merge', w.dir, '--out', w.fresh('m2.json')],
    /shard file ".*dir": is a directory/,
    (w) => w.fresh('m2.json'),
  ),
  d(
    'file: merge empty shard',
    (w) => ['merge', w.empty, '--out', w.fresh('m3.json')],
    /empty\.json": is empty/,
    (w) => w.fresh('m3.json'),
  ),
  d(
    'file: merge truncated shard',
    (w) => ['merge', w.truncated, '--out', w.fresh('m4.json')],
    /not valid JSON/,
    (w) => w.fresh('m4.json'),
  ),
  d(
    'file: merge a dataset instead of a shard',
    (w) => ['merge', w.csi, '--out', w.fresh('m5.json')],
    /not a shard file of `coherency toys\/coverage --shard`/,
    (w) => w.fresh('m5.json'),
  ),
  d(
    'file: merge shard of a wrong schema version',
    (w) => [
      'merge',
      w.text(
        'old-shard.json',
        JSON.stringify({ ...JSON.parse(readShard(w)), schema: 'coherency-toys-shard/0' }),
      ),
      '--out',
      w.fresh('m6.json'),
    ],
    /not a shard file .*schema/,
    (w) => w.fresh('m6.json'),
  ),
  d(
    'file: merge one of two shards without --allow-partial',
    (w) => ['merge', w.shard, '--out', w.fresh('m7.json')],
    /units missing/,
    (w) => w.fresh('m7.json'),
  ),

  // ---- duplicate inputs --------------------------------------------------------------------
  d(
    'duplicate: fit X X (issue 12)',
    () => ['fit', 'coherent-csi-2017', 'coherent-csi-2017', '--model', 'helm'],
    /dataset coherent-csi-2017 given twice/,
  ),
  d(
    'duplicate: fit by name and by path',
    (w) => ['fit', 'coherent-csi-2017', w.csi, '--model', 'helm'],
    /given twice/,
  ),
  d(
    'duplicate: fit X and a copy of X under another id (found by a hash of the bins)',
    (w) => [
      'fit',
      w.csi,
      w.dataset('csi-renamed.json', (x) => {
        x.id = 'another-id';
        x.title = 'the same bins under another name';
      }),
      '--model',
      'helm',
    ],
    /datasets coherent-csi-2017 and another-id hold the same bins \(arguments 1 and 2: ".*csi\.json", ".*csi-renamed\.json"; equal data hash [0-9a-f]{12}\); a joint fit would count its data twice/,
  ),
  d(
    'duplicate: merge the same shard twice',
    (w) => ['merge', w.shard, w.shard, '--out', w.fresh('m8.json')],
    /given twice/,
    (w) => w.fresh('m8.json'),
  ),
  d(
    'duplicate: merge --out is a shard being read',
    (w) => ['merge', w.shard, '--out', w.shard],
    /is also a shard file to read/,
  ),

  // ---- unwritable or wrong outputs ----------------------------------------------------------
  ...(
    [
      ['analyze'],
      ['export-pyhf'],
      ['project', '--setup', 'ge-reactor'],
      ['toys', '--n', '10'],
      ['figures', '--only', '3'],
      ['fit', 'coherent-csi-2017', '--model', 'helm'],
      ['coverage', '--experiments', '2'],
    ] as const
  ).map((c) =>
    d(
      `output: ${c[0]} --out an existing file (issue 1)`,
      (w) => [...c, '--out', w.file],
      /--out ".*f\.txt": exists and is not a directory/,
    ),
  ),
  ...(['analyze', 'toys', 'figures', 'export-pyhf'] as const).map((c) =>
    d(
      `output: ${c} --out /proc/x/out (issue 2)`,
      () => [c, '--out', '/proc/x/out'],
      /\/proc is on the kernel's proc pseudo file system/,
    ),
  ),
  d(
    'output: project --out /proc/x/out (issue 2)',
    () => ['project', '--setup', 'ge-reactor', '--out', '/proc/x/out'],
    /proc pseudo file system/,
  ),
  d(
    'output: project --out /sys/x (issue 2)',
    () => ['project', '--setup', 'ge-reactor', '--out', '/sys/x'],
    /\/sys is on the kernel's sysfs pseudo file system/,
  ),
  d('output: analyze --out /sys/x', () => ['analyze', '--out', '/sys/x'], /sysfs pseudo file system/),
  d(
    'output: analyze --out under a file',
    (w) => ['analyze', '--out', `${w.file}/sub`],
    /f\.txt is a file, not a directory/,
  ),
  d(
    'output: analyze --out /dev/null',
    () => ['analyze', '--out', '/dev/null'],
    /"\/dev\/null": exists and is not a directory/,
  ),
  d(
    'output: merge --out a directory (issue 3)',
    (w) => ['merge', w.shard, '--out', w.dir],
    /--out ".*dir": is a directory; expected a file name/,
  ),
  d(
    'output: merge --out /proc/x.json',
    (w) => ['merge', w.shard, '--out', '/proc/x.json'],
    /proc pseudo file system/,
  ),
  d(
    'output: merge --out /dev/null',
    (w) => ['merge', w.shard, '--out', '/dev/null'],
    /exists and is not a regular file/,
  ),
  d(
    'output: figures name taken by a directory (issue 4)',
    (w) => ['figures', '--only', '3', '--out', taken(w, 'fig-taken', 'fig3.png')],
    /fig3\.png exists there as a directory/,
    (w) => w.fresh('fig-taken'),
  ),
  d(
    'output: analyze analysis.json taken by a directory (issue 4)',
    (w) => ['analyze', '--out', taken(w, 'an-taken', 'analysis.json')],
    /analysis\.json exists there as a directory/,
    (w) => w.fresh('an-taken'),
  ),
  d(
    'output: toys toys.json taken by a directory (issue 4)',
    (w) => ['toys', '--n', '10', '--out', taken(w, 'toys-taken', 'toys.json')],
    /toys\.json exists there as a directory/,
    (w) => w.fresh('toys-taken'),
  ),
  d('output: empty --out', () => ['analyze', '--out', ''], /--out ""/),

  // ---- other option values -----------------------------------------------------------------
  d(
    'option: analyze --systematics maybe',
    () => ['analyze', '--systematics', 'maybe'],
    /--systematics "maybe"/,
  ),
  d('option: analyze --seed empty', () => ['analyze', '--toys', '10', '--seed', ''], /--seed ""/),
  d('option: table --solar maybe', () => ['table', '--solar', 'maybe'], /--solar "maybe"/),
  d('option: table --reactor x', () => ['table', '--reactor', 'x'], /--reactor "x"/),
  d(
    'option: alpha --q2-convention x',
    () => ['alpha', '--target', 'Xe', '--q2', '1', '--q2-convention', 'x'],
    /--q2-convention "x"/,
  ),
  d(
    'option: figures --only 5 (not a figure)',
    (w) => ['figures', '--only', '5', '--out', w.fresh('out-only5')],
    /--only "5": expected a comma-separated list of figure numbers/,
    (w) => w.fresh('out-only5'),
  ),
  d(
    'option: figures --format gif',
    (w) => ['figures', '--format', 'gif', '--out', w.fresh('out-gif')],
    /--format "gif"/,
    (w) => w.fresh('out-gif'),
  ),
  d('option: fit unknown model', () => ['fit', 'coherent-csi-2017', '--model', 'banana'], /banana/),
  d(
    'option: fit --free unknown parameter',
    () => ['fit', 'coherent-csi-2017', '--model', 'helm', '--free', 'zzz'],
    /--free: model helm has no parameter "zzz"/,
  ),
  d(
    'option: fit --set unknown parameter',
    () => ['fit', 'coherent-csi-2017', '--model', 'helm', '--set', 'zzz=1'],
    /--set: model helm has no parameter "zzz"/,
  ),
  d(
    'option: fit --constraint x',
    () => ['fit', 'coherent-csi-2017', '--model', 'helm', '--constraint', 'x'],
    /--constraint "x"/,
  ),
  d(
    'option: export-pyhf --systematics x',
    (w) => ['export-pyhf', '--out', w.fresh('out-pyhf-sys'), '--systematics', 'x'],
    /--systematics "x"/,
    (w) => w.fresh('out-pyhf-sys'),
  ),
  d(
    'option: project unknown preset',
    () => ['project', '--setup', 'no-such-preset'],
    /not a preset \(ge-reactor, xe-solar, csi-dar, ar-dar\)/,
  ),
  d(
    'option: project --scan what',
    () => ['project', '--setup', 'ge-reactor', '--scan', 'time'],
    /--scan "time"/,
  ),
  // ---- channel subsets and template projections (issue 11) ---------------------------------
  d(
    'channels: unknown name',
    (w) => ['analyze', 'xenonnt-8b', '--channels', 'sr0,sr9', '--out', w.fresh('out-ch-unknown')],
    /channels: "sr9" is not a channel; expected a comma-separated list of channels of the workspace \(sr0, sr1, sr2\)/,
    (w) => w.fresh('out-ch-unknown'),
  ),
  d(
    'channels: empty name',
    () => ['analyze', 'xenonnt-8b', '--channels', 'sr0,'],
    /"sr0," has an empty name/,
  ),
  d(
    'channels: no band signal left',
    () => ['analyze', 'fixtures/coherent-csi-2021.json', '--channels', 'ac'],
    /channels: ac hold no CEvNS signal of any band/,
  ),
  d(
    'channels: on a counts dataset',
    () => ['analyze', 'coherent-csi-2017', '--channels', 'c'],
    /--channels: coherent-csi-2017 is a counts dataset/,
  ),
  d(
    'option: project xe-solar --fc-toys (template engine)',
    () => ['project', '--setup', 'xe-solar', '--fc-toys', '10'],
    /--fc-toys 10: Feldman–Cousins on the template projection of xenonnt-8b is not implemented/,
  ),
  d(
    'option: project --fix unknown nuisance',
    () => ['project', '--setup', 'xe-solar', '--fix', 'signal_efficiency'],
    /fix: "signal_efficiency" is not a parameter of the workspace/,
  ),
];

/** A fresh output directory in which `name` is already taken by a directory. */
function taken(w: Workspace, dir: string, name: string): string {
  mkdirSync(join(w.fresh(dir), name), { recursive: true });
  return w.fresh(dir);
}

function readShard(w: Workspace): string {
  return readFileSync(w.shard, 'utf8');
}
