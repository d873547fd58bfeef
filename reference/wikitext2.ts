/**
 * d2l's WikiText-2 (BERT pretraining data): DATA_HUB['wikitext-2'] and _read_wiki. The archive
 * holds wikitext-2/wiki.train.tokens: one paragraph a line, sentences ending in " . ", headings
 * (" = Title = ") and blank lines in between. The tests run it on a local excerpt zip.
 * Node-only (files, hashes): for scripts, not for students' files.
 */
import { join } from 'node:path';
import { downloadExtract, readTextFile } from './data-hub';
import { makeRng } from './random';
import type { DataSource, Fetch } from './time-machine';

/** d2l's DATA_HUB['wikitext-2'] (not on d2l's own bucket). */
export const WIKITEXT_2: DataSource = {
  url: 'https://s3.amazonaws.com/research.metamind.io/wikitext/wikitext-2-v1.zip',
  sha1: '3c914d17d80b1459be871a5039ac23e752a53cbe',
};

/** The shuffle's seed when none is given: d2l shuffles with Python's unseeded random. */
export const WIKI_SEED = 0;

/**
 * The splitting of d2l's _read_wiki, in file order: every line that splits on ' . ' into at least
 * two parts (so headings, blank lines and one-sentence lines go), stripped, lower-cased and split
 * into sentences on ' . '. The last sentence keeps its final " ." as in d2l.
 */
export function wikiParagraphs(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.split(' . ').length >= 2)
    .map((line) => line.trim().toLowerCase().split(' . '));
}

/** d2l's _read_wiki: the paragraphs of dataDir/wiki.train.tokens, shuffled by makeRng(seed) (d2l: random.shuffle). */
export function readWiki(dataDir: string, seed: number = WIKI_SEED, file = 'wiki.train.tokens'): string[][] {
  return makeRng(seed).shuffle(wikiParagraphs(readTextFile(join(dataDir, file))));
}

/** Downloads (or finds in the cache) and extracts WikiText-2, then reads it as d2l's load_data_wiki does. */
export async function loadWikiParagraphs(
  seed: number = WIKI_SEED,
  cacheDir?: string,
  fetchImpl?: Fetch,
  source: DataSource = WIKITEXT_2,
): Promise<string[][]> {
  return readWiki(await downloadExtract(source, 'wikitext-2', cacheDir, fetchImpl), seed);
}
