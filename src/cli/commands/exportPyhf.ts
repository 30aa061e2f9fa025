/**
 * `coherency export-pyhf [DATASET] --out DIR`: pyhf HistFactory workspaces equivalent to the
 * likelihood of `analyze` — one per bin (bin<i>.json) and one combined (combined.json).
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { SpecError } from '../../errors.js';
import { DEFAULT_DATASET, loadDataset } from '../../data/index.js';
import { countsModel, toPyhfWorkspace } from '../../likelihood/index.js';
import { checkOutputDir, OutputSet, print } from '../io.js';
import { parseOptions } from '../options.js';

const Schema = z
  .object({
    out: z.string().min(1),
    systematics: z.enum(['profiled', 'none']).default('profiled'),
    json: z.boolean().default(false),
  })
  .strict();

export function registerExportPyhf(program: Command): void {
  program
    .command('export-pyhf')
    .description(
      'write pyhf HistFactory JSON workspaces (per bin and combined) equivalent to the analyze likelihood',
    )
    .argument('[dataset]', `shipped dataset name or JSON file (default ${DEFAULT_DATASET})`, DEFAULT_DATASET)
    .requiredOption('--out <dir>', 'output directory')
    .option('--systematics <mode>', "'profiled' or 'none'", 'profiled')
    .option('--json', 'print what was written as JSON on stdout (files, workspaces, parameter of interest)')
    .action((datasetArg: string, raw: Record<string, unknown>) => {
      const o = parseOptions(Schema, raw);
      const dataset = loadDataset(datasetArg);
      if (dataset.kind !== 'counts') {
        throw new SpecError(
          'invalid_input',
          `export-pyhf needs a counts dataset; ${dataset.id} is a ξ ± σ dataset`,
          ['dataset'],
        );
      }
      checkOutputDir(o.out, '--out', [...dataset.bins.map((_, i) => `bin${i}.json`), 'combined.json']);
      const model = countsModel(dataset, o.systematics);
      const out = new OutputSet(o.out);
      const json = (x: unknown) => `${JSON.stringify(x, null, 2)}\n`;
      model.bins.forEach((_, i) =>
        out.add(`bin${i}.json`, json(toPyhfWorkspace(model, { bins: [i], name: `${dataset.id}-bin${i}` }))),
      );
      out.add('combined.json', json(toPyhfWorkspace(model, { name: dataset.id })));
      const files = out.commit();
      if (o.json) {
        print(
          JSON.stringify(
            {
              dataset: dataset.id,
              systematics: o.systematics,
              poi: { name: 'alpha', bounds: [0, 1] },
              workspaces: files.map((f, i) => ({
                file: f,
                bins: i < model.bins.length ? [i] : model.bins.map((_, j) => j),
              })),
            },
            null,
            2,
          ),
        );
        return;
      }
      print(
        `wrote ${files.length} pyhf workspaces to ${o.out} (poi "alpha" bounded to [0, 1]); e.g. in Python:`,
      );
      print(
        `  import json, pyhf; ws = pyhf.Workspace(json.load(open("${o.out}/bin5.json"))); m = ws.model(); d = ws.data(m)`,
      );
      print('  pyhf.infer.hypotest(1.0, d, m, test_stat="qtilde", par_bounds=m.config.suggested_bounds())');
    });
}
