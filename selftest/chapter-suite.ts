import { chapters } from '../graders/curriculum';
import { exercises } from '../graders/checks/index';
import { exerciseSuite } from './exercise-suite';

/** The honesty suite of every implemented exercise of one chapter (one test file per chapter, run in parallel). */
export function chapterSuite(number: number): void {
  const ids = chapters.find((c) => c.number === number)!.exercises;
  for (const e of exercises) if (ids.includes(e.id)) exerciseSuite(e.id);
}
