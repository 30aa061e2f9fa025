/**
 * Example: bring your own counting experiment. Build a `counts` dataset in code — kinematics and the
 * decoherent limit from the physics core, your predicted CEvNS counts at α = 1 (sCoh) and your on/off
 * counts — validate it with the same schema the shipped fixtures pass, and analyse it.
 *
 * The counts here are an "Asimov" data set for complete coherency: n_on = n_off + sCoh exactly, so the
 * analysis must return ξ̂ = 1 and α̂ = 1 in every bin (what test/examples/examples.test.ts checks).
 * In your project: `import { parseDataset } from 'cevns-coherency/data'` and so on.
 * Run: npx tsx examples/newDataset.ts
 */
import { parseDataset } from '../src/data/index.js';
import { analyzeDataset } from '../src/likelihood/index.js';
import { PAPER_EPSILON, decoherentXi, isotope, keVToMeV, q2FromRecoil } from '../src/physics/index.js';

/** A 10 kg Ge-72 detector (hypothetical), three recoil-energy bins, off-source exposure equal to on-source. */
export function buildDataset(): unknown {
  const ge = isotope('Ge', 72)!;
  const edgesKeV = [1, 2, 3, 4];
  const sCoh = [40, 25, 12]; // your prediction at α = 1 (events per bin, after efficiency)
  const nOff = [30, 28, 26]; // steady-state background measured off-source (τ = 1)
  const bins = sCoh.map((s, i) => {
    const [tLoKeV, tHiKeV] = [edgesKeV[i]!, edgesKeV[i + 1]!];
    const q2 = (tKeV: number) => q2FromRecoil(keVToMeV(tKeV), ge.massMeV);
    const kin = { q2LoMeV2: q2(tLoKeV), q2HiMeV2: q2(tHiKeV) };
    return {
      observableLo: tLoKeV,
      observableHi: tHiKeV,
      tLoKeV,
      tHiKeV,
      ...kin,
      nOn: nOff[i]! + s, // Asimov at α = 1
      nOff: nOff[i]!,
      tau: 1,
      beamBackground: 0,
      sCoh: s,
      nuclei: [{ label: ge.label, sCoh: s, ...kin }],
    };
  });
  return {
    $schemaVersion: '1.0.0',
    kind: 'counts',
    experiment: 'example',
    id: 'ge72-example',
    title: 'Hypothetical Ge-72 detector: Asimov counts at complete coherency',
    publication: { citation: 'none (example)', arXiv: 'none', doi: 'none' },
    provenance: {
      dataRecordDoi: 'none',
      files: ['examples/newDataset.ts'],
      generator: 'examples/newDataset.ts',
    },
    target: {
      label: 'Ge-72',
      massKg: 10,
      nuclei: [
        {
          label: ge.label,
          Z: ge.Z,
          N: ge.N,
          A: ge.A,
          massMeV: ge.massMeV,
          atomsPerFormulaUnit: 1,
          decoherentXi: decoherentXi(ge, PAPER_EPSILON), // checked by the schema against Z, N and ε
        },
      ],
    },
    epsilon: PAPER_EPSILON,
    observable: { name: 'nuclear recoil energy', unit: 'keVnr' },
    analysisChoices: {},
    signalNormRelUncertainty: 0.1,
    beamBackgroundRelUncertainty: 0,
    bins,
  };
}

export function main() {
  const dataset = parseDataset(buildDataset(), 'ge72-example'); // throws a SpecError naming the bad field
  const result = analyzeDataset(dataset, { systematics: 'profiled' });
  // A broken copy shows what validation says: a decoherent ξ that does not match Z, N and ε.
  const broken = JSON.parse(JSON.stringify(buildDataset())) as {
    target: { nuclei: { decoherentXi: number }[] };
  };
  broken.target.nuclei[0]!.decoherentXi = 0.5;
  let error = '';
  try {
    parseDataset(broken, 'broken.json');
  } catch (e) {
    error = (e as Error).message;
  }
  return {
    bins: result.bins.map((b) => ({
      q2MeV2: [b.q2LoMeV2, b.q2HiMeV2],
      xiHat: b.xiHat,
      alphaHat: b.alphaHat,
      pAlpha0: b.pAlpha0,
    })),
    error,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { bins, error } = main();
  console.table(bins);
  console.log(`validation of a broken copy: ${error}`);
}
