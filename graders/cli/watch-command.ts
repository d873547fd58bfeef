import { type FSWatcher, watch } from 'node:fs';
import { dirname } from 'node:path';
import pc from 'picocolors';
import { implRoot } from '../../bin/project.mjs';
import type { CheckResult } from '../lib/results';
import { availableIds, loadExercise } from '../registry';
import { lang, m } from './messages';
import { out, printCheck, printExerciseEnd, printHeader } from './report';
import { fileOf, runExercises, show } from './run-exercises';
import { resolveTargets } from './targets';
import { checkName } from './translations';

/** Saves closer together than this are one change (editors write a file in several steps). */
const SETTLE_MS = 150;

/**
 * `npm run watch -- 05`: runs the exercise's checks, stopping at the first failing one, and again
 * on every save in its folder. Only the first failing check is shown in full: fix it, save, and the
 * next one shows. Ctrl-C stops the watch and the process running the student's code
 * (runExercises kills it on SIGINT).
 */
export async function watchCommand(
  word: string,
  opts: { impl: string; seed: number; timeout?: number },
): Promise<number> {
  const t = resolveTargets([word], new Set(availableIds));
  if (!t.ok || t.ids.length !== 1) {
    process.stderr.write(`${t.ok ? `name one exercise, not a chapter: ${word}` : t.error}\n`);
    return 2;
  }
  const exercise = await loadExercise(t.ids[0]!);
  const file = fileOf(implRoot(opts.impl), exercise);
  const folder = dirname(file);

  let running = false;
  let again = false;
  let first = true;
  const runOnce = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    do {
      again = false;
      out();
      out(pc.dim(`── ${new Date().toLocaleTimeString()} · ${exercise.id} ─────────────`));
      let passed = 0;
      await runExercises(implRoot(opts.impl), [exercise.id], {
        seed: opts.seed,
        typecheck: true,
        timeout: opts.timeout,
        stopAtFirstFailure: true,
        onReady: (label) => first && printHeader(label, opts.seed),
        onCheck: (r: CheckResult) => {
          if (r.passed) passed++;
          else {
            out(pc.bold(`${m.firstFailure}:`));
            printCheck(r);
          }
        },
        onEnd: (r, run) => {
          if (r.passed) out(pc.green(m.allChecksPass(exercise.id, run.selection.total)));
          else if (r.checks.every((c) => c.passed)) printExerciseEnd(r, run.selection);
          else out(pc.dim(`  ✓ ${passed} · ${checkName(exercise.id, r.checks.at(-1)!.name, lang)} ✗`));
        },
      });
      first = false;
    } while (again);
    running = false;
    out(pc.dim(m.watching(show(folder))));
  };

  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  const stop = () => {
    watcher?.close();
    clearTimeout(timer);
    process.exit(130);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  watcher = watch(folder, (_event, name) => {
    if (name && !String(name).endsWith('.ts')) return;
    clearTimeout(timer);
    timer = setTimeout(() => void runOnce(), SETTLE_MS);
  });
  await runOnce();
  // Runs until Ctrl-C: the watcher keeps the event loop alive.
  return new Promise<number>(() => undefined);
}
