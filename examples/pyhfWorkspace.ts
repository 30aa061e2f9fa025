/**
 * Example: analyse a pyhf (HistFactory) workspace. Load the workspace JSON, validate it with the same
 * schema `coherency analyze` uses, fit it, and test the coherency parameter α two ways: the toolkit's
 * t̃ with the two-boundary asymptotics (68 %/90 % intervals, p(α = 0), p(α = 1)) and pyhf's own
 * `hypotest` (q̃, CLs+b, CLb, CLs) and discovery test (q0, Z), as pyhf would report them.
 *
 * The workspace here is written inline in the shape `coherency export-pyhf` gives a counts dataset
 * (hypothetical numbers): an on-source channel with the coherent excess s·(1 − d) scaled by the
 * normfactor α ∈ [0, 1], the decoherent floor s·d without it, a beam background with a normalisation
 * systematic, and the steady-state background as a shapefactor shared with an off-source channel
 * (twice the on-source exposure). The quenching-factor uncertainty scales signal excess and floor
 * together (one normsys parameter on both samples).
 *
 * Pass a file to analyse your own: `npx tsx examples/pyhfWorkspace.ts my.json [poi]`.
 * In your project: `import { parseWorkspace } from 'cevns-coherency/data'` and
 * `import { analyzeWorkspace } from 'cevns-coherency/likelihood'`.
 * Run: npx tsx examples/pyhfWorkspace.ts
 */
import { readFileSync } from 'node:fs';
import { parseWorkspace } from '../src/data/index.js';
import { analyzeWorkspace } from '../src/likelihood/index.js';

const qf = { name: 'quenching', type: 'normsys', data: { hi: 1.1, lo: 0.9 } };

export const EXAMPLE_WORKSPACE = {
  version: '1.0.0',
  channels: [
    {
      name: 'on',
      samples: [
        {
          name: 'coherent_excess',
          data: [14.2, 10.1, 6.3, 3.0],
          modifiers: [{ name: 'alpha', type: 'normfactor', data: null }, qf],
        },
        { name: 'coherent_floor', data: [0.9, 0.7, 0.5, 0.3], modifiers: [qf] },
        {
          name: 'beam_background',
          data: [2.0, 1.5, 1.0, 0.5],
          modifiers: [{ name: 'beam_norm', type: 'normsys', data: { hi: 1.25, lo: 0.75 } }],
        },
        {
          name: 'steady_state',
          data: [5, 5, 5, 5],
          modifiers: [{ name: 'steady_state', type: 'shapefactor', data: null }],
        },
      ],
    },
    {
      name: 'off',
      samples: [
        {
          name: 'steady_state',
          data: [10, 10, 10, 10],
          modifiers: [{ name: 'steady_state', type: 'shapefactor', data: null }],
        },
      ],
    },
  ],
  observations: [
    { name: 'on', data: [15, 13, 10, 8] },
    { name: 'off', data: [9, 11, 10, 12] },
  ],
  measurements: [
    {
      name: 'coherency',
      config: { poi: 'alpha', parameters: [{ name: 'alpha', bounds: [[0, 1]], inits: [1] }] },
    },
  ],
};

/** `json`: a workspace file's text (default: the inline workspace above, serialised). */
export function main(json = JSON.stringify(EXAMPLE_WORKSPACE), poi?: string) {
  const workspace = parseWorkspace(JSON.parse(json), 'workspace.json');
  const a = analyzeWorkspace(workspace, poi === undefined ? {} : { poi });
  return {
    poi: a.poi,
    fit: {
      twiceNll: a.fit.twiceNll,
      converged: a.fit.converged,
      edm: a.fit.edm,
      parameters: a.fit.parameters.map((p) => ({ name: p.name, value: p.value, error: p.error })),
    },
    toolkit: a.toolkit,
    pyhf: {
      CLsb: a.pyhf.qtilde.CLsb,
      CLb: a.pyhf.qtilde.CLb,
      CLs: a.pyhf.qtilde.CLs,
      qtilde: a.pyhf.qtilde.qtilde,
      p0: a.pyhf.discovery.p0,
      z: a.pyhf.discovery.z,
      wilks68: [a.pyhf.wilks68.lo, a.pyhf.wilks68.hi],
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  const r = main(file === undefined ? undefined : readFileSync(file, 'utf8'), process.argv[3]);
  const f = (x: number) => x.toPrecision(4);
  console.log(
    `fit: 2NLL = ${r.fit.twiceNll.toFixed(4)}, converged ${r.fit.converged}, EDM ${r.fit.edm.toExponential(1)}`,
  );
  console.table(r.fit.parameters);
  const t = r.toolkit;
  console.log(
    `toolkit: ${r.poi} = ${f(t.poiHat)}, 68 % [${f(t.interval68[0])}, ${f(t.interval68[1])}], ` +
      `90 % [${f(t.interval90[0])}, ${f(t.interval90[1])}], p(${r.poi} = 0) = ${f(t.pAtLower)}, ` +
      `p(${r.poi} = 1) = ${f(t.pAtUpper)}`,
  );
  console.log(
    `pyhf: hypotest(1, qtilde): q̃ = ${f(r.pyhf.qtilde)}, CLs+b = ${f(r.pyhf.CLsb)}, CLb = ${f(r.pyhf.CLb)}, ` +
      `CLs = ${f(r.pyhf.CLs)}; discovery p0 = ${f(r.pyhf.p0)} (Z = ${f(r.pyhf.z)}); ` +
      `Wilks 68 % [${f(r.pyhf.wilks68[0]!)}, ${f(r.pyhf.wilks68[1]!)}]`,
  );
}
