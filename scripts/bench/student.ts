import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, row, type BenchOptions } from './common';

const node = process.execPath;
const cli = join(root, 'bin', 'd2l.mjs');

/** Wall seconds of `runs` runs of the CLI, calling `before(i)` ahead of each. */
function time(runs: number, args: string[], before?: (i: number) => void): number[] {
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

/**
 * The student command on one exercise: the first run on the stub; a re-run after editing the file
 * (type check and bundle redone: a student's usual loop); a re-run of an unchanged file.
 */
export async function student({ runs, exercise: id }: BenchOptions): Promise<void> {
  // Warm the build cache once, as every run after the first finds it.
  spawnSync(node, [cli, 'test', id, '--impl', 'solutions'], { cwd: root, stdio: 'ignore' });
  row(`npm test -- ${id}  (the stub, a first run)`, time(runs, ['test', id]));
  const impl = mkdtempSync(join(tmpdir(), 'd2l-bench-'));
  try {
    cpSync(join(root, 'solutions', id), join(impl, id), { recursive: true });
    const file = join(impl, id, readdirSync(join(impl, id)).find((f) => f.endsWith('.ts'))!);
    row(
      `npm test -- ${id}  (solved, just edited)`,
      time(runs, ['test', id, '--impl', impl], (i) => appendFileSync(file, `\n// edit ${i} ${Date.now()}\n`)),
    );
    row(`npm test -- ${id}  (solved, unchanged)`, time(runs, ['test', id, '--impl', impl]));
  } finally {
    rmSync(impl, { recursive: true, force: true });
  }
}
