import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { checksDir, referenceDir, root } from '../../bin/project.mjs';
import type { Exercise } from '../lib/checks';
import type { ExerciseResult } from '../lib/results';

/**
 * Known misconceptions: each mutant of an exercise (graders/checks/<id>/mutants.ts) is a mistake a
 * student makes, and the checks that reject it are its signature. `npm run misconceptions -- <id>`
 * runs every mutant through every check at the students' seed and writes the signatures to
 * graders/checks/<id>/misconceptions.json; a student's run whose failing checks are exactly one
 * mutant's signature is told which mistake it looks like. Nothing is claimed otherwise.
 */
export const misconceptionsFile = (id: string) => join(checksDir, id, 'misconceptions.json');

const schema = z.strictObject({
  note: z.string(),
  exercise: z.string(),
  /** The seed the signatures were recorded at: a run at another seed draws other inputs. */
  seed: z.number().int(),
  /** sha256 of the files the signatures depend on (sourceFiles): a change makes them stale. */
  sources: z.string(),
  mutants: z.array(z.strictObject({ name: z.string(), why: z.string(), rejectedBy: z.array(z.string()) })),
});
export type Misconceptions = z.infer<typeof schema>;

/** What the signatures depend on: the checks, the mutants, the solution they edit, the reference. */
export function sourceFiles(e: Pick<Exercise, 'id' | 'file'>): string[] {
  return [
    join(checksDir, e.id, 'checks.ts'),
    join(checksDir, e.id, 'mutants.ts'),
    join(root, 'solutions', e.id, e.file),
    join(referenceDir, `${e.id}.ts`),
  ];
}

/** The hash of the sources, or undefined where the mutants or the solution are absent (a hand-out). */
export function sourcesHash(e: Pick<Exercise, 'id' | 'file'>): string | undefined {
  const files = sourceFiles(e);
  if (!existsSync(files[1]!) || !existsSync(files[2]!)) return undefined;
  const h = createHash('sha256');
  for (const f of files) h.update(existsSync(f) ? readFileSync(f) : '').update('\0');
  return h.digest('hex');
}

export function parseMisconceptions(text: string, file: string): Misconceptions {
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(`${file}: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

/** The exercise's recorded signatures, when they exist and are not stale (see sourcesHash). */
export function loadMisconceptions(e: Pick<Exercise, 'id' | 'file'>): Misconceptions | undefined {
  const file = misconceptionsFile(e.id);
  if (!existsSync(file)) return undefined;
  const known = parseMisconceptions(readFileSync(file, 'utf8'), file);
  const now = sourcesHash(e);
  // In a hand-out the mutants are gone and the hash cannot be taken: the hand-out kept only fresh files.
  return now === undefined || now === known.sources ? known : undefined;
}

/**
 * The mutants whose signature is exactly the run's failing checks. Only a run that can be compared
 * is: every check ran, at the recorded seed, the file compiled and loaded, no check was cut short
 * by a time-out or failed by a fault of the course, and something failed.
 */
export function matchMisconceptions(
  known: Misconceptions,
  r: ExerciseResult,
  run: { seed: number; complete: boolean; totalChecks: number },
): Misconceptions['mutants'] {
  if (!run.complete || run.seed !== known.seed || r.compileError || r.loadError) return [];
  if (r.checks.length !== run.totalChecks || r.checks.some((c) => c.crashed || c.notRunAfterTimeout)) return [];
  const failing = new Set(r.checks.filter((c) => !c.passed).map((c) => c.name));
  if (failing.size === 0) return [];
  // A signature of every check but the leak checks says nothing: any wholly wrong answer has it.
  const answers = r.checks.filter((c) => c.kind !== 'leak');
  if (answers.every((c) => failing.has(c.name))) return [];
  return known.mutants.filter(
    (mu) => mu.rejectedBy.length === failing.size && mu.rejectedBy.every((name) => failing.has(name)),
  );
}

/** The notes' section and the d2l section of an exercise, from its task text's "_Notes: ..._" line. */
export function notesSection(readme: string): string | undefined {
  const line = /^_Notes: (.+?)_\s*$/m.exec(readme)?.[1];
  if (!line) return undefined;
  const [notes, d2l] = line.split(/\.\s+d2l:\s*/);
  return d2l ? `${notes}; d2l ${d2l.replace(/\.$/, '')}` : notes!.replace(/\.$/, '');
}
