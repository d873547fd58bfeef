import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { root } from '../bin/project.mjs';

/** `npm run grade` on folders that are not a class: refused with one line before anything is graded. */
function grade(folder: string) {
  const out = mkdtempSync(join(tmpdir(), 'd2l-grade-out-'));
  const r = spawnSync(process.execPath, [join(root, 'bin', 'd2l.mjs'), 'grade', folder, '--out', out], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('an empty class folder is refused, not graded as a class of nobody', () => {
  const empty = mkdtempSync(join(tmpdir(), 'd2l-empty-class-'));
  const r = grade(empty);
  expect(r.code).toBe(2);
  expect(r.stderr.trim()).toMatch(
    /: no submissions in it \(expected one folder or \.zip\/\.tar\.gz archive per student\)$/,
  );
  expect(r.stdout).toBe('');
});

test("one student's folder passed as the class is refused, not graded as one student per exercise", () => {
  const alice = mkdtempSync(join(tmpdir(), 'd2l-one-student-'));
  for (const id of ['01-synthetic-data', '05-softmax'])
    cpSync(join(root, 'solutions', id), join(alice, id), { recursive: true });
  const r = grade(alice);
  expect(r.code).toBe(2);
  expect(r.stderr.trim()).toMatch(
    /: this looks like one student's work \(it holds 01-synthetic-data, 05-softmax\); pass the folder that holds one entry per student$/,
  );
  const clone = mkdtempSync(join(tmpdir(), 'd2l-one-clone-'));
  mkdirSync(join(clone, 'exercises'));
  expect(grade(clone).stderr).toContain("this looks like one student's work (it holds exercises)");
});

test('a training script run before its exercise is solved prints the one line and the task, nothing else', () => {
  const r = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts', 'train', '10-mlp-train.ts')], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(r.status).toBe(1);
  expect(r.stderr.trim()).toBe(
    'Not implemented: trainEpoch (10-mlp-train). The task is in exercises/10-mlp-train/README.md',
  );
  expect(r.stdout.length).toBeLessThan(300);
});
