/**
 * The seed sweeps kept in fixtures/seed-sweeps.json (written by scripts/sweep.ts): for each
 * exercise, the seeds at which its solution passed and every mutant was rejected, with the hash
 * of the sources they were run on. A sweep of older sources does not count.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../bin/project.mjs';
import { sourceHash } from '../selftest/honesty-record';

export const SWEEPS = join(root, 'fixtures', 'seed-sweeps.json');

export type Sweeps = Record<string, { sourceHash: string; seeds: number[] }>;

export function readSweeps(): Sweeps {
  try {
    return JSON.parse(readFileSync(SWEEPS, 'utf8')) as Sweeps;
  } catch {
    return {};
  }
}

/** The seeds an exercise's current sources were swept over (with the students' seed 42, which every self-test runs). */
export function sweptSeeds(id: string): number[] {
  const s = readSweeps()[id];
  return s && s.sourceHash === sourceHash(id) ? [...s.seeds].sort((a, b) => a - b) : [];
}
