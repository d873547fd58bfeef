/**
 * d2l's download_extract, shared by the loaders of d2l's zipped data sets (fra-eng, WikiText-2,
 * PTB): download() (reference/time-machine.ts) fetches, checks and caches the archive, then every
 * entry is extracted next to it, as Python's ZipFile.extractall does on each call.
 * Node-only (files): for scripts, not for students' files.
 */
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, isAbsolute } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { DataArchiveError } from './errors';
import { DEFAULT_CACHE, download, type DataSource, type Fetch } from './time-machine';

/** d2l's DATA_URL: where most of DATA_HUB's files are. */
export const DATA_URL = 'http://d2l-data.s3-accelerate.amazonaws.com/';

/**
 * Extracts every file of the zip at `zipPath` into `dest` (overwriting, like extractall) and
 * returns the paths written. yauzl refuses absolute names and `..` segments; the check below
 * keeps any other name that would resolve outside `dest` out too.
 */
export async function extractZip(zipPath: string, dest: string): Promise<string[]> {
  const written: string[] = [];
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(zipPath);
  } catch (e) {
    throw new DataArchiveError(`${zipPath} is not a readable zip archive (${(e as Error).message})`);
  }
  try {
    for await (const entry of zip.eachEntry()) {
      const target = resolve(dest, entry.fileName);
      const rel = relative(resolve(dest), target);
      if (rel === '' || rel.startsWith('..') || isAbsolute(rel))
        throw new DataArchiveError(`${zipPath}: entry "${entry.fileName}" would be written outside ${dest}`);
      if (entry.fileName.endsWith('/')) {
        mkdirSync(target, { recursive: true });
        continue;
      }
      mkdirSync(dirname(target), { recursive: true });
      await pipeline(await zip.openReadStreamPromise(entry), createWriteStream(target));
      written.push(target);
    }
  } catch (e) {
    throw e instanceof DataArchiveError
      ? e
      : new DataArchiveError(`${zipPath} is a damaged zip archive (${(e as Error).message})`);
  } finally {
    zip.close();
  }
  return written;
}

/**
 * d2l's download_extract: downloads (or finds in the cache) the archive, extracts it into the
 * cache folder and returns `cacheDir/<folder>` if a folder is named, else the archive's path
 * without its extension (fra-eng.zip -> cacheDir/fra-eng). Only zips: every archive the course
 * uses is one (d2l also opens tar files).
 */
export async function downloadExtract(
  source: DataSource,
  folder?: string,
  cacheDir: string = DEFAULT_CACHE,
  fetchImpl?: Fetch,
): Promise<string> {
  const file = await download(source, cacheDir, fetchImpl);
  const ext = extname(file);
  if (ext !== '.zip') throw new DataArchiveError(`${file}: only .zip archives can be extracted, not '${ext}'`);
  await extractZip(file, dirname(file));
  return folder ? join(dirname(file), folder) : file.slice(0, -ext.length);
}

/**
 * A file's text as Python's open(path).read() gives it: UTF-8 with universal newlines (\r\n and a
 * lone \r become \n), so that d2l's readers split lines as they do in Python.
 */
export const readTextFile = (path: string) => readFileSync(path, 'utf8').replace(/\r\n?/g, '\n');
