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
import { afterAll, describe, expect, test } from 'vitest';
import { listSubmissions, stage, studentName, type Submission } from './submissions';

const base = mkdtempSync(join(tmpdir(), 'd2l-submissions-test-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

let counter = 0;
const fresh = (name: string) => {
  const dir = join(base, `${++counter}-${name}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** Writes files (path → text) under `dir`. */
function write(dir: string, files: Record<string, string | Buffer>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

const IDS = ['01-synthetic-data', '05-softmax'];
const folder = (path: string): Submission => ({ student: 'alice', path, kind: 'folder' });

/** Stages a folder submission holding `files` and returns the problems and the staged tree. */
async function staged(files: Record<string, string | Buffer>, setup?: (sub: string) => void) {
  const sub = fresh('sub');
  write(sub, files);
  setup?.(sub);
  const work = fresh('work');
  const { dir, problems } = await stage(folder(sub), IDS, work);
  const files_ = existsSync(dir) ? (readdirSync(dir, { recursive: true }) as string[]).sort() : [];
  return { dir, problems, files: files_, sub };
}

describe('studentName', () => {
  test('an archive extension is removed and a plain name is kept', () => {
    expect(['alice.zip', 'bob.tar.gz', 'carol.TGZ', 'dave', 'e.v-e_1'].map(studentName)).toEqual([
      'alice',
      'bob',
      'carol',
      'dave',
      'e.v-e_1',
    ]);
  });

  test('a name that a spreadsheet or a shell would read as a command becomes letters, digits and underscores', () => {
    expect(studentName('=cmd|x.zip')).toBe('_cmd_x');
    expect(studentName('+1 (555) $(rm -rf).tar.gz')).toBe('_1__555____rm_-rf_');
    expect(studentName('@SUM(A1)')).toBe('_SUM_A1_');
  });

  test('a name cannot climb out of the output folder or hide: leading dots and slashes go', () => {
    expect(studentName('..')).toBe('_');
    expect(studentName('.hidden')).toBe('_hidden');
    expect(studentName('../../etc/passwd')).toBe('__.._etc_passwd');
    expect(studentName('.zip')).toBe('_');
  });
});

describe('listSubmissions', () => {
  test('folders and archives are submissions, in sorted order, whatever order they were made in', () => {
    const dir = fresh('class');
    for (const name of ['zoe', 'bob.tar.gz', 'alice.zip', 'carol.tgz', 'dave']) {
      if (name.includes('.')) writeFileSync(join(dir, name), 'bytes');
      else mkdirSync(join(dir, name));
    }
    const { submissions, problems } = listSubmissions(dir);
    expect(problems).toEqual([]);
    expect(submissions).toEqual([
      { student: 'alice', path: join(dir, 'alice.zip'), kind: 'archive' },
      { student: 'bob', path: join(dir, 'bob.tar.gz'), kind: 'archive' },
      { student: 'carol', path: join(dir, 'carol.tgz'), kind: 'archive' },
      { student: 'dave', path: join(dir, 'dave'), kind: 'folder' },
      { student: 'zoe', path: join(dir, 'zoe'), kind: 'folder' },
    ]);
  });

  test('a stray file, a folder named like an archive, and a link are reported once each and ignored', () => {
    const dir = fresh('class');
    mkdirSync(join(dir, 'alice'));
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    writeFileSync(join(dir, 'README'), 'hello');
    mkdirSync(join(dir, 'bob.zip'));
    symlinkSync(join(dir, 'alice'), join(dir, 'mallory'));
    symlinkSync('/etc/passwd', join(dir, 'eve.zip'));
    const { submissions, problems } = listSubmissions(dir);
    // A folder is a folder whatever its name: bob.zip/ is bob's folder submission.
    expect(submissions.map((s) => [s.student, s.kind])).toEqual([
      ['alice', 'folder'],
      ['bob', 'folder'],
    ]);
    expect(problems).toEqual([
      'README: not a folder or a .zip/.tar.gz archive; ignored',
      'eve.zip: not a folder or a .zip/.tar.gz archive; ignored',
      'mallory: not a folder or a .zip/.tar.gz archive; ignored',
      'notes.txt: not a folder or a .zip/.tar.gz archive; ignored',
    ]);
  });

  test('entries that name the same student are all refused, named in one line, and none is graded', () => {
    const dir = fresh('class');
    mkdirSync(join(dir, 'alice'));
    writeFileSync(join(dir, 'alice.zip'), 'bytes');
    writeFileSync(join(dir, 'victim.zip'), 'bytes');
    writeFileSync(join(dir, 'victim.tar.gz'), 'bytes');
    mkdirSync(join(dir, 'bob smith'));
    mkdirSync(join(dir, 'bob_smith'));
    mkdirSync(join(dir, 'carol'));
    const { submissions, problems } = listSubmissions(dir);
    expect(submissions).toEqual([{ student: 'carol', path: join(dir, 'carol'), kind: 'folder' }]);
    expect(problems).toEqual([
      'alice, alice.zip: all name the student alice; none of them graded (rename or remove all but one)',
      'bob smith, bob_smith: all name the student bob_smith; none of them graded (rename or remove all but one)',
      'victim.tar.gz, victim.zip: all name the student victim; none of them graded (rename or remove all but one)',
    ]);
  });

  test('a name made safe is the name the submission is graded under', () => {
    const dir = fresh('class');
    writeFileSync(join(dir, '=cmd|x.zip'), 'bytes');
    expect(listSubmissions(dir)).toEqual({
      submissions: [{ student: '_cmd_x', path: join(dir, '=cmd|x.zip'), kind: 'archive' }],
      problems: [],
    });
  });
});

describe('stage', () => {
  test('exercise folders at the top or nested up to the search depth are found, and deeper ones are not', async () => {
    const { problems, files } = await staged({
      'a/b/c/d/05-softmax/softmax.ts': 'softmax',
      'a/b/c/d/e/01-synthetic-data/synthetic-data.ts': 'too deep',
    });
    expect(problems).toEqual([]);
    expect(files).toEqual(['05-softmax', '05-softmax/softmax.ts']);
    const top = await staged({ '01-synthetic-data/synthetic-data.ts': 'top' });
    expect(top.files).toEqual(['01-synthetic-data', '01-synthetic-data/synthetic-data.ts']);
    expect(readFileSync(join(top.dir, '01-synthetic-data', 'synthetic-data.ts'), 'utf8')).toBe('top');
  });

  test('node_modules and hidden folders are not searched', async () => {
    const { problems, files } = await staged({
      'node_modules/pkg/05-softmax/softmax.ts': 'a dependency',
      '.git/05-softmax/softmax.ts': 'git internals',
    });
    expect(problems).toEqual([]);
    expect(files).toEqual([]);
  });

  test('a whole clone of the course, solutions/ included, is graded from its exercises/ folder, and the choice reported', async () => {
    const { problems, dir } = await staged({
      'd2l-ts/solutions/05-softmax/softmax.ts': 'the model solution',
      'd2l-ts/exercises/05-softmax/softmax.ts': "the student's work",
      'd2l-ts/exercises/01-synthetic-data/synthetic-data.ts': 'only once',
    });
    expect(problems).toEqual(['05-softmax: found in 2 places; graded d2l-ts/exercises/05-softmax']);
    expect(readFileSync(join(dir, '05-softmax', 'softmax.ts'), 'utf8')).toBe("the student's work");
    expect(readFileSync(join(dir, '01-synthetic-data', 'synthetic-data.ts'), 'utf8')).toBe('only once');
  });

  test('the copy under exercises/ is preferred even to a shorter path, whichever the file system lists first', async () => {
    const { problems, dir } = await staged({
      'solutions/05-softmax/softmax.ts': 'the model solution',
      'course/d2l-ts/exercises/05-softmax/softmax.ts': "the student's work",
      's/05-softmax/softmax.ts': 'another copy',
    });
    expect(problems).toEqual(['05-softmax: found in 3 places; graded course/d2l-ts/exercises/05-softmax']);
    expect(readFileSync(join(dir, '05-softmax', 'softmax.ts'), 'utf8')).toBe("the student's work");
  });

  test('among several copies, none under exercises/, the shallowest is graded', async () => {
    const { problems, dir } = await staged({
      'old/attempt/05-softmax/softmax.ts': 'older, deeper',
      'final/05-softmax/softmax.ts': 'the final one',
    });
    expect(problems).toEqual(['05-softmax: found in 2 places; graded final/05-softmax']);
    expect(readFileSync(join(dir, '05-softmax', 'softmax.ts'), 'utf8')).toBe('the final one');
  });

  // A class folder may itself sit under a folder named "exercises": only the path inside the
  // submission counts. 100 decoys, half made before exercises/ and half after, make a wrong pick
  // all but certain whatever order the file system lists them in.
  test('the preference for exercises/ looks inside the submission, not at the folders the class sits in', async () => {
    const sub = join(fresh('course'), 'exercises', 'submissions', 'alice');
    const files: Record<string, string> = {};
    for (let i = 0; i < 50; i++) files[`d2l-ts/copy-${i}/05-softmax/softmax.ts`] = 'a copy';
    write(sub, files);
    write(sub, { 'd2l-ts/exercises/05-softmax/softmax.ts': "the student's work" });
    for (let i = 50; i < 100; i++) write(sub, { [`d2l-ts/copy-${i}/05-softmax/softmax.ts`]: 'a copy' });
    const { dir, problems } = await stage(folder(sub), IDS, fresh('work'));
    expect(problems).toEqual(['05-softmax: found in 101 places; graded d2l-ts/exercises/05-softmax']);
    expect(readFileSync(join(dir, '05-softmax', 'softmax.ts'), 'utf8')).toBe("the student's work");
  });

  test('only regular .ts files at the top of the exercise folder are copied', async () => {
    const { problems, files, dir } = await staged({
      '05-softmax/softmax.ts': 'main',
      '05-softmax/helpers.ts': 'helper',
      '05-softmax/README.md': 'notes',
      '05-softmax/data.json': '{}',
      '05-softmax/softmax.js': 'compiled',
      '05-softmax/sub/inner.ts': 'nested',
      '05-softmax/folder.ts/inner.ts': 'a folder named like a file',
    });
    expect(problems).toEqual([]);
    expect(files).toEqual(['05-softmax', '05-softmax/helpers.ts', '05-softmax/softmax.ts']);
    expect(lstatSync(join(dir, '05-softmax', 'softmax.ts')).isFile()).toBe(true);
  });

  test('a linked file and a linked folder in an exercise folder are skipped with one line each, and nothing is copied through them', async () => {
    const secret = join(fresh('elsewhere'), 'secret.ts');
    writeFileSync(secret, 'the model solution');
    const { problems, files } = await staged({ '05-softmax/own.ts': 'own' }, (sub) => {
      symlinkSync(secret, join(sub, '05-softmax', 'softmax.ts'));
      symlinkSync(dirname(secret), join(sub, '05-softmax', 'lib.ts'));
    });
    expect([...problems].sort()).toEqual([
      '05-softmax/lib.ts: a symbolic link; not graded',
      '05-softmax/softmax.ts: a symbolic link; not graded',
    ]);
    expect(files).toEqual(['05-softmax', '05-softmax/own.ts']);
  });

  test('a linked exercise folder is not followed, and says so in one line', async () => {
    const elsewhere = fresh('elsewhere');
    write(elsewhere, { '05-softmax/softmax.ts': 'the model solution' });
    const { files, problems } = await staged({ 'readme.txt': 'hi' }, (sub) =>
      symlinkSync(join(elsewhere, '05-softmax'), join(sub, '05-softmax')),
    );
    expect(files).toEqual([]);
    expect(problems).toEqual(['05-softmax/: a symbolic link; not graded']);
  });

  test('a file over 256 KiB is skipped with one line, a file of exactly 256 KiB is copied', async () => {
    const { problems, files } = await staged({
      '05-softmax/softmax.ts': Buffer.alloc(256 * 1024, 'a'),
      '05-softmax/huge.ts': Buffer.alloc(256 * 1024 + 1, 'b'),
    });
    expect(problems).toEqual(['05-softmax/huge.ts: larger than 256 KiB; not graded']);
    expect(files).toEqual(['05-softmax', '05-softmax/softmax.ts']);
  });

  test('after 50 files of an exercise the rest are not copied, with one line', async () => {
    const many = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`05-softmax/f${i}.ts`, `${i}`]));
    const { problems, files } = await staged(many);
    expect(problems).toEqual(['05-softmax: more than 50 files; the rest not graded']);
    expect(files.filter((f) => f.endsWith('.ts'))).toHaveLength(50);
    const exactly = await staged(
      Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`05-softmax/f${i}.ts`, `${i}`])),
    );
    expect(exactly.problems).toEqual([]);
    expect(exactly.files.filter((f) => f.endsWith('.ts'))).toHaveLength(50);
  });

  test('an archive that cannot be read is one problem line, and nothing is staged', async () => {
    const dir = fresh('class');
    writeFileSync(join(dir, 'broken.zip'), 'not a zip');
    const work = fresh('work');
    const { dir: out, problems } = await stage(
      { student: 'broken', path: join(dir, 'broken.zip'), kind: 'archive' },
      IDS,
      work,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^broken\.zip: not a readable zip archive \(/);
    expect(existsSync(out)).toBe(false);
  });
});
