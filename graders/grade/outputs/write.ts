import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClassResult } from '../result';
import { similarPairs } from '../similarity';
import { gradebookCsv } from './gradebook';
import { gradescopeResults } from './gradescope';
import { htmlReport } from './html';
import { junitXml } from './junit';

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
  const pairs = similarPairs(new Map(run.students.map((s) => [s.student, s.fingerprints])));
  write('report.html', await htmlReport(run, pairs));
  return written;
}
