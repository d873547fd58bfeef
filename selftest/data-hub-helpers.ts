/**
 * What the offline tests of d2l's zipped data sets share (fra-eng, WikiText-2, PTB): a zip built
 * in the test from committed excerpts, fetches that serve bytes or fail, a fresh cache folder.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import yazl from 'yazl';
import type { DataSource, Fetch } from '../reference/time-machine';

/** Fixed in every archive, so the same files give the same bytes. */
const EPOCH = new Date('2026-01-01T00:00:00Z');

/** A zip of `files` (name -> content), with a folder entry for each folder, as zip tools write them. */
export async function zipOf(files: Record<string, string | Buffer>): Promise<Buffer> {
  const z = new yazl.ZipFile();
  const folders = new Set(
    Object.keys(files).flatMap((name) =>
      name
        .split('/')
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
    ),
  );
  for (const folder of folders) z.addEmptyDirectory(folder, { mtime: EPOCH });
  for (const [name, content] of Object.entries(files))
    z.addBuffer(Buffer.from(content), name, { mtime: EPOCH, mode: 0o100644 });
  z.end();
  return buffer(z.outputStream);
}

export const sha1Of = (bytes: Buffer) => createHash('sha1').update(bytes).digest('hex');

/** `source` with the SHA-1 of the local bytes in place of the real file's. */
export const localSource = (source: DataSource, bytes: Buffer): DataSource => ({ ...source, sha1: sha1Of(bytes) });

export const noNetwork: Fetch = () => {
  throw new Error('the loader went to the network although the cached file was valid');
};

/** A fetch that serves the given bytes and records the URLs asked for. */
export function serving(bytes: Buffer): Fetch & { urls: string[] } {
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

/** A fresh, empty cache folder. */
export const emptyCache = () => mkdtempSync(join(tmpdir(), 'd2l-cache-'));

/** A fresh cache folder holding `bytes` as the file `source`'s URL names. */
export function cacheHolding(source: DataSource, bytes: Buffer): string {
  const dir = emptyCache();
  writeFileSync(join(dir, source.url.split('/').at(-1)!), bytes);
  return dir;
}
