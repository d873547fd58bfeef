import { existsSync } from 'node:fs';
import { implRoot, root } from '../../bin/project.mjs';
import { isUntouchedStub } from '../authoring/stubs';
import { chapters } from '../curriculum';
import type { Exercise } from '../lib/checks';
import { availableIds } from '../registry';
import { isCurrent, isPassing } from './passing';
import type { ProgressRecord } from './progress-store';
import { fileOf } from './run-exercises';

export type Status = 'passing' | 'failing' | 'not started' | 'missing' | 'changed' | 'unverified';

export interface ExerciseStatus {
  id: string;
  title: string;
  status: Status;
  record?: ProgressRecord;
}

export interface ChapterStatus {
  number: number;
  title: string;
  notes: string;
  /** Exercises in the curriculum, available or not. */
  size: number;
  exercises: ExerciseStatus[];
  passing: number;
  /** Every exercise of the chapter exists and passes. */
  checkpoint: boolean;
}

/**
 * Each exercise's status from its record and its file as it is now (the rule is passing.ts), by
 * chapter: what `npm run progress` prints and what its page shows, computed once for both.
 */
export function progressModel(
  impl: string,
  exercises: readonly Exercise[],
  records: Record<string, ProgressRecord>,
): ChapterStatus[] {
  const dir = implRoot(impl);
  const statusOf = (e: Exercise): Status => {
    const file = fileOf(dir, e);
    if (!existsSync(file)) return 'missing';
    if (impl === 'exercises' && isUntouchedStub(root, e.id, e.file)) return 'not started';
    const r = records[e.id];
    if (isPassing(r, file)) return 'passing';
    if (!isCurrent(r, file)) return 'changed';
    return r!.passed ? 'unverified' : 'failing';
  };
  return chapters.map((c) => {
    const list = c.exercises
      .filter((id) => availableIds.includes(id))
      .map((id) => exercises.find((e) => e.id === id))
      .filter((e) => e !== undefined)
      .map((e) => ({ id: e.id, title: e.title, status: statusOf(e), record: records[e.id] }));
    const passing = list.filter((e) => e.status === 'passing').length;
    return {
      number: c.number,
      title: c.title,
      notes: c.notes,
      size: c.exercises.length,
      exercises: list,
      passing,
      checkpoint: list.length === c.exercises.length && passing === list.length,
    };
  });
}
