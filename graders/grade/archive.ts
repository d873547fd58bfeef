import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import * as tar from 'tar';
import yauzl from 'yauzl';

/**
 * Bounds on what an archive may hold, checked on a listing of every entry before anything is
 * extracted: entries of every kind (a 6 KB .tar.gz of 300,000 nested folders ran the grader out of
 * memory), folder depth, name length, and bytes. A zip or gzip bomb stops at them.
 */
export const ARCHIVE_LIMITS = {
  files: 2000,
  entries: 5000,
  depth: 16,
  nameBytes: 1024,
  fileBytes: 1 << 20,
  totalBytes: 20 << 20,
};

/** Why an archive could not be read at all. */
export class ArchiveError extends Error {
  override name = 'ArchiveError';
}

/**
 * An entry name that stays strictly inside the destination: relative, without a `..` segment,
 * and not the destination itself. Backslashes count as separators (older Windows zip tools write
 * them). Returns the normalised relative path, or undefined.
 */
function safeRelative(name: string): string | undefined {
  const slashed = name.replaceAll('\\', '/');
  if (isAbsolute(slashed) || /^[A-Za-z]:/.test(slashed)) return undefined;
  const n = normalize(slashed);
  if (n === '.' || n === '..' || n.startsWith(`..${sep}`) || n.split(sep).includes('..')) return undefined;
  return n;
}

/**
 * Unpacks a .zip, .tar.gz or .tgz into `dest`, regular files and folders only. Entries that would
 * land outside `dest`, links, and files over the limits are skipped, each with one line in
 * `problems`; an archive that cannot be read at all throws ArchiveError.
 */
export async function extractArchive(file: string, dest: string, label: string): Promise<string[]> {
  const zip = /\.zip$/i.test(file);
  const limit = entryLimits(label);
  await (zip ? listZip(file, label, limit) : listTar(file, label, limit));
  mkdirSync(dest, { recursive: true });
  return zip ? extractZip(file, dest, label) : extractTar(file, dest, label);
}

/** Counts entries as a listing meets them; throws ArchiveError at the first one past a limit. */
function entryLimits(label: string): (name: string) => void {
  let entries = 0;
  return (name) => {
    const bytes = Buffer.byteLength(name);
    const depth = name.split(/[\\/]+/).filter(Boolean).length;
    if (++entries > ARCHIVE_LIMITS.entries)
      throw new ArchiveError(`${label}: more than ${ARCHIVE_LIMITS.entries} entries`);
    if (bytes > ARCHIVE_LIMITS.nameBytes) {
      throw new ArchiveError(`${label}: an entry name of ${bytes} bytes (at most ${ARCHIVE_LIMITS.nameBytes})`);
    }
    if (depth > ARCHIVE_LIMITS.depth) {
      throw new ArchiveError(`${label}: an entry ${depth} folders deep (at most ${ARCHIVE_LIMITS.depth})`);
    }
  };
}

function openZip(file: string, label: string): Promise<yauzl.ZipFile> {
  // decodeStrings: false, so that an unsafe name reaches our own check (and message) below.
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (e, z) =>
      e ? reject(new ArchiveError(`${label}: not a readable zip archive (${e.message})`)) : resolve(z),
    ),
  );
}

/** Reads a zip's central directory, every entry through `limit`, without extracting anything. */
async function listZip(file: string, label: string, limit: (name: string) => void): Promise<void> {
  const zip = await openZip(file, label);
  try {
    if (zip.entryCount > ARCHIVE_LIMITS.entries) {
      throw new ArchiveError(`${label}: more than ${ARCHIVE_LIMITS.entries} entries`);
    }
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (e: Error) => reject(new ArchiveError(`${label}: a damaged zip archive (${e.message})`)));
      zip.on('end', resolve);
      zip.on('entry', (entry: yauzl.Entry) => {
        try {
          limit((entry.fileName as unknown as Buffer).toString('utf8'));
          zip.readEntry();
        } catch (e) {
          reject(e);
        }
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

/** Reads a .tar.gz's headers, every entry through `limit`, without writing anything. */
async function listTar(file: string, label: string, limit: (name: string) => void): Promise<void> {
  let failure: Error | undefined;
  const lister = new tar.Parser({
    onReadEntry: (entry) => {
      try {
        limit(entry.path);
      } catch (e) {
        failure ??= e as Error;
        lister.abort(e as Error);
      }
      entry.resume();
    },
  });
  try {
    await pipeline(
      createReadStream(file),
      createGunzip(),
      inflationCounter(label),
      lister as unknown as NodeJS.WritableStream,
    );
  } catch (e) {
    if (failure) throw failure;
    throw e instanceof ArchiveError
      ? e
      : new ArchiveError(`${label}: not a readable .tar.gz archive (${(e as Error).message})`);
  }
  if (failure) throw failure;
}

/** Counts the bytes gunzip makes: tar would inflate a whole gzip bomb before its filter could stop it. */
function inflationCounter(label: string): Transform {
  let inflated = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      inflated += chunk.length;
      done(
        inflated > 2 * ARCHIVE_LIMITS.totalBytes
          ? new ArchiveError(`${label}: unpacks to more than ${ARCHIVE_LIMITS.totalBytes >> 20} MiB`)
          : null,
        chunk,
      );
    },
  });
}

