/**
 * `--channels` (analyze, toys, coverage): a template dataset or pyhf workspace restricted to the
 * listed channels (data/ `selectChannels`, `selectTemplateChannels`); a counts or ξ dataset has no
 * channels to select and is refused with one line.
 */
import {
  parseChannelList,
  selectChannels,
  selectTemplateChannels,
  type AnalysisInput,
} from '../data/index.js';
import { SpecError } from '../errors.js';

export function withChannels(input: AnalysisInput, list: string | undefined): AnalysisInput {
  if (list === undefined) return input;
  if (input.kind === 'workspace') {
    return { ...input, workspace: selectChannels(input.workspace, parseChannelList(input.workspace, list)) };
  }
  if (input.dataset.kind !== 'template') {
    throw new SpecError(
      'invalid_input',
      `--channels: ${input.dataset.id} is a ${input.dataset.kind} dataset; expected a template dataset or a pyhf workspace`,
      ['channels'],
    );
  }
  return { kind: 'dataset', dataset: selectTemplateChannels(input.dataset, list) };
}

/** The option's help text, shared by the commands that take it. */
export const CHANNELS_HELP =
  'template dataset or pyhf workspace: only these channels, comma-separated (e.g. sr0,sr1)';
