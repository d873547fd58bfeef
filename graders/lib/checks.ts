import * as fc from 'fast-check';
import { makeRng, type Rng } from '../../reference/random';
import { anySeed, normalTensor } from './arbitraries';
import { CheckFailure, InputIndependent, NotImplemented, SubjectStopped } from './failure';
import { expectGradientClose, numericVjp } from './gradcheck';
import type { Subject } from './subject';
import type { TensorData } from './tensor-data';

/**
 * The kinds of check (docs/curriculum.md): a worked example, a fast-check property, a gradient against
 * finite differences, agreement with the tfjs reference; plus an outcome of training, a clear
 * error on bad input, and the tensor-leak check every tensor exercise gets.
 */
export type CheckKind = 'example' | 'property' | 'gradient' | 'reference' | 'training' | 'error' | 'leak';

export interface CheckContext {
  subject: Subject;
  /** This check's seed, derived from the run's seed, the exercise and the check name. */
  seed: number;
  /** A generator seeded with `seed`. */
  rng: Rng;
  /** Multiplies every property's number of runs (grading may ask for more). */
  runsScale: number;
  /** Shows a figure the check measured under it, whether it passes or not (what a training run reached). */
  note(line: string): void;
}

export interface Check {
  name: string;
  kind: CheckKind;
  run(ctx: CheckContext): Promise<void>;
}

export interface Exercise {
  /** NN-slug: the folder name in exercises/, solutions/ and the file names in reference/, graders/checks/. */
  id: string;
  title: string;
  /** The student's file inside the exercise folder. */
  file: string;
  /** Course modules (reference/<name>.ts) the student may import, besides `random`. */
  uses: string[];
  /** Longest a single call may run before the student's process is stopped. */
  callTimeoutMs: number;
  /**
   * graders/checks/<id>/driver.ts when it exists (the registry sets it): a module run beside the
   * student's code in the subject process, for what cannot be a plain call with data, such as
   * building an expression graph with the student's classes. It imports the student's module as
   * 'd2l-ts/student'; its exports are called like the student's, and their names must not clash
   * with them. Trusted, but it runs where the student's code runs: only data it returns is judged,
   * in the parent.
   */
  driver?: string;
  checks: Check[];
}

export interface ExerciseSpec {
  id: string;
  title: string;
  file: string;
  uses?: string[];
  /** false for exercises without tensors (no leak check). */
  tensors?: boolean;
  /**
   * false where the checks call only a driver's functions with plain data that the student's code
   * never receives (the driver builds the student's objects itself): the arguments check could
   * never fail there, so the exercise checks what the student's code does to its objects instead.
   */
  argumentsReachStudent?: boolean;
  callTimeoutMs?: number;
  checks: Check[];
}

export function defineExercise(spec: ExerciseSpec): Exercise {
  const names = new Set<string>();
  for (const c of spec.checks) {
    if (names.has(c.name)) throw new Error(`${spec.id}: two checks are named "${c.name}"`);
    names.add(c.name);
  }
  return {
    id: spec.id,
    title: spec.title,
    file: spec.file,
    uses: spec.uses ?? [],
    callTimeoutMs: spec.callTimeoutMs ?? 20_000,
    // Every exercise's calls are checked for damage to their arguments; tensor exercises for leaks too.
    checks: [
      ...spec.checks,
      ...(spec.argumentsReachStudent === false ? [] : [argumentsCheck()]),
      ...(spec.tensors === false ? [] : [leakCheck()]),
    ],
  };
}

/** A worked value from the notes or d2l, or any fixed input. */
export function example(name: string, body: (s: Subject, ctx: CheckContext) => Promise<void>): Check {
  return { name, kind: 'example', run: (ctx) => body(ctx.subject, ctx) };
}

/** The result of a training run meets its stated outcome; `ctx.rng` draws the data. */
export function training(name: string, body: (s: Subject, ctx: CheckContext) => Promise<void>): Check {
  return { name, kind: 'training', run: (ctx) => body(ctx.subject, ctx) };
}

