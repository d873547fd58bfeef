import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pc from 'picocolors';
import { implRoot, root } from '../../bin/project.mjs';
import { isUntouchedStub } from '../authoring/stubs';
import { chapters } from '../curriculum';
import { availableIds, loadExercises } from '../registry';
import type { SubjectProcess } from '../run/subject-process';
import { hintsOf } from './hints';
import { lang, m } from './messages';
import { loadMisconceptions, matchMisconceptions, notesSection } from './misconceptions';
import { isPassing } from './passing';
import { out, printCheck, printCheckStart, printExerciseEnd, printExerciseStart, printHeader } from './report';
import { type ExerciseRun, fileOf, loadProgress, nextExercise, runExercises, show } from './run-exercises';
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
  const runs = await runExercises(dir, ids, {
    seed: opts.seed,
    typecheck: opts.typecheck,
    check: opts.check,
    prestarted: opts.prestarted,
    timeout: opts.timeout,
    onReady: (label) => printHeader(label, opts.seed),
    onStart: (e, file, sel) => printExerciseStart(e, show(file), sel, opts.timeout),
    onCheckStart: printCheckStart,
    onCheck: printCheck,
    onEnd: (r, run) => {
      printExerciseEnd(r, run.selection);
      if (!r.passed) printMisconception(run, opts.seed);
    },
  });
  if (runs.length === 0) return 2; // --check matched no check of any exercise (said per exercise)
  await printSummary(runs, opts, dir);
  return runs.every((r) => r.result.passed) ? 0 : 1;
}

/** When the failing checks are exactly a known mistake's signature, name it and where the notes explain it. */
function printMisconception(run: ExerciseRun, seed: number): void {
  const known = loadMisconceptions(run.exercise);
  const matched = known
    ? matchMisconceptions(known, run.result, {
        seed,
        complete: run.selection.complete,
        totalChecks: run.selection.total,
      })
    : [];
  if (matched.length > 0) {
    const head = matched.length === 1 ? m.knownMistake : m.knownMistakes;
    out(pc.yellow(`  ${head}: ${matched.map((x) => x.why).join('; or ')}`));
    const readme = join(dirname(run.file), 'README.md');
    const section = existsSync(readme) ? notesSection(readFileSync(readme, 'utf8')) : undefined;
    if (section) out(pc.dim(`  ${m.seeNotes(section)}`));
  }
  if (hintsOf(run.exercise.id, lang).length > 0) out(pc.dim(`  ${m.hintAvailable(run.exercise.id)}`));
}

async function printSummary(runs: ExerciseRun[], opts: TestOptions, dir: string): Promise<void> {
  out();
  const results = runs.map((r) => r.result);
  const failed = results.filter((r) => !r.passed);
  const implFlag = opts.impl === 'exercises' ? '' : ` --impl ${opts.impl}`;
  if (failed.length > 0) {
    out(`${pc.red(m.failingSummary(failed.length, results.length))}: ${failed.map((r) => r.id).join(', ')}`);
    out(pc.dim(`${m.replay}: npm test -- ${failed.map((r) => r.id).join(' ')}${implFlag} --seed ${opts.seed}`));
    return;
  }
  if (runs.some((r) => !r.selection.complete)) {
    out(pc.green(m.ranChecksAllPass));
    return out(pc.dim(m.onlySomeChecks));
  }
  out(pc.green(m.allPass(results.length, results[0]!.id)));
  if (!opts.typecheck) return out(pc.dim(m.noTypecheck));
  if (opts.impl !== 'exercises') return;
  const records = loadProgress(dir);
  const exercises = await loadExercises();
  const passing = (id: string) => {
    const e = exercises.find((x) => x.id === id);
    return !!e && isPassing(records[id], fileOf(dir, e));
  };
  for (const c of chapters) {
    const touched = results.some((r) => c.exercises.includes(r.id));
    if (touched && c.exercises.every((id) => availableIds.includes(id) && passing(id)))
      out(pc.green(pc.bold(m.checkpoint(c.number, c.title))));
  }
  const next = nextExercise(exercises, records, dir);
  out(next ? `${m.next}: ${pc.bold(next.id)} · ${next.title} → npm test -- ${next.id}` : pc.green(m.courseComplete));
}
