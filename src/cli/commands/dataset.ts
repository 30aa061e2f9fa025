/**
 * `coherency dataset build --setup PRESET|FILE --observed FILE [--out FILE]`: a counts dataset
 * (docs/dataset-format.md) from a setup and observed counts per bin (JSON or CSV), with the per-nucleus
 * predictions computed by the physics core (src/sensitivity/datasetBuild.ts). With --out the dataset
 * is written there (atomically, only when it is valid) and a summary table is printed; without it the
 * dataset JSON goes to stdout, so `coherency dataset build … > my.json` works too.
 */
import type { Command } from 'commander';
import * as z from 'zod';
import { readObservedFile, stableJson, type CountsDataset } from '../../data/index.js';
import { formatNumber, renderTable, type Column } from '../../report/index.js';
import { buildDataset } from '../../sensitivity/index.js';
import { print, writeFileAtomic } from '../io.js';
import { parseOptions } from '../options.js';
import { readSetupInput } from '../setupInput.js';

const BuildOptionsSchema = z
  .object({
    setup: z.string().min(1),
    observed: z.string().min(1),
    out: z.string().min(1).optional(),
    id: z.string().min(1).optional(),
    experiment: z.string().min(1).optional(),
    title: z.string().min(1).optional(),
    spectra: z.string().min(1).optional(),
  })
  .strict();

type Row = {
  bin: number;
  e: string;
  t: string;
  q2: string;
  nOn: number;
  off: string;
  known: string;
  sCoh: number;
  sHelm: number;
};

const f3 = (x: number) => formatNumber(x, { digits: 3 });

function summary(ds: CountsDataset): string {
  const rows: Row[] = ds.bins.map((b, i) => ({
    bin: i,
    e: `${f3(b.observableLo)}–${f3(b.observableHi)}`,
    t: `${f3(b.tLoKeV)}–${f3(b.tHiKeV)}`,
    q2: `${f3(b.q2LoMeV2)}–${f3(b.q2HiMeV2)}`,
    nOn: b.nOn,
    off: b.nOff === undefined ? '—' : `${b.nOff} / ${b.tau}`,
    known:
      b.knownBackground === undefined
        ? '—'
        : `${f3(b.knownBackground.expected)} ± ${f3(b.knownBackground.sigma)}`,
    sCoh: b.sCoh,
    sHelm: b.sHelm ?? NaN,
  }));
  const cols: Column<Row>[] = [
    { key: 'bin', header: 'bin' },
    { key: 'e', header: 'E', unit: ds.observable.unit },
    { key: 't', header: 'T', unit: 'keVnr' },
    { key: 'q2', header: 'q²', unit: 'MeV²' },
    { key: 'nOn', header: 'n_on' },
    { key: 'off', header: 'n_off / τ' },
    { key: 'known', header: 'b_known ± σ' },
    { key: 'sCoh', header: 's_coh (α=1)', format: f3 },
    { key: 'sHelm', header: 's_Helm', format: f3 },
  ];
  return renderTable('text', cols, rows);
}

export function registerDataset(program: Command): void {
  const dataset = program.command('dataset').description('build datasets (docs/dataset-format.md)');
  dataset
    .command('build')
    .description(
      'a counts dataset from a setup (detector, source, exposure) and observed counts per bin: per-nucleus predictions (s_coh, s_Helm, q² ranges, mean q², decoherent ξ) from the physics core',
    )
    .requiredOption('--setup <preset|file>', 'setup preset or JSON file (the format of `coherency project`)')
    .requiredOption('--observed <file>', 'observed counts per bin: JSON, or CSV with units in the header')
    .option('--out <file>', 'write the dataset here (default: print it on stdout)')
    .option('--id <id>', "dataset id (default: the observed file's, else its name)")
    .option('--experiment <name>', "experiment name (default: the observed file's, else the setup's name)")
    .option('--title <text>', 'dataset title')
    .option('--spectra <dir>', 'shared spectra directory (solar shape "tabulated")')
    .action((raw: Record<string, unknown>) => {
      const o = parseOptions(BuildOptionsSchema, raw);
      const setup = readSetupInput(o.setup);
      const observed = readObservedFile(o.observed);
      const ds = buildDataset(setup.raw, observed, {
        setupSource: setup.source,
        baseDir: setup.baseDir,
        ...(o.spectra === undefined ? {} : { spectraDir: o.spectra }),
        ...(o.id === undefined ? {} : { id: o.id }),
        ...(o.experiment === undefined ? {} : { experiment: o.experiment }),
        ...(o.title === undefined ? {} : { title: o.title }),
      });
      const text = stableJson(ds);
      if (o.out === undefined) {
        process.stdout.write(text);
        return;
      }
      writeFileAtomic(o.out, text);
      print(`Dataset ${ds.id} (${ds.bins.length} bins, target ${ds.target.label}) → ${o.out}`);
      print(summary(ds));
    });
}
