import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A plausible wrong answer to an exercise, kept beside its checks (graders/checks/<id>/mutants.ts) and
 * written as edits of the solution, so it follows the solution when that changes. The self-test
 * proves some check rejects every mutant, and that every check rejects some mutant.
 */
export interface Mutant {
  /** kebab-case name, e.g. "no-max-shift". */
  name: string;
  /** The mistake, as a student would make it. */
  why: string;
  /** Edits applied in order to the solution file: each `from` must occur exactly once. */
  replace: [from: string, to: string][];
}

export function applyMutant(source: string, m: Mutant, label: string): string {
  let out = source;
  for (const [from, to] of m.replace) {
    const first = out.indexOf(from);
    if (first < 0)
      throw new Error(`mutant ${m.name} of ${label}: text not found in the solution: ${JSON.stringify(from)}`);
    if (out.indexOf(from, first + 1) >= 0)
      throw new Error(`mutant ${m.name} of ${label}: text occurs more than once: ${JSON.stringify(from)}`);
    out = out.slice(0, first) + to + out.slice(first + from.length);
  }
  return out;
}

/** Writes each mutant of a solution file to <outDir>/<name>/<file>; returns name -> path. */
export function writeMutants(
  solutionFile: string,
  file: string,
  mutants: Mutant[],
  outDir: string,
): Map<string, string> {
  const source = readFileSync(solutionFile, 'utf8');
  const paths = new Map<string, string>();
  for (const m of mutants) {
    const dir = join(outDir, m.name);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, file);
    writeFileSync(path, applyMutant(source, m, solutionFile));
    paths.set(m.name, path);
  }
  return paths;
}
