/**
 * What a re-grade changed: the same class graded again with the same seed (say after a check was
 * fixed mid-term) compared with the earlier grading.json, student by student and check by check,
 * so that an instructor can publish exactly what moved. The same seed and the same grader give the
 * same grades, so anything listed here was moved by the change.
 */
import type { ClassResult } from './result';

type Verdict = 'passed' | 'failed' | 'absent';

export interface CheckMove {
  exercise: string;
  check: string;
  before: Verdict;
  after: Verdict;
}

export interface StudentMove {
  student: string;
  before: number;
  after: number;
  /** Checks whose verdict changed for this student. */
  checks: CheckMove[];
}

export interface RegradeDiff {
  seed: number;
  /** Students whose score or any check's verdict changed. */
  moved: StudentMove[];
  /** Graded now but not before, and the other way round. */
  added: string[];
  removed: string[];
  unchanged: number;
}

const verdicts = (run: ClassResult, student: string): Map<string, Verdict> => {
  const s = run.students.find((x) => x.student === student);
  const out = new Map<string, Verdict>();
  for (const e of s?.exercises ?? [])
    for (const c of e.checks) out.set(`${e.id}\u0000${c.name}`, c.passed ? 'passed' : 'failed');
  return out;
};

/** Scores are compared to a thousandth of a point: beyond that, float noise in a sum of shares. */
const samePoints = (a: number, b: number) => Math.abs(a - b) < 5e-4;

export function regradeDiff(before: ClassResult, after: ClassResult): RegradeDiff {
  const was = new Set(before.students.map((s) => s.student));
  const is = new Set(after.students.map((s) => s.student));
  const moved: StudentMove[] = [];
  let unchanged = 0;
  for (const s of after.students) {
    const old = before.students.find((x) => x.student === s.student);
    if (!old) continue;
    const [vb, va] = [verdicts(before, s.student), verdicts(after, s.student)];
    const checks: CheckMove[] = [];
    for (const key of new Set([...vb.keys(), ...va.keys()])) {
      const [b, a] = [vb.get(key) ?? 'absent', va.get(key) ?? 'absent'];
      if (a === b) continue;
      const [exercise, check] = key.split('\u0000') as [string, string];
      checks.push({ exercise, check, before: b, after: a });
    }
    if (checks.length === 0 && samePoints(old.score, s.score)) unchanged++;
    else moved.push({ student: s.student, before: old.score, after: s.score, checks });
  }
  return {
    seed: after.seed,
    moved,
    added: [...is].filter((x) => !was.has(x)),
    removed: [...was].filter((x) => !is.has(x)),
    unchanged,
  };
}

const pts = (x: number) => String(Math.round(x * 100) / 100);

/** The diff as a page an instructor can publish. */
export function renderRegrade(d: RegradeDiff, previous: string): string {
  const lines = [`# Re-grade (seed ${d.seed}) against ${previous}`, ''];
  lines.push(
    d.moved.length === 0
      ? `No student's score or check verdict changed (${d.unchanged} graded the same).`
      : `${d.moved.length} student${d.moved.length === 1 ? '' : 's'} moved; ${d.unchanged} graded the same.`,
  );
  for (const m of d.moved) {
    const delta = m.after - m.before;
    lines.push('', `## ${m.student}: ${pts(m.before)} → ${pts(m.after)} (${delta >= 0 ? '+' : ''}${pts(delta)})`);
    for (const c of m.checks) lines.push(`- ${c.exercise}: "${c.check}" ${c.before} → ${c.after}`);
  }
  if (d.added.length) lines.push('', `Graded now, not before: ${d.added.join(', ')}`);
  if (d.removed.length) lines.push('', `Graded before, not now: ${d.removed.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
