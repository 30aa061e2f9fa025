import { expect, test } from 'vitest';
import * as likelihood from '../../src/likelihood/index.js';

// The door also carries the ξ-dataset mapping modules (coherencyDataset, coherencyAnalysis, pyhfExport)
// owned elsewhere; this pins the generic statistics part of it.
test('the generic statistics exported by src/likelihood (STYLE.md P15)', () => {
  expect(Object.keys(likelihood).sort()).toEqual(
    expect.arrayContaining([
      'INTERVAL_DEFAULTS',
      'SingleBinKernel',
      'asymmetricGaussianDeviance',
      'boundaryTest',
      'chiBarSquarePValue',
      'chiSquareSurvival',
      'constraintKinds',
      'countingLikelihood',
      'countingNll',
      'gaussianDeviance',
      'gaussianLikelihood',
      'globalBoundaryTest',
      'pValueHalfChiSquare',
      'pValueTildeT',
      'poiInterval',
      'poiSigma',
      'poissonDeviance',
      'profileBackground',
      'profiledCurvature',
      'sidakGlobalPValue',
      'significance',
      'stdNormalCdf',
      'testPoi',
      'tildeT',
      'validateCountingModel',
      'validateGaussianModel',
    ]),
  );
});
