import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClassResult } from '../result';
import { similarPairs } from '../similarity';
import { gradebookCsv } from './gradebook';
import { gradescopeResults } from './gradescope';
import { htmlReport } from './html';
import { junitXml } from './junit';
import { involvesStudent, modelFingerprints } from './model-sources';
import { availableIds, loadExercises } from '../../registry';

/**
 * Writes every output of a grading run to `out`: grading.json (everything, for `merge-grades` and
 * for the record), students/<name>/results.json (Gradescope), gradebook.csv, junit.xml, report.html.
 */
export async function writeOutputs(run: ClassResult, out: string): Promise<string[]> {
  mkdirSync(out, { recursive: true });
  const written: string[] = [];
  const write = (name: string, text: string) => {
    const path = join(out, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    written.push(path);
  };
  write('grading.json', `${JSON.stringify(run)}\n`);
  for (const s of run.students)
    write(join('students', s.student, 'results.json'), `${JSON.stringify(gradescopeResults(s, run), null, 1)}\n`);
  write('gradebook.csv', gradebookCsv(run));
  write('junit.xml', junitXml(run));
  // Every submission is also compared with the model solutions and the references.
  const models = modelFingerprints(await loadExercises(run.exercises.filter((id) => availableIds.includes(id))));
  const pairs = similarPairs(
    new Map([...run.students.map((s) => [s.student, s.fingerprints] as const), ...models]),
  ).filter(involvesStudent);
  write('report.html', await htmlReport(run, pairs));
  return written;
}
