import pc from 'picocolors';
import { implRoot, root } from '../../bin/project.mjs';
import { isUntouchedStub } from '../authoring/stubs';
import { chapters } from '../curriculum';
import type { ExerciseResult } from '../lib/results';
import { availableIds, loadExercises } from '../registry';
import type { SubjectProcess } from '../run/subject-process';
import { out, printCheck, printExerciseEnd, printExerciseStart, printHeader } from './report';
import { loadProgress, nextExercise, runExercises, show } from './run-exercises';
import { resolveTargets } from './targets';

export interface TestOptions {
  impl: string;
  seed: number;
  check?: string;
  typecheck: boolean;
  timeout?: number;
  prestarted?: Promise<SubjectProcess>;
}

/** `npm test -- <ids>`: returns the exit code (0 all pass, 1 some fail, 2 bad arguments). */
export async function testCommand(words: string[], opts: TestOptions): Promise<number> {
  const dir = implRoot(opts.impl);
  let ids: string[];
  if (words.length > 0) {
    const t = resolveTargets(words, new Set(availableIds));
    if (!t.ok) {
      process.stderr.write(`${t.error}\n`);
      return 2;
    }
    ids = t.ids;
  } else {
    // No ids: every exercise the student has started, or else the next one to do.
    const exercises = await loadExercises();
    const started =
      opts.impl !== 'exercises' ? exercises : exercises.filter((e) => !isUntouchedStub(root, e.id, e.file));
    ids = started.map((e) => e.id);
    if (ids.length === 0) ids = [(nextExercise(exercises, loadProgress(dir), dir) ?? exercises[0]!).id];
  }
  const results = await runExercises(dir, ids, {
    seed: opts.seed,
    typecheck: opts.typecheck,
    check: opts.check,
    prestarted: opts.prestarted,
    timeout: opts.timeout,
    onReady: (label) => printHeader(label, opts.seed),
    onStart: (e, file) => printExerciseStart(e, show(file)),
    onCheck: printCheck,
    onEnd: printExerciseEnd,
  });
  await printSummary(results, opts, dir);
  return results.every((r) => r.passed) ? 0 : 1;
}

async function printSummary(results: ExerciseResult[], opts: TestOptions, dir: string): Promise<void> {
  out();
  const failed = results.filter((r) => !r.passed);
  const implFlag = opts.impl === 'exercises' ? '' : ` --impl ${opts.impl}`;
  if (failed.length > 0) {
    out(
      `${pc.red(`${failed.length} of ${results.length} exercise${results.length === 1 ? '' : 's'} failing`)}: ${failed.map((r) => r.id).join(', ')}`,
    );
    out(pc.dim(`replay exactly: npm test -- ${failed.map((r) => r.id).join(' ')}${implFlag} --seed ${opts.seed}`));
    return;
  }
  out(pc.green(`all ${results.length} exercise${results.length === 1 ? '' : 's'} pass`));
  if (opts.impl !== 'exercises' || opts.check) return;
  const records = loadProgress(dir);
  for (const c of chapters) {
    const touched = results.some((r) => c.exercises.includes(r.id));
    if (touched && c.exercises.every((id) => availableIds.includes(id) && records[id]?.passed)) {
      out(pc.green(pc.bold(`Checkpoint reached: chapter ${c.number} (${c.title}) passes completely.`)));
    }
  }
  const next = nextExercise(await loadExercises(), records, dir);
  out(
    next
      ? `next: ${pc.bold(next.id)} · ${next.title} → npm test -- ${next.id}`
      : pc.green('every exercise passes: the course is complete.'),
  );
}