/** Bad input gets a clear error. */
export function rejects(name: string, body: (s: Subject, ctx: CheckContext) => Promise<void>): Check {
  return { name, kind: 'error', run: (ctx) => body(ctx.subject, ctx) };
}

/**
 * Runs of a property in a student's run. The self-test proves every mutant is caught at this
 * count; grading multiplies it (runsScale) for more coverage with fresh seeds.
 */
export const DEFAULT_RUNS = 20;

export interface PropertyOptions {
  numRuns?: number;
  kind?: 'property' | 'reference' | 'gradient';
}

/**
 * A fast-check property over generated inputs. On failure the message is the (shrunk)
 * counterexample's failure, with the counterexample and fast-check's seed and path.
 */
export function property<T>(
  name: string,
  arb: fc.Arbitrary<T>,
  body: (s: Subject, value: T, ctx: CheckContext) => Promise<void>,
  options: PropertyOptions = {},
): Check {
  return {
    name,
    kind: options.kind ?? 'property',
    async run(ctx) {
      const numRuns = Math.max(1, Math.round((options.numRuns ?? DEFAULT_RUNS) * ctx.runsScale));
      let firstMet: { value: T; failure: InputIndependent } | undefined;
      // The first failure fast-check meets is on the unshrunk input: shrinking drives a counterexample
      // towards the tolerance's edge ("off by 1.5e-4, allowed 1.4e-4"), so the original error is shown too.
      let firstFailure: { value: T; failure: CheckFailure } | undefined;
      const details = await fc.check(
        fc.asyncProperty(arb, async (v) => {
          try {
            await body(ctx.subject, v, ctx);
          } catch (e) {
            if (e instanceof InputIndependent) firstMet ??= { value: v, failure: e };
            else if (e instanceof CheckFailure) firstFailure ??= { value: v, failure: e };
            throw e;
          }
        }),
        { seed: ctx.seed, numRuns },
      );
      if (!details.failed) return;
      if (firstMet) {
        // Not implemented, timed out, crashed: the input that met it first is the one to show.
        if (firstMet.failure instanceof NotImplemented) throw firstMet.failure;
        throw new SubjectStopped(firstMet.failure.message, [
          `input: ${fc.stringify(firstMet.value)}`,
          `fast-check seed ${details.seed}`,
        ]);
      }
      const failure = details.errorInstance;
      // Anything but a CheckFailure is a fault of the check itself, not a verdict on the student.
      if (!(failure instanceof CheckFailure)) throw failure;
      const unshrunk =
        firstFailure && firstFailure.failure.message !== failure.message
          ? [
              `before shrinking: ${firstFailure.failure.message}`,
              `  on input: ${clip(fc.stringify(firstFailure.value))}`,
            ]
          : [];
      throw new CheckFailure(failure.message, [
        `input: ${fc.stringify(details.counterexample?.[0])}`,
        ...failure.details,
        ...unshrunk,
        `fast-check seed ${details.seed}, path ${details.counterexamplePath} (failed after ${details.numRuns} run${details.numRuns === 1 ? '' : 's'}, shrunk ${details.numShrinks} times)`,
      ]);
    },
  };
}

/** A property comparing the student's output with the tfjs reference. */
export function reference<T>(
  name: string,
  arb: fc.Arbitrary<T>,
  body: (s: Subject, value: T, ctx: CheckContext) => Promise<void>,
  options: Omit<PropertyOptions, 'kind'> = {},
): Check {
  return property(name, arb, body, { ...options, kind: 'reference' });
}

