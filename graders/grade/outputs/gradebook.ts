import type { ClassResult } from '../result';
import { points } from './gradescope';

/**
 * A CSV cell: quoted when needed, and defused when a spreadsheet would read it as a formula
 * (a name like =HYPERLINK(...) in a gradebook is an attack on the instructor's spreadsheet).
 */
function cell(v: string | number): string {
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The class gradebook (nbgrader style): one row per student, one column per exercise, the total. */
export function gradebookCsv(run: ClassResult): string {
  const header = ['student', ...run.exercises, 'total', 'max', 'problems'];
  const rows = run.students.map((s) => [
    s.student,
    ...run.exercises.map((id) => points(s.exercises.find((e) => e.id === id)?.score ?? 0)),
    points(s.score),
    points(s.maxScore),
    s.problems.length,
  ]);
  return `${[header, ...rows].map((r) => r.map(cell).join(',')).join('\n')}\n`;
}
