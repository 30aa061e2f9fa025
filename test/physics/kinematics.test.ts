import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  maxQ2,
  maxRecoilEnergy,
  minNeutrinoEnergy,
  q2FromRecoil,
  recoilFromQ2,
  paperTarget,
} from '../../src/physics/index.js';
import { expectRelClose } from '../helpers.js';

const ge = paperTarget('Ge').components[0]!.nucleus;

describe('kinematics (Sec. II)', () => {
  test('T_max = 2E²/(M + 2E): Ge (A=73) at 10 MeV', () => {
    // M = 73·931.49410242 = 67999.0695 MeV → T_max = 200/(68019.0695) MeV = 2.94035 keV
    expectRelClose(maxRecoilEnergy(10, ge.massMeV), 200 / (73 * 931.49410242 + 20), 1e-15);
  });
  test("q²_max in the paper's convention is 4E²·M/(M + 2E)", () => {
    const e = 30;
    expectRelClose(maxQ2(e, ge.massMeV, 'paper'), (4 * e * e * ge.massMeV) / (ge.massMeV + 2 * e), 1e-14);
  });
  test('E_min(T) inverts T_max(E) (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1, noNaN: true }), (tMeV) => {
        expectRelClose(maxRecoilEnergy(minNeutrinoEnergy(tMeV, ge.massMeV), ge.massMeV), tMeV, 1e-12);
      }),
    );
  });
  test('T(q²) inverts q²(T) in both conventions without cancellation (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-12, max: 1e6, noNaN: true }),
        fc.constantFrom('exact', 'paper' as const),
        (q2, conv) => {
          expectRelClose(q2FromRecoil(recoilFromQ2(q2, ge.massMeV, conv), ge.massMeV, conv), q2, 1e-13);
        },
      ),
    );
  });
  test('exact and paper q² differ by T/(2M)', () => {
    const t = 0.01;
    expectRelClose(
      q2FromRecoil(t, ge.massMeV, 'exact') / q2FromRecoil(t, ge.massMeV, 'paper') - 1,
      t / (2 * ge.massMeV),
      1e-9,
    );
  });
  test('NaN for negative inputs (kernel policy)', () => {
    expect(q2FromRecoil(-1, ge.massMeV)).toBeNaN();
    expect(maxRecoilEnergy(-1, ge.massMeV)).toBeNaN();
    expect(minNeutrinoEnergy(-1, ge.massMeV)).toBeNaN();
  });
});
