import { dirname, resolve } from 'node:path';
import pc from 'picocolors';
import { implRoot } from '../../bin/project.mjs';
import { loadExercises } from '../registry';
import { lang, m } from './messages';
import { progressModel, type Status } from './progress-model';
import { writeProgressPage } from './progress-page';
import { out } from './report';
import { fileOf, loadProgress, nextExercise, runExercises, show } from './run-exercises';
import { taskFile } from './translations';

/**
 * `npm run progress`: every exercise by chapter with its status, the chapter checkpoints, and the
 * next exercise. Exercises edited since their last run (or last run without the type check) are
 * checked first (unless --no-run), so what it shows is true of the files as they are. --html also
 * writes the page (progress-page.ts).
 */
export async function progressCommand(opts: {
  impl: string;
  run: boolean;
  seed: number;
  html?: string | boolean;
}): Promise<number> {
  const dir = implRoot(opts.impl);
  const exercises = await loadExercises();
  let model = progressModel(opts.impl, exercises, loadProgress(dir));
  const stale = model
    .flatMap((c) => c.exercises)
    .filter((e) => e.status === 'changed' || e.status === 'unverified')
    .map((e) => e.id);
  if (opts.run && stale.length > 0) {
    out(pc.dim(m.checkingChanged(stale.length, stale)));
    await runExercises(dir, stale, { seed: opts.seed, typecheck: true });
    model = progressModel(opts.impl, exercises, loadProgress(dir));
  }

  const mark: Record<Status, string> = {
    passing: pc.green(m.statusPassing),
    failing: pc.red(m.statusFailing),
    'not started': pc.dim(m.statusNotStarted),
    missing: pc.red(m.statusMissing),
    changed: pc.yellow(m.statusChanged),
    unverified: pc.yellow(m.statusUnverified),
  };
  out(pc.dim(m.progressOf(show(dir))));
  for (const c of model) {
    out();
    const count =
      c.exercises.length === 0
        ? pc.dim(m.coming)
        : c.checkpoint
          ? pc.green(`${c.passing}/${c.size} · ${m.checkpointReached}`)
          : `${c.passing}/${c.size}`;
    out(`${pc.bold(m.chapter(c.number, c.title))} ${pc.dim(c.notes)}  ${count}`);
    for (const e of c.exercises) {
      const r = e.record;
      const detail = e.status === 'failing' && r ? pc.dim(` ${m.checksOf(r.passedChecks, r.totalChecks)}`) : '';
      out(`  ${e.id.padEnd(30)} ${mark[e.status]}${detail}`);
    }
  }
  out();
  const next = nextExercise(exercises, loadProgress(dir), dir);
  out(
    next
      ? m.nextLine(next.id, next.title, show(taskFile(dirname(fileOf(dir, next)), lang)))
      : pc.green(m.courseComplete),
  );
  if (opts.html !== undefined && opts.html !== false) {
    const file = await writeProgressPage(model, {
      dir: show(dir),
      impl: opts.impl,
      next: next && { id: next.id, title: next.title },
      out: typeof opts.html === 'string' ? resolve(opts.html) : undefined,
    });
    out(m.pageWritten(show(file)));
  }
  return 0;
}
