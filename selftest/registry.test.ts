import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { root } from '../bin/build.mjs';
import { exercises } from '../graders/checks/index';
import { allExerciseIds, chapterOf } from '../graders/curriculum';
import { mutants } from '../fixtures/mutants/index';
import { committed, fixtures, same } from '../scripts/generate-fixtures';

const ids = exercises.map((e) => e.id);

test('exercises are registered in teaching order, each once, each in the curriculum', () => {
  expect(ids).toEqual(allExerciseIds.filter((id) => ids.includes(id)));
});

test('every exercise has its solution, task text, stub, reference or oracle, and mutants', () => {
  const problems: string[] = [];
  for (const e of exercises) {
    for (const dir of ['solutions', 'exercises']) {
      for (const f of [e.file, 'README.md']) if (!existsSync(join(root, dir, e.id, f))) problems.push(`${dir}/${e.id}/${f} is missing`);
    }
    if (!mutants[e.id]) problems.push(`fixtures/mutants/index.ts has no mutants for ${e.id}`);
    if (!chapterOf(e.id)) problems.push(`${e.id} is in no chapter of graders/curriculum.ts`);
    for (const u of e.uses) if (!existsSync(join(root, 'reference', `${u}.ts`))) problems.push(`${e.id} uses reference/${u}.ts, which does not exist`);
  }
  expect(problems).toEqual([]);
});

test('every folder in solutions/ is a registered exercise', () => {
  expect(readdirSync(join(root, 'solutions')).filter((d) => !ids.includes(d))).toEqual([]);
});

test('every chapter with exercises has its self-test file', () => {
  const chapters = new Set(exercises.map((e) => chapterOf(e.id)!.number));
  for (const c of chapters) expect(existsSync(join(root, 'selftest', `chapter-${c}.test.ts`)), `selftest/chapter-${c}.test.ts`).toBe(true);
});

test('every generated fixture is what its committed generator makes', async () => {
  const stale = Object.entries(await fixtures()).filter(([file, make]) => !same(committed(file), make()));
  expect(stale.map(([file]) => file)).toEqual([]);
});
