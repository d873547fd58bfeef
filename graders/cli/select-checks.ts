import type { Check, Exercise } from '../lib/checks';

/** Which checks of an exercise a run with `--check <text>` runs, and why. */
export interface Selection {
  checks: readonly Check[];
  /** Every check runs: the run's verdict is the exercise's (and is recorded). */
  complete: boolean;
  /** The filter named only leak-kind checks, so every check runs to give them calls to judge. */
  widened: boolean;
  /** The filter, when one was given. */
  filter?: string;
  /** How many checks the exercise has. */
  total: number;
}

/**
 * Leak-kind checks ("leaves its arguments intact...", "leaks no tensors") judge the calls the other
 * checks made, so they always run, after the checks chosen. A filter that names only them (or
 * matches no other check but some of them) runs every check: otherwise there would be no call to
 * judge and they would fail on correct code. A filter that matches nothing selects nothing.
 */
export function selectChecks(exercise: Exercise, filter: string | undefined): Selection {
  const all = exercise.checks;
  const total = all.length;
  if (!filter) return { checks: all, complete: true, widened: false, total };
  const text = filter.toLowerCase();
  const matches = (c: Check) => c.name.toLowerCase().includes(text);
  const isLeak = (c: Check) => c.kind === 'leak';
  const chosen = all.filter((c) => !isLeak(c) && matches(c));
  if (chosen.length === 0) {
    const leaks = all.filter((c) => isLeak(c) && matches(c));
    if (leaks.length === 0) return { checks: [], complete: false, widened: false, filter, total };
    return { checks: all, complete: true, widened: true, filter, total };
  }
  const checks = [...chosen, ...all.filter(isLeak)];
  return { checks, complete: checks.length === total, widened: false, filter, total };
}
