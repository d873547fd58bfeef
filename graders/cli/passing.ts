import type { Exercise } from '../lib/checks';
import { fileHash, type ProgressRecord } from './progress-store';

/**
 * The one rule for "this exercise passes", used by `npm test` (checkpoints, next), `npm run
 * progress`, the progress page and the solution's reveal: the last full run of the file as it is
 * now passed every check, with the type check. A run of some checks (--check) records nothing; a
 * run without the type check (--no-typecheck) is recorded but does not count.
 */
export function isPassing(record: ProgressRecord | undefined, file: string): boolean {
  return !!record && record.passed && record.typechecked === true && record.hash === fileHash(file);
}

/** Whether the record is of the file as it is now (whatever its verdict). */
export const isCurrent = (record: ProgressRecord | undefined, file: string): boolean =>
  !!record && record.hash === fileHash(file);

/** The first of `exercises` (teaching order) that does not pass with its file as it is now. */
export function firstNotPassing(
  exercises: readonly Exercise[],
  records: Record<string, ProgressRecord>,
  fileOf: (e: Exercise) => string,
): Exercise | undefined {
  return exercises.find((e) => !isPassing(records[e.id], fileOf(e)));
}