export interface GradientSpec {
  /** The exported function differentiated by tfjs in the student's process. */
  fn: string;
  /** Its arguments. */
  args: fc.Arbitrary<unknown[]>;
  /** Positions of the tensor arguments to differentiate with respect to. */
  wrt: number[];
  /** A trusted forward pass (the reference) that finite differences are taken of. */
  forward: (...args: unknown[]) => TensorData;
  numRuns?: number;
  /**
   * Skips draws (fc.pre) where some argument's numeric gradient stays below this everywhere: there
   * the float32 rounding of the outputs is a sizeable part of the gradient being compared.
   */
  skipBelow?: number;
}

/**
 * The gradient tfjs computes through the student's function, with a random upstream gradient,
 * against central finite differences of the reference forward pass (see gradcheck.ts).
 */
export function gradient(name: string, spec: GradientSpec): Check {
  const { skipBelow } = spec;
  return property(
    name,
    fc.tuple(spec.args, anySeed),
    async (s, [args, dySeed]) => {
      const y = spec.forward(...args);
      const dy = normalTensor(makeRng(dySeed), y.shape);
      const numeric = await numericVjp((a) => spec.forward(...a), args, spec.wrt, dy);
      if (skipBelow !== undefined) fc.pre(numeric.every((g) => g.values.some((v) => Math.abs(v) >= skipBelow)));
      const { grads } = await s.vjp(spec.fn, args, spec.wrt, dy);
      spec.wrt.forEach((w, k) =>
        expectGradientClose(grads[k]!, numeric[k]!, `the gradient of ${spec.fn} with respect to argument ${w + 1}`),
      );
    },
    { numRuns: spec.numRuns ?? 10, kind: 'gradient' },
  );
}

/** Every tensor a function makes and does not return must be disposed (tf.tidy does it). */
export function leakCheck(): Check {
  return {
    name: 'leaks no tensors (wrap tensor code in tf.tidy)',
    kind: 'leak',
    async run({ subject }) {
      const used = [...subject.usage].filter(([, u]) => u.ok > 0);
      if (used.length === 0) throw new CheckFailure('no call returned normally, so leaks could not be checked');
      const leaky = used.filter(([, u]) => u.leaked > 0);
      if (leaky.length > 0) {
        throw new CheckFailure(
          leaky
            .map(
              ([fn, u]) =>
                `${fn} left ${u.leaked} tensor${u.leaked === 1 ? '' : 's'} undisposed over ${u.ok} call${u.ok === 1 ? '' : 's'}`,
            )
            .join('; '),
          ['tensors made inside a function and not returned must be disposed: wrap the body in tf.tidy(() => ...)'],
        );
      }
    },
  };
}

/**
 * A function must leave its arguments as it got them and return new tensors: disposing or
 * changing an argument, or returning one itself, breaks its caller however right the output is
 * (graders/run/argument-damage.ts measures it after every call).
 */
export function argumentsCheck(): Check {
  return {
    name: 'leaves its arguments intact and returns new tensors',
    kind: 'leak',
    async run({ subject }) {
      const used = [...subject.usage].filter(([, u]) => u.ok > 0);
      if (used.length === 0)
        throw new CheckFailure(
          'no call returned normally, so what the calls did to their arguments could not be checked',
        );
      const damaged = used.flatMap(([fn, u]) =>
        [...u.damage].map(([what, n]) => `${fn} ${what} (in ${n} of ${u.ok} call${u.ok === 1 ? '' : 's'})`),
      );
      if (damaged.length > 0) {
        throw new CheckFailure(damaged.join('; '), [
          'a caller still owns the tensors and arrays it passes: make new ones (tf.tidy returns new tensors; copy an array before changing it)',
        ]);
      }
    },
  };
}

/** A long printed input cut to a readable length. */
const clip = (text: string, max = 400) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** 32-bit FNV-1a of a string: a check's seed from the run's seed, exercise and check name. */
export function seedFor(runSeed: number, exerciseId: string, checkName: string): number {
  let h = 0x811c9dc5 ^ runSeed;
  for (const ch of `${exerciseId}\u0000${checkName}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}
