/**
 * d2l's download_extract (reference/data-hub.ts) on zips built here: where it extracts, what it
 * returns, and the archives it refuses. Nothing is downloaded.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { DataArchiveError } from '../reference/errors';
import { DATA_URL, downloadExtract, extractZip } from '../reference/data-hub';
import { cacheHolding, emptyCache, localSource, noNetwork, zipOf } from './data-hub-helpers';

const SOURCE = { url: `${DATA_URL}demo.zip`, sha1: '' };

test('download_extract returns the archive path without its extension, or the named folder', async () => {
  const bytes = await zipOf({ 'demo/a.txt': 'A', 'other/b.txt': 'B' });
  const local = localSource(SOURCE, bytes);
  const dir = cacheHolding(local, bytes);
  expect(await downloadExtract(local, undefined, dir, noNetwork)).toBe(join(dir, 'demo'));
  expect(await downloadExtract(local, 'other', dir, noNetwork)).toBe(join(dir, 'other'));
  expect(readFileSync(join(dir, 'demo', 'a.txt'), 'utf8')).toBe('A');
  expect(readFileSync(join(dir, 'other', 'b.txt'), 'utf8')).toBe('B');
});

test('extracting again overwrites what was extracted before, as extractall does', async () => {
  const bytes = await zipOf({ 'demo/a.txt': 'A' });
  const local = localSource(SOURCE, bytes);
  const dir = cacheHolding(local, bytes);
  await downloadExtract(local, undefined, dir, noNetwork);
  writeFileSync(join(dir, 'demo', 'a.txt'), 'changed');
  await downloadExtract(local, undefined, dir, noNetwork);
  expect(readFileSync(join(dir, 'demo', 'a.txt'), 'utf8')).toBe('A');
});

test('an entry that would land outside the cache folder is a DataArchiveError', async () => {
  // yazl refuses such names, as it should: write a same-length placeholder and swap the bytes.
  const bytes = Buffer.from(
    (await zipOf({ 'xx/evil.txt': 'E' })).toString('latin1').replaceAll('xx/evil.txt', '../evil.txt'),
    'latin1',
  );
  const outer = emptyCache();
  const dir = join(outer, 'cache');
  mkdirSync(dir);
  writeFileSync(join(dir, 'demo.zip'), bytes);
  await expect(downloadExtract(localSource(SOURCE, bytes), undefined, dir, noNetwork)).rejects.toThrow(
    DataArchiveError,
  );
  expect(existsSync(join(outer, 'evil.txt'))).toBe(false);
});

test('bytes that are not a zip, and an archive that is not a .zip, are DataArchiveErrors', async () => {
  const notZip = Buffer.from('not a zip');
  const dir = emptyCache();
  writeFileSync(join(dir, 'x.zip'), notZip);
  await expect(extractZip(join(dir, 'x.zip'), dir)).rejects.toThrow(DataArchiveError);
  const tar = localSource({ url: `${DATA_URL}demo.tar.gz`, sha1: '' }, notZip);
  await expect(downloadExtract(tar, undefined, cacheHolding(tar, notZip), noNetwork)).rejects.toThrow(/only \.zip/);
});
