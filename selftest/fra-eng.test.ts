/**
 * d2l's English-French loader (reference/fra-eng.ts) and its text pipeline (reference/nmt-text.ts)
 * on a zip of a committed excerpt of fra.txt, built here: d2l's URL and SHA-1, the cache, the
 * checksum, the extraction, preprocess_nmt and tokenize_nmt. Nothing is downloaded.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { root } from '../bin/project.mjs';
import { ChecksumError } from '../reference/errors';
import { FRA_ENG, readDataNmt } from '../reference/fra-eng';
import { preprocessNmt, tokenizeNmt } from '../reference/nmt-text';
import { cacheHolding, emptyCache, localSource, noNetwork, serving, zipOf } from './data-hub-helpers';

/** The first lines of fra.txt as d2l's copy has them: two columns, U+202F (and in two lines U+00A0) before ! and ?. */
const EXCERPT = readFileSync(join(root, 'fixtures', 'data', 'fra-eng-excerpt.txt'), 'utf8');
const zip = () => zipOf({ 'fra-eng/fra.txt': EXCERPT });

test("the loader uses d2l's URL and SHA-1", () => {
  expect(FRA_ENG).toEqual({
    url: 'http://d2l-data.s3-accelerate.amazonaws.com/fra-eng.zip',
    sha1: '94646ad1522d915e7b0f9296181140edcf86a4f5',
  });
});

test('the excerpt is in the real format: two tab-separated columns, narrow no-break spaces before ! and ?', () => {
  const lines = EXCERPT.split('\n').slice(0, -1);
  expect(lines.length).toBeGreaterThanOrEqual(20);
  for (const line of lines) expect(line.split('\t')).toHaveLength(2);
  expect(lines[0]).toBe('Go.\tVa\u202f!');
  expect(EXCERPT).toContain('\u00a0!');
});

test('a cached archive with the right SHA-1 is extracted and read without any network access', async () => {
  const bytes = await zip();
  const local = localSource(FRA_ENG, bytes);
  const dir = cacheHolding(local, bytes);
  expect(await readDataNmt(dir, noNetwork, local)).toBe(EXCERPT);
  // d2l's download_extract: the archive's folder lands next to it, named after it.
  expect(readFileSync(join(dir, 'fra-eng', 'fra.txt'), 'utf8')).toBe(EXCERPT);
});

test('an archive that is not cached is fetched from the URL, checked, cached and extracted', async () => {
  const bytes = await zip();
  const local = localSource(FRA_ENG, bytes);
  const dir = emptyCache();
  const f = serving(bytes);
  expect(await readDataNmt(dir, f, local)).toBe(EXCERPT);
  expect(f.urls).toEqual([FRA_ENG.url]);
  expect(readFileSync(join(dir, 'fra-eng.zip'))).toEqual(bytes);
  expect(await readDataNmt(dir, noNetwork, local)).toBe(EXCERPT);
});

test('a wrong SHA-1 is a ChecksumError, and nothing is cached or extracted', async () => {
  const dir = emptyCache();
  const wrong = { ...FRA_ENG, sha1: '0'.repeat(40) };
  await expect(readDataNmt(dir, serving(await zip()), wrong)).rejects.toThrow(ChecksumError);
  expect(existsSync(join(dir, 'fra-eng.zip'))).toBe(false);
  expect(existsSync(join(dir, 'fra-eng'))).toBe(false);
});

test('the real SHA-1 does not match the excerpt: the loader fetches again and refuses what comes', async () => {
  const bytes = await zip();
  const f = serving(bytes);
  await expect(readDataNmt(cacheHolding(FRA_ENG, bytes), f)).rejects.toThrow(ChecksumError);
  expect(f.urls).toEqual([FRA_ENG.url]);
});

test("preprocess_nmt gives d2l's printed text: non-breaking spaces become spaces, lower case, a space before punctuation", () => {
  expect(preprocessNmt(EXCERPT).slice(0, 80)).toBe(
    'go .\tva !\nhi .\tsalut !\nrun !\tcours !\nrun !\tcourez !\nwho ?\tqui ?\nwow !\tça alors !',
  );
  expect(preprocessNmt("J'ai gagné\u00a0!")).toBe("j'ai gagné !");
  expect(preprocessNmt('Oui, je chante.')).toBe('oui , je chante .');
  // Only , . ! ? get a space; one that is already there is not doubled.
  expect(preprocessNmt('A b ; c : d .')).toBe('a b ; c : d .');
});

test("tokenize_nmt gives d2l's source[:6] and target[:6]", () => {
  const { source, target } = tokenizeNmt(preprocessNmt(EXCERPT));
  expect(source).toHaveLength(24);
  expect(source.slice(0, 6)).toEqual([
    ['go', '.'],
    ['hi', '.'],
    ['run', '!'],
    ['run', '!'],
    ['who', '?'],
    ['wow', '!'],
  ]);
  expect(target.slice(0, 6)).toEqual([
    ['va', '!'],
    ['salut', '!'],
    ['cours', '!'],
    ['courez', '!'],
    ['qui', '?'],
    ['ça', 'alors', '!'],
  ]);
});

test("tokenize_nmt reads lines 0..num_examples (one more than asked, as d2l's `i > num_examples` does) and splits on single spaces", () => {
  expect(tokenizeNmt(preprocessNmt(EXCERPT), 5).source).toHaveLength(6);
  expect(tokenizeNmt(preprocessNmt(EXCERPT), 0).source).toHaveLength(24);
  expect(tokenizeNmt('a  b\tc\nno tab here\nx\ty\tz\n')).toEqual({ source: [['a', '', 'b']], target: [['c']] });
});
