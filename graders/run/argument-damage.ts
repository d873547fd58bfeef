/**
 * Runs in the subject process, after each call: what the student's function did to its arguments.
 * A function that disposes or changes an argument tensor, changes an argument array or object in
 * place, or returns an argument tensor itself (so that disposing the result disposes the caller's
 * input) passes every check on its output and still breaks the code that calls it. Measured here,
 * where the student's code runs, so it is feedback (the leak-kind checks), never points.
 */
import * as tf from '@tensorflow/tfjs';
import { isWireTensor, type Wire } from './wire';

/** One line per damaged argument, naming where: "disposed argument 1", "changed argument 2.W_xh in place". */
export function argumentDamage(
  args: readonly unknown[],
  sent: readonly Wire[],
  results: ReadonlySet<tf.Tensor>,
): string[] {
  const out: string[] = [];
  args.forEach((a, i) => inspect(a, sent[i], `argument ${i + 1}`, results, out));
  return out;
}

function sameValues(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function inspect(v: unknown, w: Wire, where: string, results: ReadonlySet<tf.Tensor>, out: string[]): void {
  if (v instanceof tf.Tensor) {
    if (v.isDisposed) out.push(`disposed ${where}, a tensor its caller still owns`);
    else if (w !== null && typeof w === 'object' && isWireTensor(w) && !sameValues(v.dataSync(), w.$tensor.values)) {
      out.push(`changed the values of ${where} in place`);
    }
    if (results.has(v))
      out.push(
        `returned ${where} itself instead of a new tensor (disposing the result would dispose the caller's input)`,
      );
    return;
  }
  if (Array.isArray(v)) {
    if (!Array.isArray(w) || w.length !== v.length) out.push(`changed ${where} in place (its length)`);
    else v.forEach((x, i) => inspect(x, w[i], `${where}[${i}]`, results, out));
    return;
  }
  if (v instanceof Map || v instanceof Set) {
    const size =
      w !== null && typeof w === 'object' && !Array.isArray(w)
        ? ('$map' in w && w.$map) || ('$set' in w && w.$set) || []
        : [];
    if ((size as unknown[]).length !== v.size) out.push(`changed ${where} in place (its size)`);
    return;
  }
  if (v !== null && typeof v === 'object') {
    if (w === null || typeof w !== 'object' || Array.isArray(w)) return;
    const sentKeys = Object.keys(w);
    const keys = Object.keys(v);
    if (keys.length !== sentKeys.length || keys.some((k) => !(k in w)))
      out.push(`changed ${where} in place (its keys)`);
    else
      for (const k of keys)
        inspect(
          (v as Record<string, unknown>)[k],
          (w as Record<string, Wire>)[k] as Wire,
          `${where}.${k}`,
          results,
          out,
        );
    return;
  }
  if (!Object.is(v, w)) out.push(`changed ${where} in place`);
}
