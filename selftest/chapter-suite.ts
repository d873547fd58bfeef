import { test } from 'vitest';
import { chapters } from '../graders/curriculum';
import { availableIds } from '../graders/registry';
import { exerciseSuite } from './exercise-suite';

/** The honesty suite of every available exercise of one chapter (one test file per chapter, run in parallel). */
export async function chapterSuite(number: number): Promise<void> {
  const chapter = chapters.find((c) => c.number === number);
  if (!chapter) throw new Error(`no chapter ${number} in graders/curriculum.ts`);
  const available = chapter.exercises.filter((id) => availableIds.includes(id));
  if (available.length === 0) test.todo(`chapter ${number} (${chapter.title}) has no exercises yet`);
  for (const id of available) await exerciseSuite(id);
}
