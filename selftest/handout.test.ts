import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { root } from '../bin/project.mjs';

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    if (e === 'node_modules' || e === '.d2l') return [];
    return statSync(p).isDirectory() ? walk(p) : [p];
  });

test('a hand-out holds no answers, and its checks still run: a stub fails, a right answer passes', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'd2l-handout-')), 'class');
  const made = spawnSync(process.execPath, [join(root, 'bin', 'd2l.mjs'), 'handout', out, '--exercises', '05'], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(made.status, made.stderr).toBe(0);
  expect(made.stdout).toContain('references compiled into bin/cli.frozen.cjs only: reference/05-softmax.ts');
  const files = walk(out).map((f) => relative(out, f));
  expect(files.filter((f) => f.startsWith('solutions/'))).toEqual([]);
  expect(files.filter((f) => /^graders\/checks\/.*\/mutants\.ts$/.test(f))).toEqual([]);
  expect(files.filter((f) => /^(fixtures\/(submissions|golden|student-errors)|selftest|rubrics)\//.test(f))).toEqual(
    [],
  );
  expect(files).not.toContain('reference/05-softmax.ts');
  // Exercises after the assigned one are not in it; the ones before are, with their references.
  expect(files.some((f) => f.startsWith('exercises/06-cross-entropy/'))).toBe(false);
  expect(files).toContain('reference/01-synthetic-data.ts');
  expect(files).toContain('graders/stubs/05-softmax/softmax.ts');
  // No readable source holds the solution's code (the minified CLI holds the reference, by design).
  const answer = 'X.sub(X.max(-1, true))';
  const holding = files.filter(
    (f) => !f.endsWith('.cjs') && !f.endsWith('hints.md') && readFileSync(join(out, f), 'utf8').includes(answer),
  );
  expect(holding).toEqual([]);
  const pkg = JSON.parse(readFileSync(join(out, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  expect(Object.keys(pkg.scripts).sort()).toEqual([
    'format',
    'hint',
    'lint',
    'postinstall',
    'progress',
    'reset',
    'solution',
    'test',
    'watch',
  ]);

  symlinkSync(join(root, 'node_modules'), join(out, 'node_modules'));
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [join(out, 'bin', 'd2l.mjs'), ...args], {
      cwd: out,
      encoding: 'utf8',
      env: { ...process.env, D2L_LANG: 'en' },
    });
    return { code: r.status, all: `${r.stdout}${r.stderr}` };
  };
  const stub = run('test', '05');
  expect(stub.code, stub.all).toBe(1);
  expect(stub.all).toContain('05-softmax fails: 0 of 8 checks pass');
  expect(run('progress', '--no-run').all).toMatch(/05-softmax\s+· not started/);
  copyFileSync(join(root, 'solutions', '05-softmax', 'softmax.ts'), join(out, 'exercises', '05-softmax', 'softmax.ts'));
  const right = run('test', '05');
  expect(right.code, right.all).toBe(0);
  expect(run('solution', '05').all).toContain('this copy of the course holds no model solutions (a class hand-out)');
  expect(run('reset', '05').all).toContain('is the stub again');
  expect(existsSync(join(out, 'graders', 'checks', '05-softmax', 'misconceptions.json'))).toBe(true);
});
