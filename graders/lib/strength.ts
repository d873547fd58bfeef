import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../../bin/project.mjs';

/** What the honesty table (docs/honesty.json, made by the self-test) says of one exercise's checks. */
export interface Strength {
  checks: number;
  mutants: number;
  allRejected: boolean;
  seeds: number[];
}

let table: Map<string, Strength> | undefined;

/**
 * The proven strength of an exercise's checks, for the line a passing run prints and for the
 * progress page; undefined where the table is absent (a hand-out without docs) or lacks the id.
 */
export function strengthOf(id: string): Strength | undefined {
  if (!table) {
    table = new Map();
    const file = join(root, 'docs', 'honesty.json');
    if (existsSync(file)) {
      try {
        for (const e of JSON.parse(readFileSync(file, 'utf8')) as (Strength & { id: string })[]) table.set(e.id, e);
      } catch {
        // A damaged table must not stop a student's run: the line is simply not printed.
      }
    }
  }
  return table.get(id);
}
