/**
 * Finds each exercise's parts by its id. The curriculum (curriculum.ts) is the only list of
 * exercises; an exercise is available once its checks exist in graders/checks/<id>/checks.ts,
 * beside its mutants (mutants.ts) and, when it has one, its driver (driver.ts). Nothing else
 * registers an exercise.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checksDir, root } from '../bin/project.mjs';
import type { Mutant } from './authoring/mutants';
import { allExerciseIds } from './curriculum';
import type { Exercise } from './lib/checks';

const partOf = (id: string, part: 'checks' | 'mutants' | 'driver') => join(checksDir, id, `${part}.ts`);

/** Ids of the exercises whose checks exist, in teaching order; the rest are shown as coming. */
export const availableIds: readonly string[] = allExerciseIds.filter((id) => existsSync(partOf(id, 'checks')));

/** The checks of one exercise, with its driver when it has one. */
export async function loadExercise(id: string): Promise<Exercise> {
  if (!availableIds.includes(id))
    throw new Error(
      `no exercise ${id}: the curriculum has no such id, or it has no checks yet (graders/checks/${id}/checks.ts)`,
    );
  // One glob import for every exercise (esbuild and vitest both resolve it): only the asked-for module runs.
  const mod = (await import(`./checks/${id}/checks.ts`)) as { default?: Exercise };
  const exercise = mod.default;
  if (exercise?.id !== id)
    throw new Error(`graders/checks/${id}/checks.ts must export default defineExercise({ id: '${id}', ... })`);
  const driver = partOf(id, 'driver');
  return existsSync(driver) ? { ...exercise, driver: relative(root, driver) } : exercise;
}

/** The checks of several exercises (default: all available), in the order asked. */
export function loadExercises(ids: readonly string[] = availableIds): Promise<Exercise[]> {
  return Promise.all(ids.map(loadExercise));
}

/** The plausible wrong answers kept for an exercise (graders/checks/<id>/mutants.ts); none if it has no such file. */
export async function loadMutants(id: string): Promise<Mutant[]> {
  if (!existsSync(partOf(id, 'mutants'))) return [];
  const mod = (await import(`./checks/${id}/mutants.ts`)) as { default?: Mutant[] };
  if (!Array.isArray(mod.default))
    throw new Error(`graders/checks/${id}/mutants.ts must export default a list of mutants`);
  return mod.default;
}
