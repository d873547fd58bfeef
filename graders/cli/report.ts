import { join } from 'node:path';
import pc from 'picocolors';
import type { Exercise } from '../lib/checks';
import type { CheckResult, ExerciseResult } from '../lib/results';

const out = (line = '') => process.stdout.write(`${line}\n`);
const indent = (text: string, by: string) =>
  text
    .split('\n')
    .map((l) => by + l)
    .join('\n');

let taskText = '';
let notImplementedShown = false;
/** Failure messages already printed in this exercise: a repeat is named, not printed again. */
let shown = new Set<string>();

export function printHeader(backend: string, seed: number): void {
  out(pc.dim(`d2l-ts · backend ${backend} · seed ${seed}`));
}

export function printExerciseStart(ex: Exercise, file: string): void {
  taskText = join(file, '..', 'README.md');
  notImplementedShown = false;
  shown = new Set();
  out();
  out(`${pc.bold(ex.id)} · ${ex.title}  ${pc.dim(file)}`);
}

export function printCheck(r: CheckResult): void {
  const mark = r.passed ? pc.green('✓') : pc.red('✗');
  out(`  ${mark} ${r.name} ${pc.dim(`[${r.kind}]`)}`);
  if (r.notImplemented) {
    // Every check of a stub fails the same way: say it once, with where the task is.
    if (!notImplementedShown) out(indent(pc.red(`${r.message}; the task is in ${taskText}`), '      '));
    notImplementedShown = true;
  } else if (!r.passed && shown.has(r.message ?? '')) {
    out(indent(pc.dim('(the same failure as above)'), '      '));
  } else {
    if (!r.passed) {
      shown.add(r.message ?? '');
      out(indent(pc.red(r.message ?? ''), '      '));
    }
    // A failure's evidence, or what a passing check measured (ctx.note).
    for (const d of r.details ?? []) out(indent(pc.dim(d), '      '));
  }
  if (r.output) out(indent(`${pc.yellow('your code printed:')}\n${r.output.trimEnd()}`, '      │ '));
}

export function printExerciseEnd(r: ExerciseResult): void {
  if (r.compileError) {
    out(`  ${pc.red('✗')} compiles ${pc.dim('[compile]')}`);
    out(indent(pc.red(r.compileError), '      '));
  }
  if (r.loadError) {
    out(`  ${pc.red('✗')} loads ${pc.dim('[load]')}`);
    out(indent(pc.red(`loading the file failed: ${r.loadError}`), '      '));
  }
  if (r.typeErrors?.length) {
    out(`  ${pc.red('✗')} has no type errors ${pc.dim('[typecheck]')}`);
    for (const e of r.typeErrors) out(indent(pc.red(e), '      '));
  }
  const passed = r.checks.filter((c) => c.passed).length;
  const verdict = r.passed ? pc.green('passes') : pc.red('fails');
  out(
    `  ${r.id} ${verdict}: ${passed} of ${r.checks.length} checks pass${r.typeErrors?.length ? ', with type errors' : ''} ${pc.dim(`(${(r.ms / 1000).toFixed(1)} s)`)}`,
  );
}

export { out };
