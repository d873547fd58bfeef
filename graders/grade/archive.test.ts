import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as tar from 'tar';
import { afterAll, describe, expect, test } from 'vitest';
import yazl from 'yazl';
import { nestedFoldersTarGz, nestedFoldersZip } from '../../fixtures/hostile-archives';
import { ARCHIVE_LIMITS, ArchiveError, extractArchive } from './archive';

const base = mkdtempSync(join(tmpdir(), 'd2l-archive-test-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

let counter = 0;
/** A fresh folder under the test's temporary folder. */
const fresh = (name: string) => {
  const dir = join(base, `${++counter}-${name}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** Every path under `dir`, relative, sorted. */
const tree = (dir: string) => (readdirSync(dir, { recursive: true }) as string[]).sort();

/** An absolute entry name that exists nowhere, the same length every run. */
const ABSOLUTE = `/tmp/d2l-escape-${process.pid.toString(36).padStart(8, '0')}.ts`;

interface ZipEntry {
  name: string;
  data?: string | Buffer;
  mode?: number;
}

/**
 * A zip of `entries` (names ending in / are folders). yazl refuses unsafe names, as it should: an
 * unsafe name is written as a same-length placeholder and its bytes swapped afterwards.
 */
async function zipOf(entries: ZipEntry[], rename: Record<string, string> = {}): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const e of entries) {
    if (e.name.endsWith('/')) z.addEmptyDirectory(e.name);
    else
      z.addBuffer(typeof e.data === 'string' || e.data === undefined ? Buffer.from(e.data ?? '') : e.data, e.name, {
        mode: e.mode ?? 0o100644,
      });
  }
  z.end();
  let bytes = await buffer(z.outputStream);
  for (const [placeholder, name] of Object.entries(rename)) {
    expect(placeholder.length).toBe(name.length);
    bytes = Buffer.from(bytes.toString('latin1').replaceAll(placeholder, name), 'latin1');
  }
  return bytes;
}

/** A .tar.gz made by tar.c from real files (and links) written in a folder. */
async function tarOf(files: Record<string, string | Buffer | { symlink: string }>): Promise<Buffer> {
  const src = fresh('tar-src');
  for (const [name, content] of Object.entries(files)) {
    const path = join(src, name);
    mkdirSync(dirname(path), { recursive: true });
    if (typeof content === 'object' && !Buffer.isBuffer(content)) symlinkSync(content.symlink, path);
    else writeFileSync(path, content);
  }
  return buffer(tar.c({ cwd: src, gzip: true, portable: true }, Object.keys(files).sort()));
}

/** A .tar.gz crafted header by header, for entries tar.c will not write (it strips ../ and /). */
function craftedTar(
  entries: { path: string; data?: string; type?: 'File' | 'Directory' | 'SymbolicLink'; linkpath?: string }[],
): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const data = Buffer.from(e.data ?? '');
    const type = e.type ?? 'File';
    const header = Buffer.alloc(512);
    new tar.Header({
      path: e.path,
      mode: type === 'Directory' ? 0o755 : 0o644,
      uid: 0,
      gid: 0,
      size: type === 'File' ? data.length : 0,
      mtime: new Date(0),
      type,
      linkpath: e.linkpath,
    }).encode(header, 0);
    blocks.push(header);
    if (type === 'File' && data.length > 0) blocks.push(data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

/** Writes an archive's bytes under `name` and extracts it into a destination two levels down. */
async function extract(name: string, bytes: Buffer) {
  const dir = fresh(name.replace(/\W/g, '_'));
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const out = join(dir, 'out');
  const dest = join(out, 'a', 'dest');
  const problems = await extractArchive(file, dest, name);
  return { problems, dest, out };
}

/** Runs `body` with some archive limits lowered, restoring them whatever happens. */
async function withLimits<T>(limits: Partial<typeof ARCHIVE_LIMITS>, body: () => Promise<T>): Promise<T> {
  const saved = { ...ARCHIVE_LIMITS };
  Object.assign(ARCHIVE_LIMITS, limits);
  try {
    return await body();
  } finally {
    Object.assign(ARCHIVE_LIMITS, saved);
  }
}

const MiB = 1 << 20;

describe('zip archives', () => {
  test('regular files and folders, empty ones included, are extracted with their contents', async () => {
    const bytes = await zipOf([
      { name: '05-softmax/' },
      { name: '05-softmax/softmax.ts', data: 'export const a = 1;\n' },
      { name: 'deep/er/still/file.ts', data: 'b' },
      { name: 'empty/' },
    ]);
    const { problems, dest } = await extract('ok.zip', bytes);
    expect(problems).toEqual([]);
    expect(tree(dest)).toEqual([
      '05-softmax',
      '05-softmax/softmax.ts',
      'deep',
      'deep/er',
      'deep/er/still',
      'deep/er/still/file.ts',
      'empty',
    ]);
    expect(readFileSync(join(dest, '05-softmax', 'softmax.ts'), 'utf8')).toBe('export const a = 1;\n');
    expect(lstatSync(join(dest, 'empty')).isDirectory()).toBe(true);
  });

  test('an entry "../../x.ts" is skipped with one line and nothing is written outside the destination', async () => {
    const bytes = await zipOf(
      [
        { name: 'ok.ts', data: 'ok' },
        { name: 'xx/xx/x.ts', data: 'escaped' },
      ],
      { 'xx/xx/x.ts': '../../x.ts' },
    );
    const { problems, dest, out } = await extract('escape.zip', bytes);
    expect(problems).toEqual([
      'escape.zip: entry "../../x.ts" would be written outside the submission (path traversal); skipped',
    ]);
    expect(tree(dest)).toEqual(['ok.ts']);
    expect(tree(out)).toEqual(['a', 'a/dest', 'a/dest/ok.ts']);
    expect(existsSync(join(dest, '..', '..', 'x.ts'))).toBe(false);
  });

  test('an absolute entry "/tmp/..." is skipped with one line and not written there', async () => {
    const placeholder = `x${ABSOLUTE.slice(1)}`;
    const bytes = await zipOf(
      [
        { name: 'ok.ts', data: 'ok' },
        { name: placeholder, data: 'escaped' },
      ],
      { [placeholder]: ABSOLUTE },
    );
    const { problems, out } = await extract('absolute.zip', bytes);
    expect(problems).toEqual([
      `absolute.zip: entry "${ABSOLUTE}" would be written outside the submission (path traversal); skipped`,
    ]);
    expect(existsSync(ABSOLUTE)).toBe(false);
    expect(tree(out)).toEqual(['a', 'a/dest', 'a/dest/ok.ts']);
  });

  test('an entry with a backslash is refused as a traversal, not written with a backslash in its name', async () => {
    const bytes = await zipOf([{ name: 'xx/x.ts', data: 'x' }], { 'xx/x.ts': '..\\x.ts' });
    const { problems, out } = await extract('backslash.zip', bytes);
    expect(problems).toEqual([
      'backslash.zip: entry "..\\x.ts" would be written outside the submission (path traversal); skipped',
    ]);
    expect(tree(out)).toEqual(['a', 'a/dest']);
  });

  test('a name written with Windows backslashes is extracted as the path it means', async () => {
    const bytes = await zipOf([{ name: 'xx-xxxxxxx/xxxxxxx.ts', data: 'w' }], {
      'xx-xxxxxxx/xxxxxxx.ts': '05-softmax\\softmax.ts',
    });
    const { problems, dest } = await extract('windows.zip', bytes);
    expect(problems).toEqual([]);
    expect(readFileSync(join(dest, '05-softmax', 'softmax.ts'), 'utf8')).toBe('w');
  });

  test('an entry that names the destination itself ("a/..") is skipped with one line, not taken for a damaged archive', async () => {
    const bytes = await zipOf(
      [
        { name: 'ok.ts', data: 'ok' },
        { name: 'xxxx', data: 'x' },
      ],
      { xxxx: 'a/..' },
    );
    const { problems, dest } = await extract('dot.zip', bytes);
    expect(problems).toEqual([
      'dot.zip: entry "a/.." would be written outside the submission (path traversal); skipped',
    ]);
    expect(readFileSync(join(dest, 'ok.ts'), 'utf8')).toBe('ok');
  });

  test('a symbolic link entry is skipped with one line, and no link is created', async () => {
    const bytes = await zipOf([
      { name: '05-softmax/softmax.ts', data: '/etc/passwd', mode: 0o120777 },
      { name: '05-softmax/other.ts', data: 'ok' },
    ]);
    const { problems, dest } = await extract('link.zip', bytes);
    expect(problems).toEqual(['link.zip: entry "05-softmax/softmax.ts" is a symbolic link; skipped']);
    expect(tree(dest)).toEqual(['05-softmax', '05-softmax/other.ts']);
  });

  test('a file over ARCHIVE_LIMITS.fileBytes is skipped with one line, a file of exactly that size is kept', async () => {
    expect(ARCHIVE_LIMITS.fileBytes).toBe(MiB);
    const bytes = await zipOf([
      { name: 'big.ts', data: Buffer.alloc(MiB + 1, 'a') },
      { name: 'limit.ts', data: Buffer.alloc(MiB, 'b') },
    ]);
    const { problems, dest } = await extract('big.zip', bytes);
    expect(problems).toEqual(['big.zip: entry "big.ts" is larger than 1 MiB; skipped']);
    expect(tree(dest)).toEqual(['limit.ts']);
    expect(lstatSync(join(dest, 'limit.ts')).size).toBe(MiB);
  });

  test('more files than ARCHIVE_LIMITS.files throws an ArchiveError, and exactly that many do not', async () => {
    const files = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `f${i}.ts`, data: `${i}` }));
    const [atLimit, overLimit] = [await zipOf(files(3)), await zipOf([{ name: 'dir/' }, ...files(4)])];
    await withLimits({ files: 3 }, async () => {
      expect((await extract('three.zip', atLimit)).problems).toEqual([]);
      const error = await extract('four.zip', overLimit).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ArchiveError);
      expect((error as Error).message).toBe('four.zip: more than 3 files');
    });
    expect(ARCHIVE_LIMITS.files).toBe(2000);
  });

  test('unpacking to more than ARCHIVE_LIMITS.totalBytes throws an ArchiveError, and exactly that much does not', async () => {
    const files = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ name: `f${i}.ts`, data: Buffer.alloc(MiB, 'z') }));
    const [atLimit, overLimit] = [await zipOf(files(2)), await zipOf(files(3))];
    await withLimits({ totalBytes: 2 * MiB }, async () => {
      expect((await extract('two.zip', atLimit)).problems).toEqual([]);
      const error = await extract('bomb.zip', overLimit).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ArchiveError);
      expect((error as Error).message).toBe('bomb.zip: unpacks to more than 2 MiB');
    });
    expect(ARCHIVE_LIMITS.totalBytes).toBe(20 * MiB);
  });

  test('garbage bytes named .zip throw an ArchiveError saying it is not a readable zip archive', async () => {
    const error = await extract('garbage.zip', Buffer.from('this is not a zip archive, only text\n')).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ArchiveError);
    expect((error as Error).message).toMatch(/^garbage\.zip: not a readable zip archive \(.+\)$/);
  });
});

describe('tar.gz archives', () => {
  test('regular files and folders written by tar.c are extracted with their contents', async () => {
    const bytes = await tarOf({ '05-softmax/softmax.ts': 'export const a = 1;\n', 'deep/er/file.ts': 'b' });
    const { problems, dest } = await extract('ok.tar.gz', bytes);
    expect(problems).toEqual([]);
    expect(tree(dest)).toEqual(['05-softmax', '05-softmax/softmax.ts', 'deep', 'deep/er', 'deep/er/file.ts']);
    expect(readFileSync(join(dest, '05-softmax', 'softmax.ts'), 'utf8')).toBe('export const a = 1;\n');
  });

  test('a .tgz is read as a .tar.gz, and a folder entry alone makes a folder', async () => {
    const bytes = craftedTar([
      { path: 'empty/', type: 'Directory' },
      { path: 'empty2/sub/', type: 'Directory' },
      { path: 'f.ts', data: 'f' },
    ]);
    const { problems, dest } = await extract('ok.tgz', bytes);
    expect(problems).toEqual([]);
    expect(tree(dest)).toEqual(['empty', 'empty2', 'empty2/sub', 'f.ts']);
  });

  test('an entry "../../x.ts" and an absolute entry are skipped with one line each and nothing is written outside the destination', async () => {
    const bytes = craftedTar([
      { path: 'ok.ts', data: 'ok' },
      { path: '../../x.ts', data: 'escaped' },
      { path: ABSOLUTE, data: 'escaped' },
    ]);
    const { problems, dest, out } = await extract('escape.tar.gz', bytes);
    expect(problems).toEqual([
      'escape.tar.gz: entry "../../x.ts" would be written outside the submission (path traversal); skipped',
      `escape.tar.gz: entry "${ABSOLUTE}" would be written outside the submission (path traversal); skipped`,
    ]);
    expect(tree(dest)).toEqual(['ok.ts']);
    expect(tree(out)).toEqual(['a', 'a/dest', 'a/dest/ok.ts']);
    expect(existsSync(ABSOLUTE)).toBe(false);
    // tar would otherwise strip the leading / and write it inside: it must not appear at all.
    expect(existsSync(join(dest, ABSOLUTE.slice(1)))).toBe(false);
  });

  test('a symbolic link entry is skipped with one line, and no link is created', async () => {
    const bytes = await tarOf({ '05-softmax/softmax.ts': { symlink: '/etc/passwd' }, '05-softmax/other.ts': 'ok' });
    const { problems, dest } = await extract('link.tar.gz', bytes);
    expect(problems).toEqual(['link.tar.gz: entry "05-softmax/softmax.ts" is a symbolic link; skipped']);
    expect(tree(dest)).toEqual(['05-softmax', '05-softmax/other.ts']);
  });

  test('a crafted symbolic link entry pointing outside is skipped with one line', async () => {
    const bytes = craftedTar([
      { path: 'up', type: 'SymbolicLink', linkpath: '../../..' },
      { path: 'ok.ts', data: 'ok' },
    ]);
    const { problems, dest } = await extract('crafted-link.tgz', bytes);
    expect(problems).toEqual(['crafted-link.tgz: entry "up" is a symbolic link; skipped']);
    expect(tree(dest)).toEqual(['ok.ts']);
  });

  test('a file over ARCHIVE_LIMITS.fileBytes is skipped with one line, a file of exactly that size is kept', async () => {
    const bytes = await tarOf({ 'big.ts': Buffer.alloc(MiB + 1, 'a'), 'limit.ts': Buffer.alloc(MiB, 'b') });
    const { problems, dest } = await extract('big.tar.gz', bytes);
    expect(problems).toEqual(['big.tar.gz: entry "big.ts" is larger than 1 MiB; skipped']);
    expect(tree(dest)).toEqual(['limit.ts']);
    expect(lstatSync(join(dest, 'limit.ts')).size).toBe(MiB);
  });

  test('more files than ARCHIVE_LIMITS.files throws an ArchiveError, and exactly that many do not', async () => {
    const files = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`d/f${i}.ts`, `${i}`]));
    const [atLimit, overLimit] = [await tarOf(files(3)), await tarOf(files(4))];
    await withLimits({ files: 3 }, async () => {
      expect((await extract('three.tar.gz', atLimit)).problems).toEqual([]);
      const error = await extract('four.tar.gz', overLimit).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ArchiveError);
      expect((error as Error).message).toBe('four.tar.gz: more than 3 files');
    });
    expect(ARCHIVE_LIMITS.files).toBe(2000);
  });

  test('unpacking to more than ARCHIVE_LIMITS.totalBytes throws an ArchiveError, and exactly that much does not', async () => {
    const files = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}.ts`, Buffer.alloc(MiB, 'z')]));
    const [atLimit, overLimit] = [await tarOf(files(2)), await tarOf(files(3))];
    await withLimits({ totalBytes: 2 * MiB }, async () => {
      expect((await extract('two.tar.gz', atLimit)).problems).toEqual([]);
      const error = await extract('bomb.tar.gz', overLimit).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ArchiveError);
      expect((error as Error).message).toBe('bomb.tar.gz: unpacks to more than 2 MiB');
    });
    expect(ARCHIVE_LIMITS.totalBytes).toBe(20 * MiB);
  });

  test('a gzip bomb is stopped while it inflates, not after', async () => {
    // 256 MiB of zeros compress to about 250 KiB: tar alone would inflate all of it.
    const bomb = gzipSync(Buffer.alloc(256 * MiB));
    // What inflating all of it costs on this machine now: the refusal must take a small part of it,
    // however loaded the machine is.
    const t0 = performance.now();
    gunzipSync(bomb);
    const whole = performance.now() - t0;
    await withLimits({ totalBytes: MiB }, async () => {
      const t = performance.now();
      const error = await extract('zeros.tar.gz', bomb).catch((e: unknown) => e);
      expect((error as Error).message).toBe('zeros.tar.gz: unpacks to more than 1 MiB');
      expect(performance.now() - t).toBeLessThan(whole / 4);
    });
  });

  test('garbage bytes named .tar.gz, plain or gzipped, throw an ArchiveError saying it is not a readable .tar.gz archive', async () => {
    for (const [name, bytes] of [
      ['garbage.tar.gz', Buffer.from('this is not an archive, only text\n')],
      ['gzipped-garbage.tar.gz', gzipSync(Buffer.from('this is not a tar archive\n'.repeat(50)))],
      ['truncated.tgz', gzipSync(Buffer.alloc(4096, 1)).subarray(0, 12)],
    ] as const) {
      const error = await extract(name, bytes).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(ArchiveError);
      expect((error as Error).message).toMatch(
        new RegExp(`^${name.replace(/\./g, '\\.')}: not a readable \\.tar\\.gz archive \\(.+\\)$`),
      );
    }
  });
});

