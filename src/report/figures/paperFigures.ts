/**
 * The paper's figures (Sharma et al., PRD 103, 092002 (2021)) as Vega-Lite specs: Figures 1, 2, 3,
 * 4, 7, 8 and 9 (5 and 6 are data analyses, made elsewhere). Pure: the builders compute the physics
 * and return specs; rendering is `renderVegaLite` and writing files is the CLI's job.
 */
import type { TopLevelSpec } from 'vega-lite';
import { ToolkitError } from '../../errors.js';
import type { PaperSpectra } from './common.js';
import { figure1 } from './fig1.js';
import { figure2 } from './fig2.js';
import { figure3 } from './fig3.js';
import { figure4 } from './fig4.js';
import { figure7 } from './fig7.js';
import { figure8 } from './fig8.js';
import { figure9 } from './fig9.js';

/** The figure numbers made here, in the paper's order. */
export const PAPER_FIGURE_NUMBERS = [1, 2, 3, 4, 7, 8, 9] as const;
export type PaperFigureNumber = (typeof PAPER_FIGURE_NUMBERS)[number];

/** One built figure: `name` is the file stem (`fig3` → fig3.svg, fig3.png, fig3.vl.json). */
export interface PaperFigure {
  readonly number: PaperFigureNumber;
  readonly name: `fig${PaperFigureNumber}`;
  /** What the figure shows, one line. */
  readonly caption: string;
  readonly spec: TopLevelSpec;
}

const FIGURES: Readonly<
  Record<PaperFigureNumber, { readonly caption: string; readonly build: (s: PaperSpectra) => TopLevelSpec }>
> = {
  1: { caption: 'ξ and Γ_NP against α for Ar, Ge, Xe, with maximum-q² markers', build: figure1 },
  2: { caption: 'neutrino spectra normalised to their maxima', build: figure2 },
  3: { caption: 'α and ξ = F_A² against q², with spectrum end points marked', build: figure3 },
  4: { caption: 'mean coherency ⟨α⟩ on the (N, E_ν) plane at T_min = 0, with source bands', build: figure4 },
  7: { caption: 'α and ξ against recoil energy T for the four sources', build: figure7 },
  8: { caption: 'differential rates dR/dT and α against T for the four sources', build: figure8 },
  9: { caption: 'total rates above threshold against T_min and ⟨α⟩', build: figure9 },
};

/** Build one figure. */
export function buildPaperFigure(number: PaperFigureNumber, spectra: PaperSpectra): PaperFigure {
  const fig = FIGURES[number];
  if (fig === undefined) {
    throw new ToolkitError(
      'invalid_input',
      `no paper figure ${String(number)}; expected one of ${PAPER_FIGURE_NUMBERS.join(', ')}`,
      ['only'],
    );
  }
  return { number, name: `fig${number}`, caption: fig.caption, spec: fig.build(spectra) };
}

/**
 * Build the paper's figures (all, or those in `only`, in the paper's order) from the four spectra of
 * `loadPaperSpectra()`.
 * @example
 * const figs = buildPaperFigures(loadPaperSpectra(), { only: [1, 3] });
 * // figs.map((f) => f.name) → ['fig1', 'fig3']; renderVegaLite(figs[0].spec) → { svg, png }
 */
export function buildPaperFigures(
  spectra: PaperSpectra,
  opts: { readonly only?: readonly PaperFigureNumber[] } = {},
): PaperFigure[] {
  const wanted = opts.only ?? PAPER_FIGURE_NUMBERS;
  return PAPER_FIGURE_NUMBERS.filter((n) => wanted.includes(n)).map((n) => buildPaperFigure(n, spectra));
}
