/**
 * Wall-time benchmark of the student command and of the self-test.
 *   npm run bench                      # one exercise, 9 runs per scenario
 *   npm run bench -- --runs 15 --exercise 01-synthetic-data --selftest
 * Scenarios: the first run on the stub; a re-run after editing the file (type check and bundle
 * redone: the usual loop of a student); a re-run of an unchanged file (type check cached).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '9' },
    exercise: { type: 'string', default: '05-softmax' },
    selftest: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const id = values.exercise!;
const root = join(import.meta.dirname, '..');
const node = process.execPath;
const cli = join(root, 'bin', 'd2l.mjs');

/** Wall seconds of `runs` runs of the CLI, calling `before(i)` ahead of each. */
function time(args: string[], before?: (i: number) => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    before?.(i);
    const t = performance.now();
    const r = spawnSync(node, [cli, ...args], { cwd: root, stdio: 'ignore' });
    if (r.error) throw r.error;
    out.push((performance.now() - t) / 1000);
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const row = (name: string, xs: number[]) =>
  console.log(`${name.padEnd(48)} median ${median(xs).toFixed(2)} s   min ${Math.min(...xs).toFixed(2)}   max ${Math.max(...xs).toFixed(2)}   (n=${xs.length})`);

console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model ?? '?'}; node ${process.version}; D2L_BACKEND=${process.env.D2L_BACKEND ?? '(auto)'}`);
// Warm the build cache once, as every run after the first finds it.
spawnSync(node, [cli, 'test', id, '--impl', 'solutions'], { cwd: root, stdio: 'ignore' });

row(`npm test -- ${id}  (the stub, a first run)`, time(['test', id]));
const impl = mkdtempSync(join(tmpdir(), 'd2l-bench-'));
try {
  cpSync(join(root, 'solutions', id), join(impl, id), { recursive: true });
  const file = join(impl, id, readdirSync(join(impl, id)).find((f) => f.endsWith('.ts'))!);
  row(`npm test -- ${id}  (solved, just edited)`, time(['test', id, '--impl', impl], (i) => appendFileSync(file, `\n// edit ${i} ${Date.now()}\n`)));
  row(`npm test -- ${id}  (solved, unchanged)`, time(['test', id, '--impl', impl]));
} finally {
  rmSync(impl, { recursive: true, force: true });
}

if (values.selftest) {
  const t = performance.now();
  const r = spawnSync('npm', ['run', 'selftest'], { cwd: root, stdio: 'ignore' });
  console.log(`${'npm run selftest'.padEnd(48)} ${((performance.now() - t) / 1000).toFixed(1)} s (exit ${r.status})`);
}
