import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { root } from '../bin/project.mjs';
import { classResultSchema, type ClassResult, type StudentResult } from '../graders/grade/result';
import { confinement } from '../graders/run/confinement';

const SAMPLE = join(root, 'fixtures', 'submissions');
const FLAGS = [
  '--exercises',
  '01',
  '05',
  '--seed',
  '7',
  '--call-timeout',
  '2',
  '--time-limit',
  '40',
  '--workers',
  '2',
  '--memory',
  '2048',
  '--typecheck-timeout',
  '15',
];
const NETWORK_PORT = 47821;

function grade(folder: string, out: string, ...extra: string[]) {
  const r = spawnSync(
    process.execPath,
    [join(root, 'bin', 'd2l.mjs'), 'grade', folder, '--out', out, ...FLAGS, ...extra],
    { cwd: root, encoding: 'utf8', timeout: 300_000 },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const read = (out: string): ClassResult =>
  classResultSchema.parse(JSON.parse(readFileSync(join(out, 'grading.json'), 'utf8')));
const scoreOf = (s: StudentResult, id: string) => s.exercises.find((e) => e.id.startsWith(id))!.score;
/** Everything a student is told, as text. */
const feedback = (s: StudentResult) =>
  [...s.problems, ...s.exercises.flatMap((e) => [e.reason ?? '', ...e.checks.map((c) => c.message ?? '')])].join('\n');
const verdicts = (s: StudentResult) =>
  s.exercises.map((e) => [e.id, e.status, e.score, e.checks.map((c) => [c.name, c.passed, c.message ?? ''])]);

/** Gradescope's results.json format (the fields Gradescope reads). */
const gradescopeSchema = z.object({
  score: z.number(),
  execution_time: z.number(),
  output: z.string(),
  visibility: z.string(),
  stdout_visibility: z.string(),
  tests: z.array(
    z.object({
      name: z.string(),
      score: z.number(),
      max_score: z.number(),
      status: z.enum(['passed', 'failed']),
      output: z.string(),
      visibility: z.string(),
    }),
  ),
});

/** The sample class's grading, kept for the comparison with submissions graded alone. */
let sampleRun: ClassResult;

describe('grading the sample class, hostile submissions included', () => {
  const out = mkdtempSync(join(tmpdir(), 'd2l-grade-test-'));
  let run: ClassResult;
  let stdout = '';
  let connections = 0;
  let server: Server;
  let wall = 0;

  beforeAll(async () => {
    // The network submission tries this port on loopback: it must never get through.
    server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(NETWORK_PORT, '127.0.0.1', resolve));
    rmSync('/tmp/d2l-hostile-results.json', { force: true });
    const t = performance.now();
    const r = grade(SAMPLE, out);
    wall = (performance.now() - t) / 1000;
    stdout = r.stdout;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    run = read(out);
    sampleRun = run;
  }, 300_000);
  afterAll(() => {
    server.close();
    rmSync(out, { recursive: true, force: true });
  });

  const student = (name: string) => run.students.find((s) => s.student === name)!;

  test('every submission is graded, and the stray file is named once', () => {
    expect(run.students.map((s) => s.student)).toEqual([
      'archived-tgz',
      'archived-zip',
      'channel-garbage',
      'channel-handles',
      'channel-huge-frame',
      'corrupt',
      'endless-loop',
      'exit-at-import',
      'fake-results',
      'good',
      'hardcoded-examples',
      'ignore-sigterm',
      'import-solution',
      'kill-parent',
      'leaks',
      'memory-bomb',
      'missing-exercise',
      'nan-and-shapes',
      'nested-folders',
      'network',
      'outlive-grader',
      'partial',
      'patch-globals',
      'probe-paths',
      'read-reference',
      'read-via-symlink',
      'signal-others',
      'similarity-bomb',
      'spawn-process',
      'stdout-flood',
      'traversal',
      'typecheck-stall',
      'uniform-softmax',
      'write-files',
    ]);
    expect(run.problems).toEqual([
      'not-a-submission.txt: not a folder or a .zip/.tar.gz archive; ignored',
      'collide.tar.gz, collide.zip: all name the student collide; none of them graded (rename or remove all but one)',
    ]);
    expect(run.seed).toBe(7);
  });

  test('the good submission, as a folder, a zip or a tar.gz, gets full marks', () => {
    for (const name of ['good', 'archived-zip', 'archived-tgz']) {
      expect([name, student(name).score, student(name).maxScore]).toEqual([name, 20, 20]);
      expect(student(name).problems).toEqual([]);
    }
  });

  test('a partly wrong submission gets part of the points', () => {
    expect(scoreOf(student('partial'), '05')).toBeGreaterThan(0);
    expect(scoreOf(student('partial'), '05')).toBeLessThan(10);
  });

  // [student, what it attacked, a line that must appear in its grade]
  const hostile: [string, RegExp][] = [
    ['exit-at-import', /loading the file failed: the process running it stopped: it exited with code 0/],
    ['patch-globals', /./],
    ['fake-results', /./],
    ['read-reference', /softmax threw Error: Access to this API has been restricted/],
    [
      'import-solution',
      /import of "\.\.\/\.\.\/\.\.\/\.\.\/solutions\/05-softmax\/softmax" leaves the exercise folder/,
    ],
    ['write-files', /softmax threw Error: Access to this API has been restricted/],
    ['spawn-process', /softmax threw Error: Access to this API has been restricted/],
    ['endless-loop', /softmax did not return within 2 s \(an endless loop\?\), so its process was stopped/],
    ['ignore-sigterm', /softmax did not return within 2 s/],
    ['memory-bomb', /RangeError: Array buffer allocation failed|the process running your code stopped/],
    ['stdout-flood', /./],
    ['nan-and-shapes', /has NaN at|has shape/],
    ['hardcoded-examples', /./],
    ['channel-garbage', /it announced a message of \d+ bytes \(the limit is 67108864\)/],
    ['channel-huge-frame', /it announced a message of 2147483648 bytes \(the limit is 67108864\)/],
    ['outlive-grader', /softmax did not return within 2 s/],
    // Which of the two limits stops it first depends on the machine's speed.
    [
      'typecheck-stall',
      /type-checking (took longer than 15 s|needed more than 3072 MiB) on your files, so they were not accepted/,
    ],
    ['uniform-softmax', /softmax\(X\) is wrong at element/],
    ['nested-folders', /nested-folders\.tar\.gz: (more than 5000 entries|an entry \d+ folders deep)/],
  ];
  for (const [name, line] of hostile) {
    test(`${name}: 0 points for 05-softmax, with the reason`, () => {
      const s = student(name);
      expect(scoreOf(s, '05')).toBe(0);
      expect(feedback(s)).toMatch(line);
    });
  }

  test('kill-parent: signalling its parent reaches nobody, and the rest of the class is graded', () => {
    const s = student('kill-parent');
    if (run.sandbox.active.some((a) => a.startsWith('its own process and network namespaces'))) {
      // Inside its own PID namespace its parent is not there to signal: the call goes on and its answer is right.
      expect(scoreOf(s, '05')).toBe(10);
    } else {
      expect(scoreOf(s, '05')).toBe(0);
      expect(feedback(s)).toMatch(/softmax threw Error: kill EPERM|its grading process stopped/);
    }
    expect(student('good').score).toBe(20);
  });

  test('attacks that can no longer do anything leave a right answer its points: handles, signals, probes, a tokenizer bomb', () => {
    const namespaces = run.sandbox.active.some((a) => a.startsWith('its own process and network namespaces'));
    const harmless = ['channel-handles', 'probe-paths', 'similarity-bomb', ...(namespaces ? ['signal-others'] : [])];
    for (const name of harmless) expect([name, scoreOf(student(name), '05')]).toEqual([name, 10]);
  });

  test("a probing submission sees no environment but the backend, and no other student's files", () => {
    const printed = student('probe-paths')
      .exercises[1]!.checks.map((c) => c.output ?? '')
      .join('\n');
    expect(printed).toMatch(/^env: D2L_BACKEND$/m);
    expect(printed).not.toMatch(/resolves \.\.\/\.\.\/(good|0|1)/);
    expect(printed).not.toMatch(/resolves .*solutions/);
  });

  test('leaking tensors is feedback, not points: the leak check fails and the exercise keeps its 10', () => {
    const e = student('leaks').exercises.find((x) => x.id === '05-softmax')!;
    const leak = e.checks.find((c) => c.name.startsWith('leaks no tensors'))!;
    expect([leak.passed, leak.score, leak.maxScore, e.score]).toEqual([false, 0, 0, 10]);
  });

  test("no student process outlives the grading: none left in the workers' groups, none renamed and hiding", () => {
    expect(run.problems.filter((p) => p.includes('still running'))).toEqual([]);
    const survivors = readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('innocent-d2l-survivor');
        } catch {
          return false;
        }
      });
    expect(survivors).toEqual([]);
  });

  test('an archive of 18,000 nested folders is refused from its listing, and costs no time', () => {
    expect(student('nested-folders').problems[0]).toMatch(/^nested-folders\.tar\.gz: /);
    expect(student('nested-folders').ms / 1000).toBeLessThan(20);
  });

  test('hard-coding the public example passes that example, which is worth nothing', () => {
    const e = student('hardcoded-examples').exercises.find((x) => x.id === '05-softmax')!;
    const example = e.checks.find((c) => c.kind === 'example')!;
    expect([example.passed, example.score]).toEqual([true, 0]);
  });

  test('printed output is capped, and fake results on stdout change nothing', () => {
    for (const name of ['stdout-flood', 'fake-results']) {
      for (const e of student(name).exercises)
        for (const c of e.checks) expect((c.output ?? '').length).toBeLessThanOrEqual(2100);
    }
    expect(stdout).not.toContain('"score":100');
  });

  test('links in a submission are not followed: the linked solutions are not graded', () => {
    const s = student('read-via-symlink');
    expect([...s.problems].sort()).toEqual([
      '01-synthetic-data/: a symbolic link; not graded',
      '05-softmax/softmax.ts: a symbolic link; not graded',
    ]);
    expect(s.exercises.map((e) => e.status)).toEqual(['missing', 'missing']);
  });

  test('a zip entry that would escape is skipped with one line, and the rest is graded', () => {
    expect(student('traversal').problems).toEqual([
      'traversal.zip: entry "../../escape.ts" would be written outside the submission (path traversal); skipped',
    ]);
    expect(student('traversal').score).toBe(20);
    expect(existsSync(join(root, '..', 'escape.ts'))).toBe(false);
  });

  test('an archive that is not one gets one line and 0', () => {
    expect(student('corrupt').problems).toHaveLength(1);
    expect(student('corrupt').problems[0]).toMatch(/^corrupt\.zip: not a readable zip archive/);
    expect(student('corrupt').score).toBe(0);
  });

  test('a missing exercise scores 0 with the reason, the other is graded', () => {
    const s = student('missing-exercise');
    expect(s.exercises.map((e) => [e.id, e.status, e.score])).toEqual([
      ['01-synthetic-data', 'graded', 10],
      ['05-softmax', 'missing', 0],
    ]);
  });

  test('nothing got out: no connection, no file written', () => {
    if (confinement(2048).missing.some((m) => m.startsWith('network'))) {
      expect(run.sandbox.missing.join()).toMatch(/network/);
    } else {
      expect(connections).toBe(0);
    }
    expect(existsSync('/tmp/d2l-hostile-results.json')).toBe(false);
  });

  test('the run stays within its limits', () => {
    for (const s of run.students) expect(s.ms / 1000, s.student).toBeLessThan(40 + 5);
    expect(wall).toBeLessThan(180);
  });

  test('each student has a Gradescope results.json; the class a gradebook, JUnit XML and an HTML report', () => {
    for (const s of run.students) {
      const r = gradescopeSchema.parse(
        JSON.parse(readFileSync(join(out, 'students', s.student, 'results.json'), 'utf8')),
      );
      expect(r.score).toBeCloseTo(s.score, 2);
      expect(r.tests.reduce((a, t) => a + t.max_score, 0)).toBeCloseTo(s.maxScore, 1);
    }
    const csv = readFileSync(join(out, 'gradebook.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('student,01-synthetic-data,05-softmax,total,max,problems');
    expect(csv).toContain('good,10,10,20,20,0');
    const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
    expect(junit.match(/<testsuite /g)).toHaveLength(run.students.length);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('Seed 7');
    expect(html).not.toMatch(/<script/i);
  });
});

