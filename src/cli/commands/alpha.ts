/**
 * `coherency alpha --target Xe --q2 3500` (or `--t-kev 6`): α, ξ, φ, F and the three Γ's of the
 * paper's formulation (Eqs. 3–9) at one kinematic point, per nucleus of the target.
 */
import type { Command } from 'commander';
import * as z from 'zod';
import {
  coherentGamma,
  decoherentXi,
  gammaData,
  gammaNP,
  gammaQM,
  helmFormFactor,
  MeVToKeV,
  PAPER_EPSILON,
  phiFromAlpha,
  q2FromRecoil,
  recoilFromQ2,
  keVToMeV,
  alphaFromXi,
  xiFromFormFactors,
  type Target,
} from '../../physics/index.js';
// The table module itself, not the report door: the door also re-exports the sensitivity figures, which
// would bring the statistics layers into this command's start-up (issue 13; guarded by test/package/pack.test.ts).
import { renderTable, type Column } from '../../report/table.js';
import { SpecError } from '../../errors.js';
import { print } from '../io.js';
import {
  epsilonArg,
  nonNegativeArg,
  parseOptions,
  positiveArg,
  q2ConventionArg,
  targetArg,
} from '../options.js';

const AlphaOptionsSchema = z
  .object({
    target: targetArg,
    q2: nonNegativeArg('q² in MeV²').optional(),
    tKev: nonNegativeArg('a recoil energy in keV_nr').optional(),
    epsilon: epsilonArg,
    r0: positiveArg('the Helm r0 in fm').default(1.2),
    skin: positiveArg('the Helm skin thickness in fm').default(0.5),
    q2Convention: q2ConventionArg,
    json: z.boolean().default(false),
    csv: z.boolean().default(false),
  })
  .strict();

export interface AlphaRow extends Record<string, string | number> {
  nucleus: string;
  Z: number;
  N: number;
  q2MeV2: number;
  tKeV: number;
  formFactor: number;
  xi: number;
  alpha: number;
  phiOverHalfPi: number;
  gammaNP: number;
  gammaQM: number;
  gammaData: number;
  xiDecoherent: number;
}

/** α and friends at one point (q² or T) for each nucleus of the target. */
export function alphaRows(
  target: Target,
  point: { q2MeV2: number } | { tKeV: number },
  opts: { epsilon: number; r0: number; skin: number; q2Convention: 'exact' | 'paper' },
): AlphaRow[] {
  const helm = helmFormFactor({ rCoefficientFm: opts.r0, skinFm: opts.skin });
  return target.components.map(({ nucleus }) => {
    const q2 =
      'q2MeV2' in point
        ? point.q2MeV2
        : q2FromRecoil(keVToMeV(point.tKeV), nucleus.massMeV, opts.q2Convention);
    const tKeV =
      'tKeV' in point ? point.tKeV : MeVToKeV(recoilFromQ2(point.q2MeV2, nucleus.massMeV, opts.q2Convention));
    if (!(decoherentXi(nucleus, opts.epsilon) < 1)) {
      throw new SpecError(
        'out_of_domain',
        `α is undefined for ${nucleus.label}: the decoherent limit ξ(α=0) = (ε²Z+N)/(εZ−N)² ≥ 1 (nuclei with N ≤ 1)`,
        ['target'],
      );
    }
    const F = helm(q2, nucleus);
    if (!Number.isFinite(F)) {
      throw new SpecError(
        'out_of_domain',
        `Helm form factor undefined for ${nucleus.label} with r0=${opts.r0} fm, s=${opts.skin} fm (R² ≤ 5s²)`,
        ['skin'],
      );
    }
    const xi = xiFromFormFactors(nucleus, F, F, opts.epsilon);
    const alpha = alphaFromXi(nucleus, xi, opts.epsilon);
    return {
      nucleus: nucleus.label,
      Z: nucleus.Z,
      N: nucleus.N,
      q2MeV2: q2,
      tKeV,
      formFactor: F,
      xi,
      alpha,
      // φ is defined for α ∈ [0, 1]; beyond the decoherent limit it is reported as π/2 (α clamped) and flagged by α < 0.
      phiOverHalfPi: phiFromAlpha(Math.min(1, Math.max(0, alpha))) / (Math.PI / 2),
      gammaNP: gammaNP(nucleus, F, F, opts.epsilon),
      gammaQM: gammaQM(nucleus, alpha, opts.epsilon),
      gammaData: gammaData(nucleus, xi, opts.epsilon),
      xiDecoherent: decoherentXi(nucleus, opts.epsilon),
    };
  });
}