async function extractZip(file: string, dest: string, label: string): Promise<string[]> {
  const problems: string[] = [];
  const zip = await openZip(file, label);
  let files = 0;
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', resolve);
      zip.on('entry', async (entry: yauzl.Entry) => {
        try {
          const name = (entry.fileName as unknown as Buffer).toString('utf8');
          const rel = safeRelative(name);
          const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
          if (rel === undefined)
            problems.push(
              `${label}: entry "${name}" would be written outside the submission (path traversal); skipped`,
            );
          else if (mode === 0o120000) problems.push(`${label}: entry "${name}" is a symbolic link; skipped`);
          else if (/[\\/]$/.test(name)) mkdirSync(join(dest, rel), { recursive: true });
          else if (++files > ARCHIVE_LIMITS.files)
            return reject(new ArchiveError(`${label}: more than ${ARCHIVE_LIMITS.files} files`));
          else if (entry.uncompressedSize > ARCHIVE_LIMITS.fileBytes)
            problems.push(`${label}: entry "${name}" is larger than ${ARCHIVE_LIMITS.fileBytes >> 20} MiB; skipped`);
          else if (total + entry.uncompressedSize > ARCHIVE_LIMITS.totalBytes)
            return reject(new ArchiveError(`${label}: unpacks to more than ${ARCHIVE_LIMITS.totalBytes >> 20} MiB`));
          else {
            total += entry.uncompressedSize;
            const target = join(dest, rel);
            mkdirSync(dirname(target), { recursive: true });
            const stream = await new Promise<NodeJS.ReadableStream>((res, rej) =>
              zip.openReadStream(entry, (e, s) => (e ? rej(e) : res(s))),
            );
            await pipeline(stream, createWriteStream(target, { mode: 0o644 }));
          }
          zip.readEntry();
        } catch (e) {
          reject(e);
        }
      });
      zip.readEntry();
    });
  } catch (e) {
    throw e instanceof ArchiveError ? e : new ArchiveError(`${label}: a damaged zip archive (${(e as Error).message})`);
  } finally {
    zip.close();
  }
  return problems;
}

async function extractTar(file: string, dest: string, label: string): Promise<string[]> {
  const problems: string[] = [];
  let files = 0;
  let total = 0;
  let tooMuch: string | undefined;
  const count = inflationCounter(label);
  const unpack = tar.x({
    cwd: dest,
    strict: false,
    preservePaths: false,
    onwarn: (_code, message) => problems.push(`${label}: ${message}`),
    filter: (path, entry) => {
      const e = entry as tar.ReadEntry;
      const skip = (why: string) => {
        problems.push(`${label}: entry "${path}" ${why}; skipped`);
        return false;
      };
      if (safeRelative(path) === undefined) return skip('would be written outside the submission (path traversal)');
      if (e.type !== 'File' && e.type !== 'Directory')
        return skip(e.type === 'SymbolicLink' ? 'is a symbolic link' : `is a ${e.type}`);
      if (e.type === 'File') {
        if (++files > ARCHIVE_LIMITS.files) tooMuch ??= `more than ${ARCHIVE_LIMITS.files} files`;
        if (e.size > ARCHIVE_LIMITS.fileBytes) return skip(`is larger than ${ARCHIVE_LIMITS.fileBytes >> 20} MiB`);
        total += e.size;
        if (total > ARCHIVE_LIMITS.totalBytes)
          tooMuch ??= `unpacks to more than ${ARCHIVE_LIMITS.totalBytes >> 20} MiB`;
      }
      return tooMuch === undefined;
    },
  });
  try {
    await pipeline(createReadStream(file), createGunzip(), count, unpack as unknown as NodeJS.WritableStream);
  } catch (e) {
    throw e instanceof ArchiveError
      ? e
      : new ArchiveError(`${label}: not a readable .tar.gz archive (${(e as Error).message})`);
  }
  if (tooMuch) throw new ArchiveError(`${label}: ${tooMuch}`);
  return problems;
}
