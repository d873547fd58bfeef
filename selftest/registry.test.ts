import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { checksDir, root } from '../bin/project.mjs';
import { allExerciseIds } from '../graders/curriculum';
import { availableIds, loadExercises, loadMutants } from '../graders/registry';
import { committed, fixtures, same } from '../scripts/generate-fixtures';

const exercises = await loadExercises();

test('each exercise id appears once in the curriculum, as NN-slug numbered in teaching order', () => {
  expect(new Set(allExerciseIds).size).toBe(allExerciseIds.length);
  allExerciseIds.forEach((id, i) =>
    expect(id).toMatch(new RegExp(`^${String(i + 1).padStart(2, '0')}-[a-z0-9]+(-[a-z0-9]+)*$`)),
  );
});

test('every available exercise has its solution, task text, stub, mutants, and the course modules it uses', () => {
  const problems: string[] = [];
  for (const e of exercises) {
    for (const dir of ['solutions', 'exercises']) {
      for (const f of [e.file, 'README.md'])
        if (!existsSync(join(root, dir, e.id, f))) problems.push(`${dir}/${e.id}/${f} is missing`);
    }
    if (!existsSync(join(checksDir, e.id, 'mutants.ts'))) problems.push(`graders/checks/${e.id}/mutants.ts is missing`);
    for (const u of e.uses)
      if (!existsSync(join(root, 'reference', `${u}.ts`)))
        problems.push(`${e.id} uses reference/${u}.ts, which does not exist`);
  }
  expect(problems).toEqual([]);
});

test('every mutants file loads as a list of mutants with distinct kebab-case names', async () => {
  for (const id of availableIds) {
    const names = (await loadMutants(id)).map((m) => m.name);
    for (const name of names) expect(name, id).toMatch(/^[A-Za-z0-9.]+(-[A-Za-z0-9.]+)*$/);
    expect(new Set(names).size, `${id}: two mutants share a name`).toBe(names.length);
  }
});

test('every folder in solutions/, exercises/ and graders/checks/ is an exercise of the curriculum', () => {
  for (const dir of [join(root, 'solutions'), join(root, 'exercises'), checksDir]) {
    expect(
      readdirSync(dir).filter((d) => !allExerciseIds.includes(d)),
      dir,
    ).toEqual([]);
  }
});

test('every generated fixture is what its committed generator makes', async () => {
  const stale = Object.entries(await fixtures()).filter(([file, make]) => !same(committed(file), make()));
  expect(stale.map(([file]) => file)).toEqual([]);
});
