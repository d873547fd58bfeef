import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMutant } from '../../graders/authoring/mutants';
import { chapters } from '../../graders/curriculum';
import { loadMutants } from '../../graders/registry';
import { makeRng } from '../../reference/random';
import { root } from './common';

const HOSTILE = ['endless-loop', 'memory-bomb', 'exit-at-import', 'stdout-flood', 'kill-parent'];

/**
 * A class of 50 chapter-1 submissions: 30 correct, 15 with one mutant in one exercise, and
 * 5 hostile ones (a hostile 05-softmax from fixtures/submissions, the rest solved).
 */
async function makeClass(dir: string): Promise<void> {
  const ids = chapters[0]!.exercises;
  const rng = makeRng(2024);
  const solved = (student: string) => {
    for (const id of ids) cpSync(join(root, 'solutions', id), join(dir, student, id), { recursive: true });
  };
  for (let i = 0; i < 30; i++) solved(`correct-${i}`);
  for (let i = 0; i < 15; i++) {
    const student = `partial-${i}`;
    solved(student);
    const id = ids[rng.int(ids.length)]!;
    const mutants = await loadMutants(id);
    const m = mutants[rng.int(mutants.length)]!;
    const file = readdirTs(join(dir, student, id));
    writeFileSync(file, applyMutant(readFileSync(file, 'utf8'), m, id));
  }
  for (const h of HOSTILE) {
    solved(h);
    cpSync(join(root, 'fixtures', 'submissions', h, '05-softmax'), join(dir, h, '05-softmax'), { recursive: true });
  }
}

function readdirTs(folder: string): string {
  return join(folder, readdirSync(folder).find((f) => f.endsWith('.ts'))!);
}

/** Grades the generated class with the default limits and reports submissions per minute. */
export async function grade(): Promise<void> {
  const base = mkdtempSync(join(tmpdir(), 'd2l-bench-class-'));
  try {
    const dir = join(base, 'class');
    mkdirSync(dir);
    await makeClass(dir);
    const t = performance.now();
    const r = spawnSync(
      process.execPath,
      [join(root, 'bin', 'd2l.mjs'), 'grade', dir, '--exercises', '1', '--seed', '1', '--out', join(base, 'out')],
      { cwd: root, encoding: 'utf8' },
    );
    const wall = (performance.now() - t) / 1000;
    if (r.status !== 0) throw new Error(`grading failed: ${r.stderr}`);
    const run = JSON.parse(readFileSync(join(base, 'out', 'grading.json'), 'utf8')) as {
      students: { student: string; ms: number }[];
    };
    const ms = (prefix: string) => run.students.filter((s) => s.student.startsWith(prefix)).map((s) => s.ms / 1000);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    console.log(
      `grade: 50 chapter-1 submissions (30 correct, 15 partial, 5 hostile) on ${cpus().length} cores: ${wall.toFixed(1)} s wall, ${(50 / (wall / 60)).toFixed(1)} submissions/min, ${(wall / 50).toFixed(2)} s per submission`,
    );
    console.log(
      `  grading time of one submission (one worker): correct ${mean(ms('correct')).toFixed(2)} s, partial ${mean(ms('partial')).toFixed(2)} s, hostile ${mean(HOSTILE.flatMap(ms)).toFixed(1)} s`,
    );
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
