/**
 * The neutrino source of a setup (setupSchema.ts `source`) as a physics `NeutrinoSpectrum`. File
 * reading (user spectra, the shared solar tables) happens here, in the data layer. Physics-domain
 * errors (e.g. a zero distance) become SpecError('invalid_setup') naming the `source` field.
 */
import { resolve } from 'node:path';
import { DomainError, SpecError, ToolkitError } from '../errors.js';
import {
  atmosphericSpectrumFromDensity,
  darPiSpectrum,
  PAPER_REACTOR_OPTIONS,
  reactorSpectrum,
  SOLAR_8B_FLUX_B16_GS98_PER_CM2_PER_S,
  SOLAR_HEP_FLUX_B16_GS98_PER_CM2_PER_S,
  solar8BSpectrum,
  solarHepSpectrum,
  totalFlux,
  type NeutrinoSpectrum,
  type ReactorOptions,
} from '../physics/index.js';
import type { SetupSource } from './setupSchema.js';
import { setupError } from './setupSchema.js';
import { parseUserSpectrumSpec } from './spectrumSchemas.js';
import { readUserSpectrum, userSpectrumFromSpec } from './spectrumFiles.js';
import { spectrumTables } from './spectrumTables.js';

export interface SpectrumContext {
  /** Setup file name (or "preset X") for messages. */
  readonly source: string;
  /** Directory relative file paths are resolved against. */
  readonly baseDir: string;
  /** Directory of the original spectra tables (default: the shipped fixture, spectrumTables.ts). */
  readonly spectraDir?: string;
  /** Live time [s]: DAR-π protons on target are delivered over it. */
  readonly liveTimeS: number;
}

function reactorOptions(s: Extract<SetupSource, { kind: 'reactor' }>): ReactorOptions {
  const norm =
    s.flux !== undefined
      ? { fluxPerCm2PerS: s.flux.si }
      : { thermalPowerMW: s.thermalPower!.si, distanceM: s.distance!.si };
  const model = s.spectrum ?? 'huber-mueller';
  const base =
    model === 'paper'
      ? {
          fissionModel: PAPER_REACTOR_OPTIONS.fissionModel,
          eMaxMeV: PAPER_REACTOR_OPTIONS.eMaxMeV,
          captureNuPerFission: PAPER_REACTOR_OPTIONS.captureNuPerFission,
        }
      : { fissionModel: model };
  return {
    ...norm,
    ...base,
    ...(s.fissionFractions === undefined ? {} : { fissionFractions: s.fissionFractions }),
    ...(s.endPoint === undefined ? {} : { eMaxMeV: s.endPoint.si }),
  };
}

function solar(s: Extract<SetupSource, { kind: 'solar' }>, ctx: SpectrumContext): NeutrinoSpectrum {
  const comps = s.components ?? ['8B', 'hep'];
  const tabulated = (s.shape ?? 'computed') === 'tabulated';
  const tables = tabulated ? spectrumTables(ctx.spectraDir) : undefined;
  const parts: NeutrinoSpectrum[] = [];
  if (comps.includes('8B')) {
    const flux = s.flux8B?.si ?? SOLAR_8B_FLUX_B16_GS98_PER_CM2_PER_S;
    parts.push(
      solar8BSpectrum({
        fluxPerCm2PerS: flux,
        ...(tables ? { table: tables.b8 } : {}),
      }),
    );
  }
  if (comps.includes('hep')) {
    const flux = s.fluxHep?.si ?? SOLAR_HEP_FLUX_B16_GS98_PER_CM2_PER_S;
    parts.push(
      solarHepSpectrum({
        fluxPerCm2PerS: flux,
        ...(tables ? { table: tables.hep } : {}),
      }),
    );
  }
  return {
    name: 'solar',
    description: `${parts.map((p) => p.description).join('; ')}${tables ? ` (shapes of b8.csv/hep.csv: ${tables.origin})` : ''}`,
    components: parts.flatMap((p) => p.components),
  };
}

function build(s: SetupSource, ctx: SpectrumContext): NeutrinoSpectrum {
  switch (s.kind) {
    case 'reactor':
      return reactorSpectrum(reactorOptions(s));
    case 'solar':
      return solar(s, ctx);
    case 'darPi':
      return darPiSpectrum(
        s.perFlavourFlux !== undefined
          ? { perFlavourFluxPerCm2PerS: s.perFlavourFlux.si }
          : {
              protonsOnTarget: s.protonsOnTarget!,
              nuPerFlavourPerProton: s.nuPerFlavourPerProton!,
              distanceM: s.distance!.si,
              liveTimeS: ctx.liveTimeS,
            },
      );
    case 'atmospheric': {
      const t = spectrumTables(ctx.spectraDir).atmospheric;
      return atmosphericSpectrumFromDensity(t.eMeV, t.density, {
        ...(s.flux === undefined ? {} : { fluxPerCm2PerS: s.flux.si }),
      });
    }
    case 'tabulated':
      return s.file !== undefined
        ? readUserSpectrum(resolve(ctx.baseDir, s.file))
        : userSpectrumFromSpec(parseUserSpectrumSpec(s.spectrum, `${ctx.source} source.spectrum`));
  }
}

/** The setup's neutrino spectrum; physics and file errors are re-thrown naming the `source` field. */
export function setupSpectrum(s: SetupSource, ctx: SpectrumContext): NeutrinoSpectrum {
  let spectrum: NeutrinoSpectrum;
  try {
    spectrum = build(s, ctx);
  } catch (e) {
    // Physics names (distanceM, …) are not the setup's field names: name the source as a whole.
    if (e instanceof DomainError || e instanceof SpecError || e instanceof ToolkitError) {
      throw setupError(ctx.source, ['source'], e.message);
    }
    throw e;
  }
  if (!(totalFlux(spectrum) > 0)) throw setupError(ctx.source, ['source'], 'the neutrino flux is 0');
  return spectrum;
}
