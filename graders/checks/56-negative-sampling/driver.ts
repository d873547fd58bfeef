/**
 * Runs beside the student's RandomGenerator (graders/registry.ts): a class instance cannot cross
 * to the checks, so this makes one and returns its draws.
 */
import * as student from 'd2l-ts/student';
import type * as Reference from '../../../reference/56-negative-sampling';

const { RandomGenerator } = student as Pick<typeof Reference, 'RandomGenerator'>;

/** `count` draws of new RandomGenerator(weights, seed[, k]). */
export function driveRandomGenerator(weights: number[], seed: number, count: number, k?: number): number[] {
  const g = k === undefined ? new RandomGenerator(weights, seed) : new RandomGenerator(weights, seed, k);
  return Array.from({ length: count }, () => g.draw());
}
