import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import * as tar from 'tar';
import yauzl from 'yauzl';

/** Bounds on what an archive may unpack to: a zip bomb stops at them. */
export const ARCHIVE_LIMITS = { files: 2000, fileBytes: 1 << 20, totalBytes: 20 << 20 };

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
  mkdirSync(dest, { recursive: true });
  return /\.zip$/i.test(file) ? extractZip(file, dest, label) : extractTar(file, dest, label);
}

async function extractZip(file: string, dest: string, label: string): Promise<string[]> {
  const problems: string[] = [];
  let zip: yauzl.ZipFile;
  try {
    // decodeStrings: false, so that an unsafe name reaches our own check (and message) below.
    zip = await new Promise((resolve, reject) =>
      yauzl.open(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (e, z) =>
        e ? reject(e) : resolve(z),
      ),
    );
  } catch (e) {
    throw new ArchiveError(`${label}: not a readable zip archive (${(e as Error).message})`);
  }
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
  // Gunzip ourselves, counting: tar would inflate a whole gzip bomb before its filter could stop it.
  let inflated = 0;
  const count = new Transform({
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
