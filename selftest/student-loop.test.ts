import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { root } from '../bin/project.mjs';

/**
 * The loop a learner lives in (issue 17): filtered runs, the passing rule, time-outs, known
 * mistakes, hints, languages, watch mode, reset and reveal. Each runs the real command.
 */
function d2l(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'd2l.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, D2L_LANG: 'en', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, all: `${r.stdout}${r.stderr}` };
}

/** A folder of NN-slug folders with the given files: [id, file name, source]. */
function folder(...files: [string, string, string][]): string {
  const dir = mkdtempSync(join(tmpdir(), 'd2l-loop-'));
  for (const [id, name, source] of files) {
    mkdirSync(join(dir, id), { recursive: true });
    writeFileSync(join(dir, id, name), source);
    const readme = join(root, 'solutions', id, 'README.md');
    if (existsSync(readme)) copyFileSync(readme, join(dir, id, 'README.md'));
  }
  return dir;
}
const solution = (id: string, file: string) => readFileSync(join(root, 'solutions', id, file), 'utf8');
const softmax = solution('05-softmax', 'softmax.ts');

describe('a filtered run (--check)', () => {
  test('naming only the leak checks runs every check, so they judge real calls, and passes on the solution', () => {
    const r = d2l(['test', '01', '--check', 'leak', '--impl', 'solutions', '--no-typecheck']);
    expect(r.code, r.all).toBe(0);
    expect(r.stdout).toContain(
      '--check "leak" names only checks that judge the calls of the others, so every check runs',
    );
    expect(r.stdout).toMatch(/✓ leaks no tensors/);
    expect(r.stdout).toContain('01-synthetic-data passes: 16 of 16 checks pass');
  });

  test('its summary says that only some checks ran', () => {
    const r = d2l(['test', '05', '--check', 'row', '--impl', 'solutions', '--no-typecheck']);
    expect(r.code, r.all).toBe(0);
    expect(r.stdout).toContain(
      '05-softmax passes the checks that ran: 5 of 5 checks pass (--check "row": 3 of 8 checks not run)',
    );
    expect(r.stdout).toContain('every check that ran passes');
    expect(r.stdout).toContain('only some checks ran (--check): nothing is recorded as passing');
  });

  test('a filter that matches no check says so and lists the checks', () => {
    const r = d2l(['test', '05', '--check', 'zebra', '--impl', 'solutions']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('--check "zebra" matches no check of 05-softmax; its checks: "softmax(log');
  });
});

test('a pass without the type check is not progress: progress shows it as unverified and next stays on it', () => {
  const typeError = softmax.replace('export function softmax', 'const wrong: number = "one";\nexport function softmax');
  const dir = folder(['05-softmax', 'softmax.ts', typeError]);
  const run = d2l(['test', '05', '--impl', dir, '--no-typecheck']);
  expect(run.code, run.all).toBe(0);
  expect(run.stdout).toContain('the type check was skipped (--no-typecheck): nothing is recorded as passing');
  const p = d2l(['progress', '--impl', dir, '--no-run']);
  expect(p.stdout).toMatch(/05-softmax\s+~ passed without the type check/);
  expect(p.stdout).toContain('next: 01-synthetic-data');
  // With the type check, the run fails and progress says so.
  const checked = d2l(['progress', '--impl', dir]);
  expect(checked.stdout).toMatch(/05-softmax\s+✗ failing/);
});

test('an endless loop is announced while it runs and stops the exercise at the first time-out', () => {
  const dir = folder([
    '05-softmax',
    'softmax.ts',
    readFileSync(join(root, 'fixtures', 'student-errors', 'endless-loop.ts'), 'utf8'),
  ]);
  const t0 = performance.now();
  const r = d2l(['test', '05', '--impl', dir, '--timeout', '4', '--no-typecheck']);
  const seconds = (performance.now() - t0) / 1000;
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/… still running "softmax\(log .*" after 2 s: a call of your code is stopped after 4 s/);
  expect(r.stdout).toContain('softmax did not return within 4 s (an endless loop?)');
  expect(r.stdout.match(/not run: a call of your code did not return within 4 s in an earlier check/g)).toHaveLength(7);
  // One time-out, not three: well under 3 x 4 s of waiting, start-up included.
  expect(seconds).toBeLessThan(30);
});

