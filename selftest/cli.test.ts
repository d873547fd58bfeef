import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { root } from '../bin/project.mjs';
import { messagesFor } from '../graders/cli/messages';
import { strengthOf } from '../graders/lib/strength';
import { availableIds } from '../graders/registry';
import { allExerciseIds } from '../graders/curriculum';

/** Runs the student command as a student would, in a terminal-less process (NO_COLOR, set in vitest.config.ts). */
function d2l(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'd2l.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, all: `${r.stdout}${r.stderr}` };
}

/** A folder of a student's work: exercise 01 solved, and exercise 05's file replaced by a broken one. */
function studentFolder(brokenSoftmax: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'd2l-student-'));
  cpSync(join(root, 'solutions', '01-synthetic-data'), join(dir, '01-synthetic-data'), { recursive: true });
  mkdirSync(join(dir, '05-softmax'));
  copyFileSync(join(root, 'fixtures', 'student-errors', `${brokenSoftmax}.ts`), join(dir, '05-softmax', 'softmax.ts'));
  return dir;
}

describe('choosing exercises', () => {
  test('an unknown exercise id gets one line naming the closest ids, and exit code 2', () => {
    const r = d2l('test', 'sofmax');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('unknown exercise "sofmax"; did you mean 05-softmax?');
    expect(r.stdout).toBe('');
  });

  // Only while the curriculum lists an exercise that is not written yet.
  const notYet = allExerciseIds.find((id) => !availableIds.includes(id));
  test.runIf(notYet)('an exercise that does not exist yet is named as such', () => {
    const r = d2l('test', notYet!);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`exercise ${notYet} is not available yet`);
  });

  test('a chapter number runs every exercise of the chapter', () => {
    const r = d2l('test', '1', '--impl', 'solutions', '--no-typecheck');
    expect(r.code, r.all).toBe(0);
    for (const id of [
      '01-synthetic-data',
      '02-linear-closed-form',
      '03-squared-loss-sgd',
      '04-linear-regression-train',
      '05-softmax',
      '06-cross-entropy',
      '07-softmax-regression-train',
    ]) {
      expect(r.stdout).toContain(`${id} passes`);
      // A pass says how strong the checks are, from the table the self-test made.
      const st = strengthOf(id);
      expect(st, `docs/honesty.json has ${id}`).toBeDefined();
      expect(r.stdout).toContain(messagesFor('en').strength(st!.checks, st!.mutants, st!.allRejected));
    }
    expect(r.stdout).toContain('all 7 exercises pass');
    // A passing training check shows what the training reached.
    expect(r.stdout).toMatch(
      /Bayes-optimal classifier .*\[training\]\n\s+the trained model classifies 0\.9\d* of 1000 fresh test examples correctly/,
    );
  });

  test('the stub fails every check and points to the task text once', () => {
    const r = d2l('test', '05');
    expect(r.code).toBe(1);
    expect(r.stdout.match(/not implemented yet/g)).toHaveLength(1);
    expect(r.stdout).toContain('the task is in exercises/05-softmax/README.md');
    expect(r.stdout).toContain('05-softmax fails: 0 of 8 checks pass');
    expect(r.stdout).toContain('replay exactly: npm test -- 05-softmax --seed 42');
  });
});

describe("a broken student's file fails its own exercise with a clear message, and the run goes on", () => {
  const cases: [string, RegExp][] = [
    ['syntax-error', /✗ compiles \[compile\]\n\s+.*05-softmax\/softmax\.ts:6:\d+: Expected "\)" but found ";"/],
    [
      'type-error',
      /✗ has no type errors \[typecheck\]\n\s+.*softmax\.ts:4:9: TS2322: Type 'string' is not assignable to type 'number'/,
    ],
    ['wrong-shape', /softmax\(log \[\[0\.1, 0\.8, 0\.1\]\]\) has shape \[1\], expected \[1, 3\]/],
    ['returns-nan', /softmax\(X\) has NaN at/],
    ['returns-number', /softmax\(X\) should be a tensor, but it is the number 1/],
    ['throws', /softmax threw RangeError: cannot handle a tensor of rank \d/],
    ['endless-loop', /softmax did not return within 3 s \(an endless loop\?\), so its process was stopped/],
    ['exits', /softmax could not run: the process running your code stopped: it exited with code 0/],
    [
      'forbidden-import',
      /import of "node:fs" is not allowed: an exercise may import @tensorflow\/tfjs, files in its own folder, and d2l-ts\/reference\/random/,
    ],
    [
      'imports-own-reference',
      /import of "d2l-ts\/reference\/05-softmax" is not allowed: an exercise may import @tensorflow\/tfjs, files in its own folder, and d2l-ts\/reference\/random/,
    ],
    ['imports-solution', /import of "\.\.\/\.\.\/solutions\/05-softmax\/softmax" leaves the exercise folder/],
  ];
  for (const [name, message] of cases) {
    test(name, () => {
      const r = d2l('test', '05', '01', '--impl', studentFolder(name), '--timeout', '3');
      expect(r.code, r.all).toBe(1);
      expect(r.stdout).toMatch(message);
      expect(r.stdout).toContain('01-synthetic-data passes');
      expect(r.stdout).toContain('1 of 2 exercises failing: 05-softmax');
      expect(r.stderr).toBe('');
    });
  }

  test("what the student's code prints is shown under the check, and it passes", () => {
    const r = d2l('test', '05', '--impl', studentFolder('prints'));
    expect(r.code, r.all).toBe(0);
    expect(r.stdout).toMatch(/│ your code printed:\n\s+│ shape of X: \[ 1, 3 \]/);
  });
});

test('progress lists every exercise by chapter and names the next one', () => {
  const r = d2l('progress', '--impl', studentFolder('throws'));
  expect(r.code, r.all).toBe(0);
  expect(r.stdout).toMatch(/Chapter 1 · Linear networks .*1\/7/);
  expect(r.stdout).toMatch(/01-synthetic-data\s+✓ passing/);
  expect(r.stdout).toMatch(/05-softmax\s+✗ failing \(0 of 8 checks\)/);
  expect(r.stdout).toMatch(/02-linear-closed-form\s+\? file missing/);
  expect(r.stdout).toMatch(/Chapter 9 · NLP pretraining .* 0\/9/);
  expect(r.stdout).toContain('next: 02-linear-closed-form');
});
