import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceDir, root } from '../../../bin/project.mjs';
import type { Exercise } from '../../lib/checks';
import { fingerprints, type SimilarPair } from '../similarity';

/**
 * The course's own answers, compared with every submission by the similarity report: a copy of
 * the model solution or of the reference (the oracle, which a hand-out holds in compiled form) is
 * flagged like a copy of a classmate. The names cannot be a student's: student names are cleaned
 * to letters, digits, dot, dash and underscore (submissions.ts).
 */
export const MODEL_SOLUTION = '(model solution)';
export const REFERENCE = '(reference)';

/** Fingerprints of the model solution (its stub removed, as for a student) and the reference of each exercise. */
export function modelFingerprints(
  exercises: readonly Pick<Exercise, 'id' | 'file'>[],
): Map<string, Record<string, number[]>> {
  const solution: Record<string, number[]> = {};
  const reference: Record<string, number[]> = {};
  const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : undefined);
  for (const e of exercises) {
    const sol = read(join(root, 'solutions', e.id, e.file));
    if (sol !== undefined) solution[e.id] = fingerprints(sol, read(join(root, 'exercises', e.id, e.file)) ?? '');
    const ref = read(join(referenceDir, `${e.id}.ts`));
    if (ref !== undefined) reference[e.id] = fingerprints(ref);
  }
  return new Map([
    [MODEL_SOLUTION, solution],
    [REFERENCE, reference],
  ]);
}

/** A pair is worth listing unless both sides are the course's own (the solution and the reference alike). */
export const involvesStudent = (p: SimilarPair) =>
  ![MODEL_SOLUTION, REFERENCE].includes(p.a) || ![MODEL_SOLUTION, REFERENCE].includes(p.b);