describe('messages', () => {
  test('a file that does not compile says no check ran, and one exercise is not "all 1"', () => {
    const dir = folder([
      '05-softmax',
      'softmax.ts',
      readFileSync(join(root, 'fixtures', 'student-errors', 'syntax-error.ts'), 'utf8'),
    ]);
    const r = d2l(['test', '05', '--impl', dir]);
    expect(r.stdout).toContain('05-softmax fails: it does not compile, so no check ran');
    expect(r.stdout).not.toContain('0 of 0 checks');
    expect(r.stdout).toContain('the exercise fails: 05-softmax');
    const ok = d2l(['test', '05', '--impl', 'solutions', '--no-typecheck']);
    expect(ok.stdout).toContain('\n05-softmax passes\n');
    expect(ok.stdout).not.toContain('all 1 exercise');
  });

  test('part of an exercise name gets a suggestion', () => {
    const r = d2l(['test', 'synthetic']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('unknown exercise "synthetic"; did you mean 01-synthetic-data?');
  });
});

describe('known mistakes', () => {
  const mutant = (from: string, to: string) => folder(['05-softmax', 'softmax.ts', softmax.replace(from, to)]);

  test('failing exactly the checks that reject a known mutant names the mistake and the notes section', () => {
    const r = d2l(['test', '05', '--impl', mutant('const shifted = X.sub(X.max(-1, true));', 'const shifted = X;')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      // Four kept mutants fail exactly this check: the raw logits, and three wrong statistics to subtract.
      'this looks like one of these known mistakes: exponentiates the raw logits, so exp(1e4) overflows to Infinity and the row becomes NaN; or subtracts',
    );
    expect(r.stdout).toContain('see the notes: 线性回归 › SoftMax回归 (softmax regression); d2l 3.4');
    expect(r.stdout).toContain('stuck? npm run hint -- 05-softmax');
  });

  test('two mutants with one signature are both named', () => {
    const source = solution('01-synthetic-data', 'synthetic-data.ts').replace(
      "0, 0.01, 'float32', seed + 2)",
      "0, 0.1, 'float32', seed + 2)",
    );
    const r = d2l(['test', '01', '--impl', folder(['01-synthetic-data', 'synthetic-data.ts', source])]);
    expect(r.stdout).toContain(
      'this looks like one of these known mistakes: adds noise of standard deviation 0.1 instead of 0.01; or forgets to add the bias b',
    );
  });

  test('a signature of every check but the leak checks names nothing: any wholly wrong answer has it', () => {
    const r = d2l(['test', '05', '--impl', mutant('const e = shifted.exp();', 'const e = X;')]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('known mistake');
  });

  test('no claim when the failing set matches no signature, at another seed, or in a filtered run', () => {
    const nan = folder([
      '05-softmax',
      'softmax.ts',
      readFileSync(join(root, 'fixtures', 'student-errors', 'returns-nan.ts'), 'utf8'),
    ]);
    expect(d2l(['test', '05', '--impl', nan]).stdout).not.toContain('known mistake');
    const noShift = mutant('const shifted = X.sub(X.max(-1, true));', 'const shifted = X;');
    expect(d2l(['test', '05', '--impl', noShift, '--seed', '7']).stdout).not.toContain('known mistake');
    expect(d2l(['test', '05', '--impl', noShift, '--check', '1e4']).stdout).not.toContain('known mistake');
  });
});

describe('hints', () => {
  test('each call shows one more hint, then says all are shown; --reset starts again', () => {
    const env = { D2L_HINTS_FILE: join(mkdtempSync(join(tmpdir(), 'd2l-hints-')), 'hints.json') };
    const first = d2l(['hint', '05'], env);
    expect(first.stdout).toContain('05-softmax · hint 1 of 3');
    expect(first.stdout).not.toContain('hint 2 of 3');
    const second = d2l(['hint', 'softmax'], env);
    expect(second.stdout).toContain('hint 2 of 3');
    expect(second.stdout).not.toContain('hint 3 of 3');
    d2l(['hint', '05'], env);
    expect(d2l(['hint', '05'], env).stdout).toContain('all 3 hints of 05-softmax are shown above');
    d2l(['hint', '05', '--reset'], env);
    expect(d2l(['hint', '05'], env).stdout).not.toContain('hint 2 of 3');
    // Each exercise counts its own hints.
    expect(d2l(['hint', '02'], env).stdout).toContain('02-linear-closed-form · hint 1 of 3');
  });
});

describe('Chinese', () => {
  test('D2L_LANG=zh (or a zh locale) speaks Chinese, with 05 check names translated and README.zh.md as the task', () => {
    const dir = folder([
      '05-softmax',
      'softmax.ts',
      readFileSync(join(root, 'exercises', '05-softmax', 'softmax.ts'), 'utf8'),
    ]);
    writeFileSync(join(dir, '05-softmax', 'README.zh.md'), '# 05 · softmax\n');
    const r = d2l(['test', '05', '--impl', dir], { D2L_LANG: '', LANG: 'zh_CN.UTF-8' });
    expect(r.stdout).toContain('✗ 每一行都是概率分布：元素在 [0, 1] 之间，且和为 1 [property]');
    expect(r.stdout).toContain('✗ 不泄漏张量（把张量代码放进 tf.tidy） [leak]');
    expect(r.stdout).toMatch(/题目见 .*05-softmax\/README\.zh\.md/);
    expect(r.stdout).toContain('8 项检查中通过 0 项');
    const en = d2l(['test', '05', '--impl', dir]);
    expect(en.stdout).toContain('✗ every row is a distribution: entries in [0, 1] that sum to 1 [property]');
    expect(en.stdout).toMatch(/the task is in .*05-softmax\/README\.md/);
  });
});

describe('reset and reveal', () => {
  test('the solution is shown only once the exercise passes; reset brings the stub back and keeps a backup', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'd2l-clone-'));
    // A copy of the course to change exercises/ in, sharing node_modules.
    for (const part of [
      'bin',
      'graders',
      'reference',
      'solutions',
      'exercises',
      'fixtures/data',
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'tsconfig.students.json',
    ])
      cpSync(join(root, part), join(scratch, part), { recursive: true });
    spawnSync('ln', ['-s', join(root, 'node_modules'), join(scratch, 'node_modules')]);
    const run = (...args: string[]) => {
      const r = spawnSync(process.execPath, [join(scratch, 'bin', 'd2l.mjs'), ...args], {
        cwd: scratch,
        encoding: 'utf8',
        env: { ...process.env, D2L_LANG: 'en' },
      });
      return `${r.stdout}${r.stderr}`;
    };
    expect(run('solution', '05')).toContain(
      'the model solution of 05-softmax is shown once your own passes its checks',
    );
    writeFileSync(join(scratch, 'exercises', '05-softmax', 'softmax.ts'), softmax);
    expect(run('test', '05')).toContain('05-softmax passes');
    expect(run('solution', '05')).toContain('return e.div(e.sum(-1, true));');
    const reset = run('reset', '05');
    expect(reset).toMatch(
      /exercises\/05-softmax\/softmax\.ts is the stub again; your file was kept as \.d2l\/backups\/05-softmax\/.*\/softmax\.ts/,
    );
    expect(readFileSync(join(scratch, 'exercises', '05-softmax', 'softmax.ts'), 'utf8')).toContain(
      'Not implemented: softmax',
    );
    const backup = /kept as (\S+)/.exec(reset)![1]!;
    expect(readFileSync(join(scratch, backup), 'utf8')).toBe(softmax);
    expect(run('reset', '05')).toContain('is already the untouched stub');
    expect(run('solution', '05')).toContain('shown once your own passes');
  });
});

