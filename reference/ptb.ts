/**
 * d2l's Penn Treebank sample (word2vec pretraining data): DATA_HUB['ptb'] and read_ptb. The
 * archive holds ptb/ptb.train.txt: one sentence a line, lower-case words separated by spaces,
 * numbers as N and rare words as <unk>. The tests run it on a local excerpt zip.
 * Node-only (files, hashes): for scripts, not for students' files.
 */
import { join } from 'node:path';
import { DATA_URL, downloadExtract, readTextFile } from './data-hub';
import type { DataSource, Fetch } from './time-machine';

/** d2l's DATA_HUB['ptb']. */
export const PTB: DataSource = { url: `${DATA_URL}ptb.zip`, sha1: '319d85e578af0cdc590547f26231e4e31cdf1e42' };

/**
 * read_ptb's splitting: every line (text.split('\n'), so a final newline gives a last, empty
 * sentence, as in d2l's count of 42,069) split on runs of whitespace.
 */
export const ptbSentences = (text: string): string[][] => text.split('\n').map((line) => line.match(/\S+/g) ?? []);

/** d2l's read_ptb: the sentences of ptb/ptb.train.txt as token lists. */
export async function readPtb(cacheDir?: string, fetchImpl?: Fetch, source: DataSource = PTB): Promise<string[][]> {
  return ptbSentences(
    readTextFile(join(await downloadExtract(source, undefined, cacheDir, fetchImpl), 'ptb.train.txt')),
  );
}
