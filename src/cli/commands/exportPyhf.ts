/**
 * `coherency export-pyhf [DATASET] --out DIR`: pyhf HistFactory workspaces whose likelihood is EXACTLY
 * the one `analyze` uses (test/likelihood/pyhfRoundTrip.test.ts checks it at random parameter points):
 *
 * - counts dataset: `combined.json` (one α for all bins, POI "poi") and `bin<i>.json` (bin i alone
 *   with the same constraint terms: the per-bin tests);
 * - template dataset: `workspace.json` (its workspace, α per true-q² band) and `combined.json` (the
 *   bands' α tied into one POI "alpha");
 * - `modifier_settings.json`: the interpolation codes the workspaces need (pyhf's defaults, code4 /
 *   code4p, unless a normalisation is log-normal), to pass as `ws.model(modifier_settings=...)`.
 * ξ ± σ datasets have no HistFactory form (their likelihood is Gaussian in ξ), and are refused.
 */
import type { Command } from 'commander';
import * as z from 'zod';
import { SpecError } from '../../errors.js';
import { DEFAULT_DATASET, loadAnalysisInput, renameParameters } from '../../data/index.js';
import { COMBINED_POI, countsModel, pyhfExport, pyhfModifierSettings } from '../../likelihood/index.js';
import { checkOutputDir, OutputSet, print } from '../io.js';
import { parseOptions } from '../options.js';

const Schema = z
  .object({
    out: z.string().min(1),
    systematics: z.enum(['profiled', 'none']).default('profiled'),
    json: z.boolean().default(false),
  })
  .strict();

const jsonText = (x: unknown) => `${JSON.stringify(x, null, 2)}\n`;

export function registerExportPyhf(program: Command): void {
  program
    .command('export-pyhf')
    .description('write pyhf HistFactory JSON workspaces whose likelihood is exactly the one analyze uses')
    .argument('[dataset]', `shipped dataset name or JSON file (default ${DEFAULT_DATASET})`, DEFAULT_DATASET)
    .requiredOption('--out <dir>', 'output directory')
    .option('--systematics <mode>', "counts datasets: 'profiled' or 'none'", 'profiled')
    .option(
      '--json',
      'print what was written as JSON on stdout (files, parameter of interest, modifier settings)',
    )
    .action((datasetArg: string, raw: Record<string, unknown>) => {
      const o = parseOptions(Schema, raw);
      const input = loadAnalysisInput(datasetArg);
      if (input.kind === 'workspace') {
        throw new SpecError('invalid_input', `${input.file} is already a pyhf workspace; nothing to export`, [
          'dataset',
        ]);
      }
      const dataset = input.dataset;
      const names =
        dataset.kind === 'counts'
          ? ['combined.json', ...dataset.bins.map((_, i) => `bin${i}.json`), 'modifier_settings.json']
          : ['workspace.json', 'combined.json', 'modifier_settings.json'];
      if (dataset.kind !== 'xi') checkOutputDir(o.out, '--out', names);
      const out = new OutputSet(o.out);
      let settings = pyhfModifierSettings({ normsys: 'code4', histosys: 'code4p' });
      let poi: { name: string; bounds: [number, number] };
      let example: string;
      const workspaces: { file: string; bins?: number[]; bands?: number[] }[] = [];
      if (dataset.kind === 'xi') {
        throw new SpecError(
          'invalid_input',
          `export-pyhf: ${dataset.id} is a ξ ± σ dataset, whose Gaussian likelihood in ξ has no HistFactory (Poisson) form; expected a counts or template dataset`,
          ['dataset'],
        );
      } else if (dataset.kind === 'counts') {
        const model = countsModel(dataset, o.systematics);
        // The generic counting workspace calls its POI "poi"; for a coherency dataset it is α.
        const asAlpha = (ws: Parameters<typeof renameParameters>[0]) =>
          renameParameters(ws, new Map([['poi', COMBINED_POI]]));
        const combined = pyhfExport(model, { name: dataset.id });
        settings = pyhfModifierSettings(combined.interpolation);
        model.bins.forEach((_, i) => {
          const file = `bin${i}.json`;
          out.add(
            file,
            jsonText(asAlpha(pyhfExport(model, { bins: [i], name: `${dataset.id}-bin${i}` }).workspace)),
          );
          workspaces.push({ file, bins: [i] });
        });
        out.add('combined.json', jsonText(asAlpha(combined.workspace)));
        workspaces.push({ file: 'combined.json', bins: model.bins.map((_, i) => i) });
        poi = { name: COMBINED_POI, bounds: [0, 1] };
        example = 'bin0.json';
      } else {
        const bands = dataset.bands.map((b) => b.poi);
        const ws = dataset.workspace as Parameters<typeof renameParameters>[0];
        out.add('workspace.json', jsonText(ws));
        out.add(
          'combined.json',
          jsonText(renameParameters(ws, new Map(bands.map((b) => [b, COMBINED_POI])))),
        );
        workspaces.push({ file: 'workspace.json', bands: bands.map((_, j) => j) });
        workspaces.push({ file: 'combined.json', bands: bands.map((_, j) => j) });
        poi = { name: COMBINED_POI, bounds: [0, 1] };
        example = 'combined.json';
      }
      out.add('modifier_settings.json', jsonText(settings));
      const files = out.commit();
      if (o.json) {
        print(
          JSON.stringify(
            {
              dataset: dataset.id,
              systematics: o.systematics,
              poi,
              workspaces,
              modifierSettings: settings,
              files,
            },
            null,
            2,
          ),
        );
        return;
      }
      const poiText =
        dataset.kind === 'template'
          ? `POI ${dataset.bands[0]!.poi} … per band in workspace.json, ${poi.name} in combined.json`
          : `POI ${poi.name}`;
      print(`wrote ${files.length} files to ${o.out} (${poiText}, bounded to [0, 1]); in Python:`);
      print(
        `  import json, pyhf; ws = pyhf.Workspace(json.load(open("${o.out}/${example}")))\n` +
          `  m = ws.model(modifier_settings=json.load(open("${o.out}/modifier_settings.json"))); d = ws.data(m)\n` +
          '  pyhf.infer.hypotest(1.0, d, m, test_stat="qtilde", par_bounds=m.config.suggested_bounds())',
      );
    });
}
