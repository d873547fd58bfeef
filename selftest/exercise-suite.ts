import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { root } from '../bin/build.mjs';
import { writeMutants } from '../graders/authoring/mutants';
import { exercises } from '../graders/checks/index';
import { Session, type ExerciseResult } from '../graders/run/session';
import { mutants } from '../fixtures/mutants/index';

/** The self-test's seed: fixed so CI is reproducible; D2L_SEED=<n> tries others. */
export const SEED = Number(process.env.D2L_SEED ?? 42);

const failing = (r: ExerciseResult) => [
  ...(r.compileError ? [`(compile) ${r.compileError}`] : []),
  ...(r.loadError ? [`(load) ${r.loadError}`] : []),
  ...r.checks.filter((c) => !c.passed).map((c) => `${c.name}: ${c.message}\n  ${(c.details ?? []).join('\n  ')}`),
];

/**
 * The honesty of one exercise's checks: they all pass on the solution, all fail on the stub,
 * some check rejects each mutant, and each check rejects some mutant (so none is vacuous).
 */
export function exerciseSuite(id: string): void {
  const exercise = exercises.find((e) => e.id === id);
  describe(id, () => {
    if (!exercise) {
      test('has checks', () => expect.fail(`no checks registered for ${id} in graders/checks/index.ts`));
      return;
    }
    const show = (p: string) => relative(root, p);
    let session: Session;
    beforeAll(() => {
      session = new Session({ host: {}, bundleDir: join(root, '.d2l', 'build', 'subjects'), seed: SEED, show });
    });
    afterAll(() => session.close());

    test('every check passes on the solution', async () => {
      const r = await session.run(exercise, join(root, 'solutions', id, exercise.file));
      expect(failing(r)).toEqual([]);
      expect(r.checks.length).toBe(exercise.checks.length);
    });

    test('every check fails on the stub', async () => {
      const r = await session.run(exercise, join(root, 'exercises', id, exercise.file));
      expect(r.compileError ?? r.loadError).toBeUndefined();
      expect(r.checks.filter((c) => c.passed).map((c) => c.name)).toEqual([]);
    });

    const list = mutants[id] ?? [];
    test('has at least two mutants (fixtures/mutants)', () => expect(list.length).toBeGreaterThanOrEqual(2));

    const rejectedBy = new Map<string, string[]>();
    const dir = mkdtempSync(join(tmpdir(), `d2l-mutants-${id}-`));
    for (const m of list) {
      test(`rejects mutant ${m.name}: ${m.why}`, async () => {
        const files = writeMutants(join(root, 'solutions', id, exercise.file), exercise.file, [m], dir);
        const r = await session.run(exercise, files.get(m.name)!);
        const names = r.checks.filter((c) => !c.passed).map((c) => c.name);
        rejectedBy.set(m.name, names);
        expect(r.compileError ?? r.loadError, 'a mutant must compile: it is a plausible wrong answer, not a broken file').toBeUndefined();
        expect(names.length, 'no check rejected this mutant').toBeGreaterThan(0);
      });
    }

    test('every check rejects at least one mutant (none is vacuous)', () => {
      const vacuous = exercise.checks.map((c) => c.name).filter((name) => ![...rejectedBy.values()].some((names) => names.includes(name)));
      expect(vacuous).toEqual([]);
    });
  });
}
