import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pc from 'picocolors';
import { d2lDir, implRoot, root } from '../../bin/project.mjs';
import { pristineStub } from '../authoring/stubs';
import { availableIds, loadExercise } from '../registry';
import { m } from './messages';
import { isPassing } from './passing';
import { out } from './report';
import { fileOf, loadProgress, show } from './run-exercises';
import { resolveTargets } from './targets';

function oneExercise(word: string): string | undefined {
  const t = resolveTargets([word], new Set(availableIds));
  if (!t.ok || t.ids.length !== 1) {
    process.stderr.write(`${t.ok ? `name one exercise, not a chapter: ${word}` : t.error}\n`);
    return undefined;
  }
  return t.ids[0];
}

/** `npm run reset -- <id>`: the stub back in exercises/, the student's file kept in .d2l/backups/<id>/<time>/. */
export async function resetCommand(word: string): Promise<number> {
  const id = oneExercise(word);
  if (!id) return 2;
  const e = await loadExercise(id);
  const file = fileOf(implRoot('exercises'), e);
  const stub = pristineStub(root, id, e.file);
  if (stub === undefined) {
    process.stderr.write(`${m.noStub(id)}\n`);
    return 2;
  }
  if (existsSync(file) && readFileSync(file, 'utf8') === stub) {
    out(m.alreadyStub(show(file)));
    return 0;
  }
  let backup = '';
  if (existsSync(file)) {
    const dir = join(d2lDir, 'backups', id, new Date().toISOString().replace(/[:.]/g, '-'));
    mkdirSync(dir, { recursive: true });
    backup = join(dir, e.file);
    copyFileSync(file, backup);
  }
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, stub);
  out(m.resetDone(show(file), backup ? show(backup) : '-'));
  return 0;
}

/**
 * `npm run solution -- <id>`: the model solution, only once the student's own file passes (the
 * rule of passing.ts); a hand-out has no solutions/ and says so.
 */
export async function solutionCommand(word: string): Promise<number> {
  const id = oneExercise(word);
  if (!id) return 2;
  const e = await loadExercise(id);
  const solution = join(root, 'solutions', id, e.file);
  if (!existsSync(solution)) {
    out(m.noSolutions);
    return 1;
  }
  const dir = implRoot('exercises');
  if (!isPassing(loadProgress(dir)[id], fileOf(dir, e))) {
    out(m.solutionLocked(id));
    return 1;
  }
  out(pc.dim(`${show(solution)}:`));
  out(readFileSync(solution, 'utf8').replace(/^\s*\/\/ (BEGIN|END) SOLUTION\n/gm, ''));
  return 0;
}
