/**
 * The real data set of chapters 5 and 6: H. G. Wells's The Time Machine, as d2l downloads it
 * (d2l's DATA_HUB entry, download and load_corpus_time_machine). Nothing here runs in the tests
 * with the network: they put a file in a cache folder and pass a fetch that fails.
 * Node-only (files, hashes): for scripts, not for students' files.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataCacheDir } from '../bin/project.mjs';
import { ChecksumError } from './errors';
import { preprocessLines, tokenize } from './26-tokenize';
import { Vocab } from './27-vocab';

/** Where a data set is downloaded from, and the SHA-1 of its bytes. */
export interface DataSource {
  url: string;
  sha1: string;
}

/** d2l's DATA_HUB['time_machine'] (d2l.DATA_URL + 'timemachine.txt'). */
export const TIME_MACHINE: DataSource = {
  url: 'http://d2l-data.s3-accelerate.amazonaws.com/timemachine.txt',
  sha1: '090b5e7e70c295757f55df93cb0a180b9691891a',
};

/** The course's cache folder (d2l uses ../data); .d2l/ is not committed. */
export const DEFAULT_CACHE = dataCacheDir;

export type Fetch = (url: string) => Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer> }>;

const sha1 = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('hex');

/**
 * d2l's download: the path of the cached copy, `cacheDir/<last part of the URL>`. A cached file
 * whose SHA-1 matches is used as it is, without any network access; otherwise the file is
 * fetched, and its SHA-1 must match before it is written to the cache (ChecksumError if not:
 * d2l itself would keep whatever came).
 */
export async function download(
  source: DataSource,
  cacheDir = DEFAULT_CACHE,
  fetchImpl: Fetch = fetch,
): Promise<string> {
  const path = join(cacheDir, source.url.split('/').at(-1)!);
  if (existsSync(path) && sha1(readFileSync(path)) === source.sha1) return path;
  const response = await fetchImpl(source.url);
  if (!response.ok) throw new Error(`downloading ${source.url} failed: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const got = sha1(bytes);
  if (got !== source.sha1) {
    throw new ChecksumError(
      `${source.url} has SHA-1 ${got}, expected ${source.sha1}: the download is corrupt or not the expected file (nothing was written to ${cacheDir})`,
    );
  }
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(path, bytes);
  return path;
}

/** d2l's read_time_machine: the book's lines, each with every run of non-letters made one space, stripped and lower-cased. */
export async function readTimeMachine(
  cacheDir?: string,
  fetchImpl?: Fetch,
  source: DataSource = TIME_MACHINE,
): Promise<string[]> {
  return preprocessLines(readFileSync(await download(source, cacheDir, fetchImpl), 'utf8'));
}

/**
 * d2l's load_corpus_time_machine: the book as character tokens, their vocabulary, and the corpus
 * of token indices (its first maxTokens, if maxTokens > 0).
 */
export async function loadCorpusTimeMachine(
  maxTokens = -1,
  cacheDir?: string,
  fetchImpl?: Fetch,
  source: DataSource = TIME_MACHINE,
): Promise<{ corpus: number[]; vocab: Vocab }> {
  const tokens = tokenize(await readTimeMachine(cacheDir, fetchImpl, source), 'char');
  const vocab = new Vocab(tokens);
  const corpus = vocab.toIndices(tokens.flat());
  return { corpus: maxTokens > 0 ? corpus.slice(0, maxTokens) : corpus, vocab };
}
