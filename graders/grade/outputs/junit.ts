import type { ClassResult } from '../result';
import { checkText } from './gradescope';

// XML 1.0 forbids most control characters even when escaped: drop them.
const xml = (s: string) =>
  s
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters XML 1.0 does not allow
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** JUnit XML: a test suite per student, a test case per check (or per exercise not graded). */
export function junitXml(run: ClassResult): string {
  const suites = run.students.map((s) => {
    const cases = s.exercises.flatMap((e) =>
      e.status !== 'graded'
        ? [
            `    <testcase classname="${xml(`${s.student}.${e.id}`)}" name="graded"><failure message="${xml(e.reason ?? e.status)}"/></testcase>`,
          ]
        : e.checks.map(
            (c) =>
              `    <testcase classname="${xml(`${s.student}.${e.id}`)}" name="${xml(c.name)}">` +
              (c.passed ? '' : `<failure message="${xml(c.message ?? 'failed')}">${xml(checkText(c))}</failure>`) +
              '</testcase>',
          ),
    );
    const failures = cases.filter((c) => c.includes('<failure')).length;
    return `  <testsuite name="${xml(s.student)}" tests="${cases.length}" failures="${failures}" time="${(s.ms / 1000).toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="d2l-ts grade, seed ${run.seed}">\n${suites.join('\n')}\n</testsuites>\n`;
}
