import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../../bin/project.mjs';
import { syncStubs } from '../authoring/stubs';
import { allExerciseIds } from '../curriculum';

/** Checks that exercises/ is exactly what solutions/ generates; with write, regenerates it (only `ids`, if given). */
export function stubsCommand(write: boolean, ids: string[] = []): number {
  // Every exercise with a solution, whether or not its checks exist yet.
  const written = allExerciseIds.filter((id) => existsSync(join(root, 'solutions', id)));
  const unknown = ids.filter((id) => !written.includes(id));
  if (unknown.length) {
    process.stderr.write(`unknown exercise ${unknown.join(', ')}\n`);
    return 2;
  }
  const diffs = syncStubs(root, ids.length ? ids : written, write);
  for (const d of diffs) process.stdout.write(`${write ? 'wrote' : d.problem}: ${d.file}\n`);
  if (write || diffs.length === 0) {
    process.stdout.write(
      write ? `exercises/ regenerated (${diffs.length} files changed)\n` : 'exercises/ is in sync with solutions/\n',
    );
    return 0;
  }
  process.stdout.write('exercises/ is out of sync with solutions/: run `npm run stubs -- --write`\n');
  return 1;
}
