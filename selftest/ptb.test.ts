/**
 * d2l's PTB loader (reference/ptb.ts) on a zip of a committed excerpt of ptb.train.txt, built
 * here: d2l's URL and SHA-1, the cache, the checksum, read_ptb's splitting. Nothing is downloaded.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { root } from '../bin/project.mjs';
import { ChecksumError } from '../reference/errors';
import { PTB, ptbSentences, readPtb } from '../reference/ptb';
import { cacheHolding, emptyCache, localSource, noNetwork, serving, zipOf } from './data-hub-helpers';

/** The first 20 lines of ptb.train.txt in its real format: a space at each end of every line. */
const EXCERPT = readFileSync(join(root, 'fixtures', 'data', 'ptb-excerpt.txt'), 'utf8');
const zip = () => zipOf({ 'ptb/ptb.train.txt': EXCERPT, 'ptb/ptb.valid.txt': ' a b \n', 'ptb/ptb.test.txt': ' c \n' });

test("the loader uses d2l's URL and SHA-1", () => {
  expect(PTB).toEqual({
    url: 'http://d2l-data.s3-accelerate.amazonaws.com/ptb.zip',
    sha1: '319d85e578af0cdc590547f26231e4e31cdf1e42',
  });
});

test('read_ptb splits lines on whitespace; the final newline gives a last, empty sentence', () => {
  const sentences = ptbSentences(EXCERPT);
  expect(sentences).toHaveLength(21);
  expect(sentences.at(-1)).toEqual([]);
  expect(sentences[0]).toHaveLength(24);
  expect(sentences[1]).toEqual([
    'pierre',
    '<unk>',
    'N',
    'years',
    'old',
    'will',
    'join',
    'the',
    'board',
    'as',
    'a',
    'nonexecutive',
    'director',
    'nov.',
    'N',
  ]);
  expect(ptbSentences(' a  b\r\n c \n')).toEqual([['a', 'b'], ['c'], []]);
});

test('a cached archive with the right SHA-1 is extracted and read without network', async () => {
  const bytes = await zip();
  const local = localSource(PTB, bytes);
  expect(await readPtb(cacheHolding(local, bytes), noNetwork, local)).toEqual(ptbSentences(EXCERPT));
});

test('an archive that is not cached is fetched once; a wrong SHA-1 is a ChecksumError', async () => {
  const bytes = await zip();
  const local = localSource(PTB, bytes);
  const f = serving(bytes);
  expect(await readPtb(emptyCache(), f, local)).toHaveLength(21);
  expect(f.urls).toEqual([PTB.url]);
  await expect(readPtb(emptyCache(), serving(bytes))).rejects.toThrow(ChecksumError);
});
