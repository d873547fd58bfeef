/**
 * d2l's WikiText-2 loader (reference/wikitext2.ts) on a zip of a committed excerpt of
 * wiki.train.tokens, built here: d2l's URL and SHA-1, the cache, the checksum, _read_wiki's
 * filtering, splitting and (seeded) shuffling. Nothing is downloaded.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { root } from '../bin/project.mjs';
import { ChecksumError } from '../reference/errors';
import { loadWikiParagraphs, readWiki, wikiParagraphs, WIKITEXT_2 } from '../reference/wikitext2';
import { cacheHolding, emptyCache, localSource, noNetwork, serving, zipOf } from './data-hub-helpers';

/** The opening of wiki.train.tokens in its real format: headings, blank lines, one paragraph a line. */
const EXCERPT = readFileSync(join(root, 'fixtures', 'data', 'wikitext2-excerpt.txt'), 'utf8');
const zip = () =>
  zipOf({
    'wikitext-2/wiki.train.tokens': EXCERPT,
    'wikitext-2/wiki.valid.tokens': ' = Other = \n',
    'wikitext-2/wiki.test.tokens': ' \n',
  });

test("the loader uses d2l's URL and SHA-1", () => {
  expect(WIKITEXT_2).toEqual({
    url: 'https://s3.amazonaws.com/research.metamind.io/wikitext/wikitext-2-v1.zip',
    sha1: '3c914d17d80b1459be871a5039ac23e752a53cbe',
  });
});

test("_read_wiki keeps the lines that split on ' . ' in two or more, lower-cased and split into sentences", () => {
  const paragraphs = wikiParagraphs(EXCERPT);
  // Headings and blank lines go; the one-sentence line stays, because its trailing " . " splits it in two (d2l does the same).
  expect(paragraphs.map((p) => p.length)).toEqual([4, 5, 5, 5, 1]);
  expect(paragraphs[0]![0]).toBe('senjō no valkyria 3 : <unk> chronicles ( japanese : 戦場のヴァルキュリア3 , lit');
  expect(paragraphs[0]![1]).toBe(
    'valkyria of the battlefield 3 ) , commonly referred to as valkyria chronicles iii outside japan , is a tactical role @-@ playing video game developed by sega and media.vision for the playstation portable',
  );
  // The last sentence keeps its final " ." (d2l strips the line before splitting).
  expect(paragraphs[1]!.at(-1)).toBe("the game 's opening theme was sung by may 'n .");
  expect(paragraphs[4]).toEqual([
    'troops are divided into five classes : scouts , <unk> , engineers , lancers and armored soldier .',
  ]);
});

test('a cached archive with the right SHA-1 is extracted and read without network; the shuffle is seeded', async () => {
  const bytes = await zip();
  const local = localSource(WIKITEXT_2, bytes);
  const dir = cacheHolding(local, bytes);
  const a = await loadWikiParagraphs(7, dir, noNetwork, local);
  expect(a).toEqual(readWiki(join(dir, 'wikitext-2'), 7));
  expect([...a].sort()).toEqual([...wikiParagraphs(EXCERPT)].sort());
  expect(await loadWikiParagraphs(7, dir, noNetwork, local)).toEqual(a);
  const orders = new Set([1, 2, 3, 4, 5, 6].map((seed) => JSON.stringify(readWiki(join(dir, 'wikitext-2'), seed))));
  expect(orders.size).toBeGreaterThan(1);
});

test('an archive that is not cached is fetched once; a wrong SHA-1 is a ChecksumError', async () => {
  const bytes = await zip();
  const local = localSource(WIKITEXT_2, bytes);
  const dir = emptyCache();
  const f = serving(bytes);
  expect(await loadWikiParagraphs(0, dir, f, local)).toHaveLength(5);
  expect(f.urls).toEqual([WIKITEXT_2.url]);
  await expect(loadWikiParagraphs(0, emptyCache(), serving(bytes))).rejects.toThrow(ChecksumError);
});