describe('archives shaped to exhaust the grader: folders count, and are counted before anything is extracted', () => {
  const kinds = [
    ['tar.gz', (c: number, d: number) => Promise.resolve(nestedFoldersTarGz(c, d))],
    ['zip', nestedFoldersZip],
  ] as const;

  test.each(kinds)(
    'a .%s of 300 chains of 60 nested folders (18,000 entries) is refused from its listing, fast',
    async (ext, make) => {
      const bytes = await make(300, 60);
      const t = performance.now();
      const error = await extract(`nested.${ext}`, bytes).catch((e: unknown) => e);
      expect(performance.now() - t).toBeLessThan(5000);
      expect(error).toBeInstanceOf(ArchiveError);
      expect((error as Error).message).toMatch(
        new RegExp(
          `^nested\\.${ext.replace('.', '\\.')}: (more than 5000 entries|an entry \\d+ folders deep \\(at most 16\\))$`,
        ),
      );
    },
  );

  test.each(kinds)('a .%s of one chain 17 folders deep is refused for its depth; 16 is accepted', async (ext, make) => {
    expect((await extract(`ok.${ext}`, await make(1, 16))).problems).toEqual([]);
    const error = await extract(`deep.${ext}`, await make(1, 17)).catch((e: unknown) => e);
    expect((error as Error).message).toBe(`deep.${ext}: an entry 17 folders deep (at most 16)`);
  });

  test.each(kinds)(
    'a .%s of 5000 folders is extracted, one of 5001 is refused whatever their depth',
    async (ext, make) => {
      const { dest } = await extract(`few.${ext}`, await make(5000, 1));
      const error = await extract(`many.${ext}`, await make(5001, 1)).catch((e: unknown) => e);
      expect((error as Error).message).toBe(`many.${ext}: more than 5000 entries`);
      expect(readdirSync(dest)).toHaveLength(5000);
    },
  );
});
