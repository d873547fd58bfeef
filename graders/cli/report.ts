import { dirname } from 'node:path';
import pc from 'picocolors';
import type { Check, Exercise } from '../lib/checks';
import type { CheckResult, ExerciseResult } from '../lib/results';
import { lang, m } from './messages';
import type { Selection } from './select-checks';
import { strengthOf } from '../lib/strength';
import { checkName, taskFile } from './translations';

const out = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};
const indent = (text: string, by: string) =>
  text
    .split('\n')
    .map((l) => by + l)
    .join('\n');

let exerciseId = '';
let taskText = '';
let notImplementedShown = false;
/** Failure messages already printed in this exercise: a repeat is named, not printed again. */
let shown = new Set<string>();
let callLimitS = 20;
let slowTimer: NodeJS.Timeout | undefined;

export function printHeader(backend: string, seed: number): void {
  out(pc.dim(m.header(backend, seed)));
}

/** `file` as shown (relative); `limitS`: how long one call may run in this run. */
export function printExerciseStart(ex: Exercise, file: string, sel?: Selection, limitS?: number): void {
  exerciseId = ex.id;
  taskText = taskFile(dirname(file), lang);
  notImplementedShown = false;
  shown = new Set();
  callLimitS = limitS ?? ex.callTimeoutMs / 1000;
  out();
  out(`${pc.bold(ex.id)} · ${ex.title}  ${pc.dim(file)}`);
  if (sel?.filter && sel.checks.length === 0) {
    out(
      pc.yellow(
        `  ${m.matchesNoCheck(
          sel.filter,
          ex.id,
          ex.checks.map((c) => c.name),
        )}`,
      ),
    );
  } else if (sel?.widened) out(pc.dim(`  ${m.allRanForLeaks(sel.filter!)}`));
}

/**
 * A check that runs long says so while it runs, once, at a quarter of the call limit (at least
 * 2 s): an endless loop should not be a minute of silence.
 */
export function printCheckStart(c: Check): void {
  clearTimeout(slowTimer);
  const after = Math.max(2, Math.round(callLimitS / 4));
  slowTimer = setTimeout(
    () => out(pc.yellow(`    ${m.stillRunning(checkName(exerciseId, c.name, lang), after, callLimitS)}`)),
    after * 1000,
  );
  slowTimer.unref();
}

export function printCheck(r: CheckResult): void {
  clearTimeout(slowTimer);
  const mark = r.passed ? pc.green('✓') : pc.red('✗');
  out(`  ${mark} ${checkName(exerciseId, r.name, lang)} ${pc.dim(`[${r.kind}]`)}`);
  if (r.notImplemented) {
    // Every check of a stub fails the same way: say it once, with where the task is.
    if (!notImplementedShown) out(indent(pc.red(m.notImplemented(r.message ?? '', taskText)), '      '));
    notImplementedShown = true;
  } else if (r.notRunAfterTimeout) {
    out(indent(pc.dim(m.notRunAfterTimeout(callLimitS)), '      '));
  } else if (!r.passed && shown.has(r.message ?? '')) {
    out(indent(pc.dim(m.sameFailure), '      '));
  } else {
    if (!r.passed) {
      shown.add(r.message ?? '');
      out(indent(pc.red(r.message ?? ''), '      '));
    }
    // A failure's evidence, or what a passing check measured (ctx.note).
    for (const d of r.details ?? []) out(indent(pc.dim(d), '      '));
  }
  if (r.output) out(indent(`${pc.yellow(m.yourCodePrinted)}\n${r.output.trimEnd()}`, '      │ '));
}

/** The line that ends an exercise: its verdict, what ran, and why when nothing could. */
export function exerciseVerdict(r: ExerciseResult, sel?: Selection): string {
  const partial = !!sel?.filter && !sel.complete;
  const verdict = r.passed ? pc.green(partial ? m.ranChecksPass : m.passes) : pc.red(m.fails);
  let what: string;
  if (r.compileError) what = m.doesNotCompile;
  else if (r.loadError && r.checks.length === 0) what = m.doesNotLoad;
  else {
    const passed = r.checks.filter((c) => c.passed).length;
    what = m.checksPass(passed, r.checks.length) + (r.typeErrors?.length ? m.withTypeErrors : '');
    if (sel?.filter && partial) what += m.notRun(sel.total - r.checks.length, sel.total, sel.filter);
  }
  return `  ${r.id} ${verdict}: ${what} ${pc.dim(`(${(r.ms / 1000).toFixed(1)} s)`)}`;
}

export function printExerciseEnd(r: ExerciseResult, sel?: Selection): void {
  clearTimeout(slowTimer);
  if (r.compileError) {
    out(`  ${pc.red('✗')} ${m.compiles} ${pc.dim('[compile]')}`);
    out(indent(pc.red(r.compileError), '      '));
  }
  if (r.loadError) {
    out(`  ${pc.red('✗')} ${m.loads} ${pc.dim('[load]')}`);
    out(indent(pc.red(m.loadFailed(r.loadError)), '      '));
  }
  if (r.typeErrors?.length) {
    out(`  ${pc.red('✗')} ${m.noTypeErrors} ${pc.dim('[typecheck]')}`);
    for (const e of r.typeErrors) out(indent(pc.red(e), '      '));
  }
  out(exerciseVerdict(r, sel));
  // A pass means something only if the checks are known to catch mistakes: say how many they catch.
  const strength = r.passed && !(sel?.filter && !sel.complete) ? strengthOf(r.id) : undefined;
  if (strength) out(pc.dim(`  ${m.strength(strength.checks, strength.mutants, strength.allRejected)}`));
}

export { out };
