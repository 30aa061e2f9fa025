/**
 * Text shared by the two engines of `coherency project` (project.ts, projectTemplate.ts): one line per
 * hypothesis test with its median significance, Asimov bands and toy bands.
 */
import type { HypothesisTest } from '../../sensitivity/index.js';

import { fmtP } from './resultText.js';

export { fmtP };

export function testLine(t: HypothesisTest): string {
  const name =
    t.kind === 'exclude-1'
      ? 'exclude α = 1'
      : t.kind === 'exclude-0'
        ? 'exclude α = 0'
        : `test α = ${t.alpha}`;
  const b = t.bands;
  let line = `  ${name}: median Z = ${t.z.toFixed(2)} (p = ${fmtP(t.pValue)}); Asimov ±1σ [${b.m1.toFixed(2)}, ${b.p1.toFixed(2)}], ±2σ [${b.m2.toFixed(2)}, ${b.p2.toFixed(2)}]`;
  if (t.toys !== undefined) {
    const z = t.toys.z;
    line += `\n      toys (${t.toys.nToys}, seed ${t.toys.seed}${t.toys.failed > 0 ? `, ${t.toys.failed} failed` : ''}): median Z = ${z.median.toFixed(2)} (95 % MC interval [${t.toys.medianCi95[0].toFixed(2)}, ${t.toys.medianCi95[1].toFixed(2)}]), ±1σ [${z.m1.toFixed(2)}, ${z.p1.toFixed(2)}], ±2σ [${z.m2.toFixed(2)}, ${z.p2.toFixed(2)}]; median α̂ = ${t.toys.medianAlphaHat.toFixed(3)}`;
  }
  return line;
}
