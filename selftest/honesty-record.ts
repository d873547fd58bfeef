/**
 * What the honesty suite (exercise-suite.ts) proved about each exercise, kept per exercise in
 * .d2l/honesty/<id>.json for the honesty table (scripts/honesty-table.ts, docs/honesty.md). A
 * record names the sources it was proved on by their hash, so a record of older code is stale.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checksDir, d2lDir, root } from '../bin/project.mjs';

export interface HonestyRecord {
  id: string;
  title: string;
  /** sourceHash(id) when the record was written. */
  sourceHash: string;
  seed: number;
  checks: { name: string; kind: string; rejected: number }[];
  /** Each kept mutant and the checks seen to reject it (a mutant stops at its first rejection once every check has one). */
  mutants: { name: string; why: string; rejectedBy: string[] }[];
  stubFailsEveryCheck: boolean;
  /** The score of each trivial answer (zero, constant, identity, uniform) with the default rubric. */
  trivialScores: Record<string, number>;
  goldenCases: number;
}

const DIR = join(d2lDir, 'honesty');

/** Every file an exercise's verdicts depend on: its own parts, and the check library and runner. */
function sourcesOf(id: string): string[] {
  const inside = (dir: string) =>
    existsSync(dir)
      ? (readdirSync(dir, { recursive: true }) as string[])
          .map((f) => join(dir, f))
          .filter((f) => f.endsWith('.ts') || f.endsWith('.md'))
      : [];
  return [
    ...inside(join(root, 'solutions', id)),
    ...inside(join(root, 'exercises', id)),
    ...inside(join(checksDir, id)),
    join(root, 'reference', `${id}.ts`),
    ...inside(join(root, 'graders', 'lib')),
    ...inside(join(root, 'graders', 'run')),
  ]
    .filter((f) => existsSync(f))
    .sort();
}

export function sourceHash(id: string): string {
  const h = createHash('sha256');
  for (const f of sourcesOf(id)) h.update(f.slice(root.length)).update(readFileSync(f));
  return h.digest('hex').slice(0, 16);
}

export function goldenCaseCount(id: string): number {
  const file = join(root, 'fixtures', 'golden', `${id}.json`);
  if (!existsSync(file)) return 0;
  return (JSON.parse(readFileSync(file, 'utf8')) as { cases: unknown[] }).cases.length;
}

export function writeRecord(record: HonestyRecord): void {
  mkdirSync(DIR, { recursive: true });
  const file = join(DIR, `${record.id}.json`);
  writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify(record, null, 1));
  renameSync(`${file}.${process.pid}.tmp`, file);
}

/** The record of an exercise if it was proved on its current sources, else undefined. */
export function freshRecord(id: string): HonestyRecord | undefined {
  const file = join(DIR, `${id}.json`);
  if (!existsSync(file)) return undefined;
  const r = JSON.parse(readFileSync(file, 'utf8')) as HonestyRecord;
  return r.sourceHash === sourceHash(id) ? r : undefined;
}
