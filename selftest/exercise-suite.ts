import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_SEED, root, subjectBundleDir } from '../bin/project.mjs';
import { writeMutants } from '../graders/authoring/mutants';
import { TRIVIAL_KINDS, trivialAnswer } from '../graders/authoring/trivial';
import { DEFAULT_RUBRIC, loadRubric, scoreChecks } from '../graders/grade/rubric';
import type { Check, CheckKind } from '../graders/lib/checks';
import type { ExerciseResult } from '../graders/lib/results';
import { loadExercise, loadMutants } from '../graders/registry';
import { Session } from '../graders/run/session';
import { goldenCaseCount, sourceHash, writeRecord } from './honesty-record';

const ANCHORS: readonly CheckKind[] = ['reference', 'gradient', 'training'];

/** The self-test's seed: the students' seed, so CI is reproducible; D2L_SEED=<n> tries others. */
export const SEED = Number(process.env.D2L_SEED ?? DEFAULT_SEED);

const failing = (r: ExerciseResult) => [
  ...(r.compileError ? [`(compile) ${r.compileError}`] : []),
  ...(r.loadError ? [`(load) ${r.loadError}`] : []),
  ...r.checks.filter((c) => !c.passed).map((c) => `${c.name}: ${c.message}\n  ${(c.details ?? []).join('\n  ')}`),
];

/**
 * The honesty of one exercise's checks: they all pass on the solution, all fail on the stub,
 * some check rejects each mutant, and each check rejects some mutant (so none is vacuous).
 *
 * A mutant runs the checks that have rejected nothing yet first, then the others, and stops at
 * its first rejection once those have run: every check still gets its chance to reject every
 * mutant until it has rejected one, and a mutant is not run through checks that prove nothing new.
 * The leak check runs only for a mutant no other check rejected (it judges the calls of the
 * checks before it), so its proof is a mutant that only leaks.
 */
export async function exerciseSuite(id: string): Promise<void> {
  const exercise = await loadExercise(id);
  const mutants = await loadMutants(id);
  const rubric = loadRubric(DEFAULT_RUBRIC, [exercise]);
  describe(id, () => {
    const show = (p: string) => relative(root, p);
    let session: Session;
    beforeAll(() => {
      session = new Session({ subjectProcess: {}, bundleDir: subjectBundleDir, seed: SEED, show });
    });
    // What this run proved, for the honesty table: written only when every test of the suite passed.
    const proved = { solution: false, stub: false, vacuous: false, rejectedBy: new Map<string, string[]>() };
    const trivialScores: Record<string, number> = {};
    afterAll(() => {
      session.close();
      const complete =
        proved.solution &&
        proved.stub &&
        proved.vacuous &&
        proved.rejectedBy.size === mutants.length &&
        Object.keys(trivialScores).length === TRIVIAL_KINDS.length;
      if (!complete || SEED !== DEFAULT_SEED) return;
      const rejected = (name: string) => [...proved.rejectedBy.values()].filter((names) => names.includes(name)).length;
      writeRecord({
        id,
        title: exercise.title,
        sourceHash: sourceHash(id),
        seed: SEED,
        checks: exercise.checks.map((c) => ({ name: c.name, kind: c.kind, rejected: rejected(c.name) })),
        mutants: mutants.map((m) => ({ name: m.name, why: m.why, rejectedBy: proved.rejectedBy.get(m.name)! })),
        stubFailsEveryCheck: true,
        trivialScores,
        goldenCases: goldenCaseCount(id),
      });
    });

    test('every check passes on the solution', async () => {
      const r = await session.run(exercise, join(root, 'solutions', id, exercise.file));
      expect(failing(r)).toEqual([]);
      expect(r.checks.length).toBe(exercise.checks.length);
      proved.solution = true;
    });

    test('every check fails on the stub', async () => {
      const r = await session.run(exercise, join(root, 'exercises', id, exercise.file));
      expect(r.compileError ?? r.loadError).toBeUndefined();
      expect(r.checks.filter((c) => c.passed).map((c) => c.name)).toEqual([]);
      proved.stub = true;
    });

    test('has at least two mutants (graders/checks/<id>/mutants.ts)', () =>
      expect(mutants.length).toBeGreaterThanOrEqual(2));

    const proven = new Set<string>();
    const dir = mkdtempSync(join(tmpdir(), `d2l-mutants-${id}-`));
    for (const m of mutants) {
      test(`rejects mutant ${m.name}: ${m.why}`, async () => {
        const files = writeMutants(join(root, 'solutions', id, exercise.file), exercise.file, [m], dir);
        const isLeak = (c: Check) => c.kind === 'leak';
        const unproven = exercise.checks.filter((c) => !isLeak(c) && !proven.has(c.name));
        const order = [
          ...unproven,
          ...exercise.checks.filter((c) => !isLeak(c) && proven.has(c.name)),
          ...exercise.checks.filter(isLeak),
        ];
        const r = await session.run(exercise, files.get(m.name)!, {
          checks: order,
          stopAfterFailure: (position) => position >= unproven.length - 1,
        });
        const names = r.checks.filter((c) => !c.passed).map((c) => c.name);
        for (const name of names) proven.add(name);
        expect(
          r.compileError ?? r.loadError,
          'a mutant must compile: it is a plausible wrong answer, not a broken file',
        ).toBeUndefined();
        expect(names.length, 'no check rejected this mutant').toBeGreaterThan(0);
        proved.rejectedBy.set(m.name, names);
      });
    }

    test('every check rejects at least one mutant (none is vacuous)', () => {
      expect(exercise.checks.map((c) => c.name).filter((name) => !proven.has(name))).toEqual([]);
      proved.vacuous = true;
    });

    // A trivial answer earns nothing: with the default rubric, properties and error checks earn in
    // proportion to the anchors, so every anchor must reject it (or, without anchors, every check).
    const anchors = exercise.checks.filter((c) => ANCHORS.includes(c.kind));
    for (const kind of TRIVIAL_KINDS) {
      test(`a trivial answer (${kind}) scores 0: ${anchors.length ? 'every anchor rejects it' : 'every check rejects it'}`, async () => {
        const stub = readFileSync(join(root, 'exercises', id, exercise.file), 'utf8');
        const source = trivialAnswer(stub, kind);
        if (source === undefined) {
          trivialScores[kind] = 0;
          return;
        }
        const file = join(dir, `trivial-${kind}`, exercise.file);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, source);
        const r = await session.run(exercise, file, { checks: anchors.length ? anchors : exercise.checks });
        expect(r.compileError, 'a trivial answer must compile').toBeUndefined();
        const scored = scoreChecks(rubric, exercise, r.checks);
        const earning = r.checks.filter((_, i) => scored.checks[i]!.score > 0).map((c) => c.name);
        expect(earning, `scored ${scored.score}`).toEqual([]);
        trivialScores[kind] = scored.score;
      });
    }
  });
}
