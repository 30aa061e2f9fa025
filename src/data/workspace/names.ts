/**
 * How a place in a workspace is named in messages: by the names a user wrote, not by array indices,
 * e.g. `channel "sr1", sample "bkg_er", modifier "staterror_sr1" (staterror)`.
 */
import type { Channel, Modifier, Sample } from './schema.js';

export const channelLabel = (c: Pick<Channel, 'name'>): string => `channel "${c.name}"`;

export const sampleLabel = (c: Pick<Channel, 'name'>, s: Pick<Sample, 'name'>): string =>
  `${channelLabel(c)}, sample "${s.name}"`;

export const modifierLabel = (
  c: Pick<Channel, 'name'>,
  s: Pick<Sample, 'name'>,
  m: Pick<Modifier, 'name' | 'type'>,
): string => `${sampleLabel(c, s)}, modifier "${m.name}" (${m.type})`;

/** `a, b and c` */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
