/**
 * Trivial answers to an exercise, made from its stub: every line that throws "Not implemented"
 * returns instead a zero, a constant, the identity (its first argument, copied) or a uniform
 * distribution over the last axis. None of them computes anything, so none may earn points
 * (issue: a uniform softmax scored 3.6 of 10 from properties any distribution has); the self-test
 * grades each against every exercise (selftest/exercise-suite.ts).
 */
export const TRIVIAL_KINDS = ['zero', 'constant', 'identity', 'uniform'] as const;
export type TrivialKind = (typeof TRIVIAL_KINDS)[number];

const STUB_LINE = /^(\s*)throw new Error\('Not implemented: [^']*'\);\s*$/;

/** What a trivial line returns, from the function's arguments: plain JavaScript, to be inlined. */
const TRIVIAL = `(kind, args) => {
  const tensors = [];
  const find = (v, depth) => {
    if (v instanceof __tf.Tensor) tensors.push(v);
    else if (depth < 3 && v !== null && typeof v === 'object') for (const x of Array.isArray(v) ? v : Object.values(v)) find(x, depth + 1);
  };
  for (const a of args) find(a, 0);
  const t = tensors[0];
  const first = args[0];
  if (!t) {
    if (kind === 'identity') return first;
    if (Array.isArray(first)) return kind === 'zero' ? [] : first.map(() => 1);
    return kind === 'zero' ? 0 : 1;
  }
  if (kind === 'zero') return __tf.zerosLike(t);
  if (kind === 'constant') return __tf.onesLike(t);
  if (kind === 'identity') return t.clone();
  return __tf.tidy(() => __tf.onesLike(t).div(t.shape.length > 0 ? t.shape[t.shape.length - 1] : 1));
}`;

/** The stub's source with every throwing line answering trivially; undefined if it has none. */
export function trivialAnswer(stub: string, kind: TrivialKind): string | undefined {
  let replaced = 0;
  const body = stub
    .split('\n')
    .map((line) => {
      const m = STUB_LINE.exec(line);
      if (!m) return line;
      replaced++;
      return `${m[1]}return __trivial('${kind}', arguments);`;
    })
    .join('\n');
  if (replaced === 0) return undefined;
  return `// @ts-nocheck\n// A trivial answer (${kind}): graders/authoring/trivial.ts\nimport * as __tf from '@tensorflow/tfjs';\nconst __trivial = ${TRIVIAL};\n${body}`;
}
