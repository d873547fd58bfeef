import type { CheckKind } from './checks';

/** One check's verdict on one implementation, as the reports and the grader read it. */
export interface CheckResult {
  name: string;
  kind: CheckKind;
  passed: boolean;
  /** The function under test still throws the stub's error. */
  notImplemented?: boolean;
  /** Not run: an earlier check's call timed out and the run stopped calling the student's code. */
  notRunAfterTimeout?: boolean;
  /** The check itself failed (a fault of the course, not of the student's code). */
  crashed?: boolean;
  message?: string;
  details?: readonly string[];
  /** What the student's code printed during this check. */
  output?: string;
  ms: number;
}

/** One exercise's checks run against one file. */
export interface ExerciseResult {
  id: string;
  /** The student's file as shown in messages. */
  file: string;
  passed: boolean;
  /** Set when the file could not be bundled (syntax error, refused import, missing): no check ran. */
  compileError?: string;
  /** Set when the module's top level threw while loading. */
  loadError?: string;
  /** Compiler errors, when type-checking was asked for. */
  typeErrors?: string[];
  checks: CheckResult[];
  ms: number;
}
