/**
 * Reader of the whole COHERENT CsI[Na] 2021 release folder (../shared/data/coherent-csi-2021; README
 * there). Nothing is computed here beyond parsing and checking: event lists, neutron shapes, efficiency
 * and scintillation coefficients. The files it reads are listed for the fixture's provenance.
 */
import {
  CSI_2021_COEFFICIENT_FILES,
  readEfficiencyCoefficients,
  readScintillationCoefficients,
  type EfficiencyCoefficients,
  type ScintillationCoefficients,
} from './coefficients.js';
import { CSI_2021_EVENT_FILES, readEventList, type EventList } from './eventLists.js';
import {
  CSI_2021_SHAPE_FILES,
  PE_SHAPE_GRID,
  TIME_SHAPE_GRID,
  readShape,
  type BinnedShape,
} from './neutronShapes.js';

export interface NeutronShapes {
  readonly pe: BinnedShape;
  readonly time: BinnedShape;
}

export interface CoherentCsi2021Release {
  readonly coincidence: EventList;
  readonly anticoincidence: EventList;
  readonly brn: NeutronShapes;
  readonly nin: NeutronShapes;
  readonly efficiency: EfficiencyCoefficients;
  readonly scintillation: ScintillationCoefficients;
}

/** Every file read, in the order of the README. */
export const CSI_2021_FILES: readonly string[] = [
  CSI_2021_EVENT_FILES.coincidence,
  CSI_2021_EVENT_FILES.anticoincidence,
  CSI_2021_SHAPE_FILES.brnPe,
  CSI_2021_SHAPE_FILES.ninPe,
  CSI_2021_SHAPE_FILES.brnTime,
  CSI_2021_SHAPE_FILES.ninTime,
  CSI_2021_COEFFICIENT_FILES.efficiency,
  CSI_2021_COEFFICIENT_FILES.scintillation,
];

export function readCoherentCsi2021Release(dir: string): CoherentCsi2021Release {
  return {
    coincidence: readEventList(dir, CSI_2021_EVENT_FILES.coincidence),
    anticoincidence: readEventList(dir, CSI_2021_EVENT_FILES.anticoincidence),
    brn: {
      pe: readShape(dir, CSI_2021_SHAPE_FILES.brnPe, PE_SHAPE_GRID),
      time: readShape(dir, CSI_2021_SHAPE_FILES.brnTime, TIME_SHAPE_GRID),
    },
    nin: {
      pe: readShape(dir, CSI_2021_SHAPE_FILES.ninPe, PE_SHAPE_GRID),
      time: readShape(dir, CSI_2021_SHAPE_FILES.ninTime, TIME_SHAPE_GRID),
    },
    efficiency: readEfficiencyCoefficients(dir),
    scintillation: readScintillationCoefficients(dir),
  };
}