test('watch runs the checks on every save, shows the first failing one, and Ctrl-C leaves nothing running', async () => {
  const stub = readFileSync(join(root, 'exercises', '05-softmax', 'softmax.ts'), 'utf8');
  const dir = folder(['05-softmax', 'softmax.ts', stub]);
  const child = spawn(process.execPath, [join(root, 'bin', 'd2l.mjs'), 'watch', '05', '--impl', dir], {
    cwd: root,
    detached: true,
    env: { ...process.env, D2L_LANG: 'en' },
  });
  let stdout = '';
  child.stdout.on('data', (d) => {
    stdout += String(d);
  });
  const waitFor = async (text: string, count = 1) => {
    for (let i = 0; i < 600 && stdout.split(text).length - 1 < count; i++) await new Promise((r) => setTimeout(r, 100));
    expect(stdout.split(text).length - 1, stdout).toBeGreaterThanOrEqual(count);
  };
  await waitFor('every save runs the checks again');
  expect(stdout).toContain('first failing check:');
  expect(stdout).toContain('softmax is not implemented yet');
  writeFileSync(join(dir, '05-softmax', 'softmax.ts'), softmax);
  await waitFor('05-softmax: all 8 checks pass');
  // An endless loop is running when Ctrl-C comes: the process running it must go too.
  writeFileSync(
    join(dir, '05-softmax', 'softmax.ts'),
    softmax.replace('return tf.tidy(', 'for (;;) {}\n  return tf.tidy('),
  );
  await waitFor('──', 3);
  await new Promise((r) => setTimeout(r, 4000));
  // The processes the watch started (the one running the student's code among them), by parent.
  const children = spawnSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .stdout.split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number))
    .filter(([, ppid]) => ppid === child.pid)
    .map(([pid]) => pid!);
  expect(children.length).toBeGreaterThan(0);
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  process.kill(child.pid!, 'SIGINT');
  expect(await exited).toBe(130);
  await new Promise((r) => setTimeout(r, 500));
  // Still there and not a zombie (dead, waiting to be reaped by whoever adopted it).
  const what = children
    .map((pid) => spawnSync('ps', ['-o', 'stat=,args=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim())
    .filter((line) => line !== '' && !line.startsWith('Z'));
  expect(what, 'processes the watch started are still running').toEqual([]);
});
