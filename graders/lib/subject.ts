import type { TensorData } from './tensor-data';

/**
 * What a check knows about one function's calls: how many, how many returned, tensors leaked, and
 * what the calls did to their arguments (each kind of damage once, with how many calls did it).
 */
export interface Usage {
  calls: number;
  ok: number;
  leaked: number;
  damage: Map<string, number>;
}

export const newUsage = (): Usage => ({ calls: 0, ok: 0, leaked: 0, damage: new Map() });

/**
 * The implementation under test as the checks see it: a student's module running in another
 * process. Every method returns plain data (TensorData for tensors) or throws a CheckFailure
 * that says what went wrong in the student's words: it threw, timed out, returned a non-tensor.
 */
export interface Subject {
  /** The student's file, as shown in messages. */
  readonly file: string;
  /** Calls an exported function; returns what it returned. */
  call(fn: string, ...args: unknown[]): Promise<unknown>;
  /** Calls an exported function that must return a tensor. */
  tensor(fn: string, ...args: unknown[]): Promise<TensorData>;
  /**
   * Calls `fn` under tf.valueAndGrads in the student's process: the value and the gradients of
   * sum(dy * fn(args)) with respect to the arguments at positions `wrt`.
   */
  vjp(fn: string, args: unknown[], wrt: number[], dy: TensorData): Promise<{ value: TensorData; grads: TensorData[] }>;
  /**
   * Expects the call to throw an error of the class the task promises (its `name`, e.g.
   * 'HyperparameterError') whose message matches `pattern`; `why` says when it should.
   */
  rejects(fn: string, args: unknown[], pattern: RegExp, why: string, name: string): Promise<void>;
  /** Per function: calls made so far in this run. */
  readonly usage: ReadonlyMap<string, Usage>;
}
