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

/** Throws a CheckFailure unless `condition` holds. */
export function ensure(condition: boolean, message: string, details: readonly string[] = []): asserts condition {
  if (!condition) throw new CheckFailure(message, details);
}