const COLUMNS: Column<AlphaRow>[] = [
  { key: 'nucleus', header: 'nucleus' },
  { key: 'q2MeV2', header: 'q²', unit: 'MeV²' },
  { key: 'tKeV', header: 'T', unit: 'keV_nr' },
  { key: 'formFactor', header: 'F_Helm' },
  { key: 'xi', header: 'ξ' },
  { key: 'alpha', header: 'α' },
  { key: 'phiOverHalfPi', header: 'φ', unit: 'π/2' },
  { key: 'gammaNP', header: 'Γ_NP' },
  { key: 'gammaQM', header: 'Γ_QM' },
  { key: 'gammaData', header: 'Γ_DATA' },
  { key: 'xiDecoherent', header: 'ξ(α=0)' },
];

export function registerAlpha(program: Command): void {
  program
    .command('alpha')
    .description('α, ξ, φ, the Helm F and Γ_NP/Γ_QM/Γ_DATA at one q² or recoil energy (paper Eqs. 3–9)')
    .requiredOption(
      '--target <name>',
      'target: Ar, Ge, Xe (paper mean-A), Ge-nat, Xe-132, CsI, Z=54,A=131, ...',
    )
    .option('--q2 <MeV2>', 'three-momentum transfer squared q² [MeV²]')
    .option('--t-kev <keV>', 'nuclear recoil energy T [keV_nr]')
    .option('--epsilon <eps>', 'ε = 1 − 4 sin²θ_W', String(PAPER_EPSILON))
    .option('--r0 <fm>', 'Helm R = r0·A^(1/3) [fm]', '1.2')
    .option('--skin <fm>', 'Helm surface thickness s [fm]', '0.5')
    .option('--q2-convention <c>', "q² from T: 'exact' (2MT + T²) or 'paper' (2MT)", 'exact')
    .option('--json', 'machine-readable JSON on stdout')
    .option('--csv', 'CSV on stdout')
    .action((raw: Record<string, unknown>) => {
      const o = parseOptions(AlphaOptionsSchema, raw);
      if ((o.q2 === undefined) === (o.tKev === undefined)) {
        throw new SpecError('invalid_input', 'give exactly one of --q2 <MeV²> or --t-kev <keV_nr>', ['q2']);
      }
      const point = o.q2 !== undefined ? { q2MeV2: o.q2 } : { tKeV: o.tKev! };
      const rows = alphaRows(o.target, point, o);
      if (o.json) {
        print(
          JSON.stringify(
            {
              target: o.target.label,
              epsilon: o.epsilon,
              q2Convention: o.q2Convention,
              formFactor: { model: 'helm', r0Fm: o.r0, skinFm: o.skin },
              rows,
            },
            null,
            2,
          ),
        );
        return;
      }
      if (o.csv) {
        print(renderTable('csv', COLUMNS, rows));
        return;
      }
      print(
        `Target ${o.target.label}${o.target.note ? ` (${o.target.note})` : ''}; ε = ${o.epsilon}; Helm r0 = ${o.r0} fm, s = ${o.skin} fm`,
      );
      print(renderTable('text', COLUMNS, rows));
      if (rows.some((r) => r.alpha < 0))
        print(
          'note: α < 0 means ξ is below the decoherent limit ξ(α=0) (beyond the coherent regime, near a form-factor zero); φ is then shown as π/2.',
        );
      const gCoh = rows
        .map(
          (r) =>
            r.nucleus +
            ': ' +
            coherentGamma(
              o.target.components.find((c) => c.nucleus.label === r.nucleus)!.nucleus,
              o.epsilon,
            ).toFixed(2),
        )
        .join(', ');
      print(`Γ at complete coherency (εZ − N)²: ${gCoh}`);
    });
}
