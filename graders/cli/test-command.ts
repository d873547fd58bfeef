import pc from 'picocolors';
import { root } from '../../bin/build.mjs';
import { isUntouchedStub } from '../authoring/stubs';
import { exercises } from '../checks/index';
import { chapters } from '../curriculum';
import type { ExerciseResult } from '../run/session';
import type { SubjectHost } from '../run/subject-host';
import { out, printCheck, printExerciseEnd, printExerciseStart, printHeader } from './report';
import { byId, implRoot, loadProgress, nextExercise, runExercises, show } from './run-exercises';
import { resolveTargets } from './targets';

export interface TestOptions {
  impl: string;
  seed: number;
  check?: string;
  typecheck: boolean;
  timeout?: number;
  prestarted?: Promise<SubjectHost>;
}

/** `npm test -- <ids>`: returns the exit code (0 all pass, 1 some fail, 2 bad arguments). */
export async function testCommand(words: string[], opts: TestOptions): Promise<number> {
  const dir = implRoot(opts.impl);
  let ids: string[];
  if (words.length > 0) {
    const t = resolveTargets(words, new Set(byId.keys()));
    if (!t.ok) {
      process.stderr.write(`${t.error}\n`);
      return 2;
    }
    ids = t.ids;
  } else {
    // No ids: every exercise the student has started, or else the next one to do.
    const started = opts.impl !== 'exercises' ? exercises : exercises.filter((e) => !isUntouchedStub(root, e.id, e.file));
    ids = started.map((e) => e.id);
    if (ids.length === 0) ids = [(nextExercise(loadProgress(dir), dir) ?? exercises[0]!).id];
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
  printSummary(results, opts, dir);
  return results.every((r) => r.passed) ? 0 : 1;
}

function printSummary(results: ExerciseResult[], opts: TestOptions, dir: string): void {
  out();
  const failed = results.filter((r) => !r.passed);
  const implFlag = opts.impl === 'exercises' ? '' : ` --impl ${opts.impl}`;
  if (failed.length > 0) {
    out(`${pc.red(`${failed.length} of ${results.length} exercise${results.length === 1 ? '' : 's'} failing`)}: ${failed.map((r) => r.id).join(', ')}`);
    out(pc.dim(`replay exactly: npm test -- ${failed.map((r) => r.id).join(' ')}${implFlag} --seed ${opts.seed}`));
    return;
  }
  out(pc.green(`all ${results.length} exercise${results.length === 1 ? '' : 's'} pass`));
  if (opts.impl !== 'exercises' || opts.check) return;
  const records = loadProgress(dir);
  for (const c of chapters) {
    const touched = results.some((r) => c.exercises.includes(r.id));
    if (touched && c.exercises.every((id) => byId.has(id) && records[id]?.passed)) {
      out(pc.green(pc.bold(`Checkpoint reached: chapter ${c.number} (${c.title}) passes completely.`)));
    }
  }
  const next = nextExercise(records, dir);
  out(next ? `next: ${pc.bold(next.id)} · ${next.title} → npm test -- ${next.id}` : pc.green('every exercise passes: the course is complete.'));
}
