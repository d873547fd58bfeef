/**
 * The Time Machine loader (reference/time-machine.ts) on a local copy of the book's opening:
 * d2l's URL and SHA-1, the cache, the checksum, d2l's preprocessing. Nothing is downloaded: the
 * fetch passed in fails the test if it is called where it must not be.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { root } from '../bin/project.mjs';
import { ChecksumError, EmptyCorpusError } from '../reference/errors';
import {
  download,
  loadCorpusTimeMachine,
  readTimeMachine,
  TIME_MACHINE,
  type DataSource,
  type Fetch,
} from '../reference/time-machine';

/** The first 20 lines of The Time Machine as d2l's file has them, and their SHA-1 (sha1sum). */
const OPENING = join(root, 'fixtures', 'data', 'time-machine-opening.txt');
const OPENING_SHA1 = '961654f6e0f327756853ae21f18255a1707a7dd3';
const LOCAL: DataSource = { url: 'http://d2l-data.s3-accelerate.amazonaws.com/timemachine.txt', sha1: OPENING_SHA1 };

const noNetwork: Fetch = () => {
  throw new Error('the loader went to the network although the cached file was valid');
};
/** A fetch that serves the given bytes and records the URLs asked for. */
function serving(bytes: Buffer): Fetch & { urls: string[] } {
  const urls: string[] = [];
  const f = (async (url: string) => {
    urls.push(url);
    return {
      ok: true,
      status: 200,
      arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    };
  }) as Fetch & { urls: string[] };
  f.urls = urls;
  return f;
}

/** A fresh cache folder holding the opening as timemachine.txt. */
function cacheWithOpening(): string {
  const dir = mkdtempSync(join(tmpdir(), 'd2l-cache-'));
  copyFileSync(OPENING, join(dir, 'timemachine.txt'));
  return dir;
}

test("the loader uses d2l's URL and SHA-1", () => {
  expect(TIME_MACHINE).toEqual({
    url: 'http://d2l-data.s3-accelerate.amazonaws.com/timemachine.txt',
    sha1: '090b5e7e70c295757f55df93cb0a180b9691891a',
  });
});

test('a cached file with the right SHA-1 is used without any network access', async () => {
  const dir = cacheWithOpening();
  expect(await download(LOCAL, dir, noNetwork)).toBe(join(dir, 'timemachine.txt'));
});

test("d2l's preprocessing of the opening gives d2l's lines[0] and lines[10]", async () => {
  const lines = await readTimeMachine(cacheWithOpening(), noNetwork, LOCAL);
  expect(lines).toHaveLength(20);
  expect(lines[0]).toBe('the time machine by h g wells');
  expect(lines[10]).toBe('twinkled and his usually pale face was flushed and animated the');
});

test('a file that is not cached is fetched from the URL, checked and cached', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'd2l-cache-'));
  const f = serving(readFileSync(OPENING));
  const path = await download(LOCAL, dir, f);
  expect(f.urls).toEqual([LOCAL.url]);
  expect(readFileSync(path)).toEqual(readFileSync(OPENING));
  expect(await download(LOCAL, dir, noNetwork)).toBe(path);
});

test('a wrong SHA-1 is a ChecksumError naming both hashes, and nothing is cached', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'd2l-cache-'));
  const wrong = { ...LOCAL, sha1: '0'.repeat(40) };
  const bytes = readFileSync(OPENING);
  await expect(download(wrong, dir, serving(bytes))).rejects.toThrow(ChecksumError);
  await expect(download(wrong, dir, serving(bytes))).rejects.toThrow(new RegExp(`${OPENING_SHA1}.*expected 0{40}`));
  expect(existsSync(join(dir, 'timemachine.txt'))).toBe(false);
});

test('a cached file whose SHA-1 does not match is fetched again (d2l), and the fresh copy must match', async () => {
  const dir = cacheWithOpening();
  const wrong = { ...LOCAL, sha1: 'f'.repeat(40) };
  const f = serving(readFileSync(OPENING));
  await expect(download(wrong, dir, f)).rejects.toThrow(ChecksumError);
  expect(f.urls).toEqual([LOCAL.url]);
});

test('load_corpus_time_machine: character tokens, a vocabulary with <unk> first, maxTokens', async () => {
  const { corpus, vocab } = await loadCorpusTimeMachine(-1, cacheWithOpening(), noNetwork, LOCAL);
  const chars = (await readTimeMachine(cacheWithOpening(), noNetwork, LOCAL)).join('');
  expect(corpus).toHaveLength(chars.length);
  expect(vocab.toTokens(corpus).join('')).toBe(chars);
  expect(vocab.idxToToken[0]).toBe('<unk>');
  // The most frequent character of English prose, spaces aside, is 'e'; spaces come first.
  expect(vocab.idxToToken.slice(1, 3)).toEqual([' ', 'e']);
  expect((await loadCorpusTimeMachine(100, cacheWithOpening(), noNetwork, LOCAL)).corpus).toEqual(corpus.slice(0, 100));
});

test('an empty book is an EmptyCorpusError', async () => {
  const empty = { url: 'http://example.invalid/empty.txt', sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' };
  await expect(
    loadCorpusTimeMachine(-1, mkdtempSync(join(tmpdir(), 'd2l-cache-')), serving(Buffer.alloc(0)), empty),
  ).rejects.toThrow(EmptyCorpusError);
});
