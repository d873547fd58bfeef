/**
 * A check's verdict "no", with what a student needs to act on it: one sentence saying what is
 * wrong, then detail lines (expected vs got with shapes, the input, where in their file).
 */
export class CheckFailure extends Error {
  override name = 'CheckFailure';
  constructor(
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

/**
 * A failure that does not depend on the input: a property reports it with the first input that
 * met it, not with a shrunk one (shrinking would only find the smallest input that also fails).
 */
export class InputIndependent extends CheckFailure {}

/** The student's function still throws the stub's "Not implemented" error. */
export class NotImplemented extends InputIndependent {
  override name = 'NotImplemented';
}

/** The process running the student's code was stopped (a time-out) or stopped itself (exit, crash). */
export class SubjectStopped extends InputIndependent {
  override name = 'SubjectStopped';
}

/** Throws a CheckFailure unless `condition` holds. */
export function ensure(condition: boolean, message: string, details: readonly string[] = []): asserts condition {
  if (!condition) throw new CheckFailure(message, details);
}