describe('grades are reproducible and independent of the other submissions', () => {
  const base = mkdtempSync(join(tmpdir(), 'd2l-grade-small-'));
  const small = join(base, 'class');
  beforeAll(() => {
    mkdirSync(small);
    for (const name of ['good', 'partial', 'hardcoded-examples'])
      cpSync(join(SAMPLE, name), join(small, name), { recursive: true });
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  test('the same seed gives the same grades, run after run', () => {
    const [a, b] = [grade(small, join(base, 'a')), grade(small, join(base, 'b'))];
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    expect(read(join(base, 'b')).students.map(verdicts)).toEqual(read(join(base, 'a')).students.map(verdicts));
  }, 300_000);

  test('a re-grade with the same seed reports nothing moved; after a change, exactly what moved', () => {
    const previous = join(base, 'a', 'grading.json');
    const same = grade(small, join(base, 'regrade-same'), '--regrade', previous);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toContain("re-grade: no student's score or check verdict changed");
    const a = read(join(base, 'a'));
    expect(read(join(base, 'regrade-same')).students.map((x) => x.score)).toEqual(a.students.map((x) => x.score));
    // A grader change that moves points (05's reference check made worth 5 of the rubric's weights):
    // exactly the students who pass it move, by the points it now carries, with no verdict changed.
    const rubric = join(base, 'rubric.json');
    const reference = a.students[0]!.exercises.find((e) => e.id === '05-softmax')!.checks.find(
      (c) => c.kind === 'reference',
    )!.name;
    writeFileSync(
      rubric,
      JSON.stringify({
        defaultPoints: 10,
        kindWeights: { example: 0, property: 1, reference: 1, gradient: 1, training: 1, error: 1 },
        exercises: { '05-softmax': { checks: { [reference]: 5 } } },
      }),
    );
    const changed = grade(small, join(base, 'regrade-changed'), '--regrade', previous, '--rubric', rubric);
    expect(changed.code, changed.stderr).toBe(0);
    const diff = JSON.parse(readFileSync(join(base, 'regrade-changed', 'regrade.json'), 'utf8')) as {
      moved: { student: string; checks: unknown[] }[];
    };
    const passesReference = (x: StudentResult) =>
      x.exercises.some((e) => e.checks.some((c) => c.name === reference && c.passed)) && x.score < x.maxScore;
    expect(diff.moved.map((m) => m.student).sort()).toEqual(
      a.students
        .filter(passesReference)
        .map((x) => x.student)
        .sort(),
    );
    for (const m of diff.moved) expect(m.checks).toEqual([]);
    expect(readFileSync(join(base, 'regrade-changed', 'regrade.md'), 'utf8')).toMatch(
      /^# Re-grade \(seed 7\) against /,
    );
  }, 300_000);

  test('a submission graded among hostile ones gets the grade it gets alone', () => {
    const alone = read(join(base, 'a'));
    const among = sampleRun;
    for (const s of alone.students)
      expect(verdicts(among.students.find((x) => x.student === s.student)!)).toEqual(verdicts(s));
  });

  test('shards graded apart and merged give the gradebook of one run', () => {
    const full = grade(small, join(base, 'full'));
    const s1 = grade(small, join(base, 's1'), '--shard', '1/2');
    const s2 = grade(small, join(base, 's2'), '--shard', '2/2');
    expect([full.code, s1.code, s2.code]).toEqual([0, 0, 0]);
    expect(read(join(base, 's1')).students.length + read(join(base, 's2')).students.length).toBe(3);
    const m = spawnSync(
      process.execPath,
      [join(root, 'bin', 'd2l.mjs'), 'merge-grades', join(base, 's1'), join(base, 's2'), '--out', join(base, 'merged')],
      { encoding: 'utf8' },
    );
    expect(m.status, m.stderr).toBe(0);
    expect(readFileSync(join(base, 'merged', 'gradebook.csv'), 'utf8')).toBe(
      readFileSync(join(base, 'full', 'gradebook.csv'), 'utf8'),
    );
  }, 300_000);

  test('a shard without a seed, or shards graded differently, are refused with one line', () => {
    const r = spawnSync(process.execPath, [join(root, 'bin', 'd2l.mjs'), 'grade', small, '--shard', '1/2'], {
      encoding: 'utf8',
    });
    expect([r.status, r.stderr.trim()]).toEqual([
      2,
      '--shard needs --seed and --exercises, so that every shard grades the same exercises on the same inputs',
    ]);
  });
});

describe('a submission that reaches the time limit costs only itself, with one worker', () => {
  const base = mkdtempSync(join(tmpdir(), 'd2l-grade-limit-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  test('the next student on the same lane is graded in full on a fresh worker, and the report is written', () => {
    const cls = join(base, 'class');
    mkdirSync(cls);
    cpSync(join(SAMPLE, 'endless-loop'), join(cls, 'a-loops'), { recursive: true });
    cpSync(join(SAMPLE, 'good'), join(cls, 'b-victim'), { recursive: true });
    cpSync(join(SAMPLE, 'good'), join(cls, 'c-victim'), { recursive: true });
    const args = ['--workers', '1', '--time-limit', '4', '--call-timeout', '3'];
    const limited = spawnSync(
      process.execPath,
      [
        join(root, 'bin', 'd2l.mjs'),
        'grade',
        cls,
        '--out',
        join(base, 'limited'),
        '--exercises',
        '05',
        '--seed',
        '7',
        ...args,
      ],
      { cwd: root, encoding: 'utf8', timeout: 300_000 },
    );
    expect(limited.status, limited.stderr).toBe(0);
    const run = read(join(base, 'limited'));
    const [loops, b, c] = run.students;
    expect(loops!.exercises[0]!.status).toBe('timeout');
    expect(loops!.problems.join()).toMatch(/grading took longer than the limit of 4 s/);
    for (const victim of [b!, c!]) expect([victim.student, victim.score]).toEqual([victim.student, 10]);
    expect(run.problems).toEqual([]);
  }, 300_000);
});

describe('bad input to the grader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'd2l-rubric-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const withRubric = (rubric: unknown) => {
    const file = join(dir, `rubric-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, typeof rubric === 'string' ? rubric : JSON.stringify(rubric));
    return spawnSync(
      process.execPath,
      [join(root, 'bin', 'd2l.mjs'), 'grade', SAMPLE, '--rubric', file, '--out', join(dir, 'out')],
      { cwd: dir, encoding: 'utf8' },
    );
  };
  const valid = {
    defaultPoints: 10,
    kindWeights: { example: 0, property: 1, reference: 1, gradient: 1, training: 1, error: 1 },
    exercises: {},
  };

  test('a rubric that is not JSON names the file', () => {
    const r = withRubric('{ points: 10');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^rubric rubric-\w+\.json: .*JSON/);
  });

  test('a rubric with a wrong field names the field', () => {
    const r = withRubric({ ...valid, defaultPoints: -1 });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/^rubric rubric-\w+\.json: defaultPoints: .*>=0/);
  });

  test('a rubric naming an exercise or a check that does not exist says which', () => {
    const r = withRubric({
      ...valid,
      exercises: { '05-softmax': { checks: { 'no such check': 2 } }, '99-nothing': { points: 1 } },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('exercises.05-softmax.checks: "no such check" is not a check of 05-softmax');
    expect(r.stderr).toContain('exercises.99-nothing: no such exercise');
  });

  test('a submissions folder that does not exist', () => {
    const r = spawnSync(process.execPath, [join(root, 'bin', 'd2l.mjs'), 'grade', join(dir, 'nope')], {
      encoding: 'utf8',
    });
    expect([r.status, r.stderr.trim()]).toEqual([2, `${join(dir, 'nope')}: not a folder of submissions`]);
  });
});
