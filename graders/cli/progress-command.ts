import { existsSync } from 'node:fs';
import pc from 'picocolors';
import { implRoot, root } from '../../bin/project.mjs';
import { isUntouchedStub } from '../authoring/stubs';
import { chapters } from '../curriculum';
import { availableIds, loadExercises } from '../registry';
import { fileHash } from './progress-store';
import { out } from './report';
import { fileOf, loadProgress, nextExercise, runExercises, show } from './run-exercises';

type Status = 'passing' | 'failing' | 'not started' | 'missing' | 'changed';

/**
 * `npm run progress`: every exercise by chapter with its status, the chapter checkpoints, and the
 * next exercise. Exercises edited since their last run are checked first (unless --no-run), so
 * what it shows is true of the files as they are.
 */
export async function progressCommand(opts: { impl: string; run: boolean; seed: number }): Promise<number> {
  const dir = implRoot(opts.impl);
  const exercises = await loadExercises();
  const statusOf = (): Map<string, Status> => {
    const records = loadProgress(dir);
    return new Map(
      exercises.map((e): [string, Status] => {
        const file = fileOf(dir, e);
        if (!existsSync(file)) return [e.id, 'missing'];
        if (opts.impl === 'exercises' && isUntouchedStub(root, e.id, e.file)) return [e.id, 'not started'];
        const r = records[e.id];
        if (!r || r.hash !== fileHash(file)) return [e.id, 'changed'];
        return [e.id, r.passed ? 'passing' : 'failing'];
      }),
    );
  };
  let status = statusOf();
  const changed = [...status].filter(([, s]) => s === 'changed').map(([id]) => id);
  if (opts.run && changed.length > 0) {
    out(
      pc.dim(
        `checking ${changed.length} exercise${changed.length === 1 ? '' : 's'} changed since the last run: ${changed.join(', ')}…`,
      ),
    );
    await runExercises(dir, changed, { seed: opts.seed, typecheck: true });
    status = statusOf();
  }

  const records = loadProgress(dir);
  const mark: Record<Status, string> = {
    passing: pc.green('✓ passing'),
    failing: pc.red('✗ failing'),
    'not started': pc.dim('· not started'),
    missing: pc.red('? file missing'),
    changed: pc.yellow('~ changed since its last run'),
  };
  out(pc.dim(`progress of ${show(dir)}/`));
  for (const c of chapters) {
    const available = c.exercises.filter((id) => availableIds.includes(id));
    const passing = available.filter((id) => status.get(id) === 'passing').length;
    const done = available.length === c.exercises.length && passing === available.length;
    out();
    const count =
      available.length === 0
        ? pc.dim('coming')
        : done
          ? pc.green(`${passing}/${c.exercises.length} · checkpoint reached`)
          : `${passing}/${c.exercises.length}`;
    out(`${pc.bold(`Chapter ${c.number} · ${c.title}`)} ${pc.dim(c.notes)}  ${count}`);
    for (const id of available) {
      const s = status.get(id)!;
      const r = records[id];
      const detail = s === 'failing' && r ? pc.dim(` (${r.passedChecks} of ${r.totalChecks} checks)`) : '';
      out(`  ${id.padEnd(30)} ${mark[s]}${detail}`);
    }
  }
  out();
  const next = nextExercise(exercises, records, dir);
  out(
    next
      ? `next: ${pc.bold(next.id)} · ${next.title}  (task: ${show(fileOf(dir, next).replace(/[^/]+$/, 'README.md'))}; run: npm test -- ${next.id})`
      : pc.green('every exercise passes: the course is complete.'),
  );
  return 0;
}
