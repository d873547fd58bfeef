import * as fc from 'fast-check';
import { type Check, type CheckContext, property, type PropertyOptions } from './checks';
import { CheckFailure, InputIndependent } from './failure';
import type { Subject } from './subject';

/**
 * A property that first runs a few fixed cases, then its random ones. The fixed cases are the
 * inputs that always show a mistake (a batch of two, where time-major and batch-major orders
 * differ; both iterators; a θ small enough to clip; seed 0): tried at every seed, so whether a
 * mistake is caught never depends on what fast-check happens to draw. `label` names a case in a
 * failure's details. Cases that need tfjs to build are given as a function, called when the check
 * runs (a checks module is loaded before the backend is ready).
 */
export function fixedThenRandom<T>(
  name: string,
  cases: readonly T[] | (() => readonly T[]),
  arb: fc.Arbitrary<T>,
  body: (s: Subject, value: T, ctx: CheckContext) => Promise<void>,
  options: PropertyOptions & { label?: (value: T) => string } = {},
): Check {
  const random = property(name, arb, body, options);
  return {
    name,
    kind: random.kind,
    async run(ctx) {
      for (const c of typeof cases === 'function' ? cases() : cases) {
        try {
          await body(ctx.subject, c, ctx);
        } catch (e) {
          // Not implemented, timed out, crashed: as it is. A verdict on the case: with the case shown.
          if (e instanceof InputIndependent || !(e instanceof CheckFailure)) throw e;
          throw new CheckFailure(e.message, [
            `on the fixed case ${options.label ? options.label(c) : clip(fc.stringify(c))}`,
            ...e.details,
          ]);
        }
      }
      await random.run(ctx);
    },
  };
}

const clip = (text: string, max = 400) => (text.length > max ? `${text.slice(0, max)}…` : text);
