import * as tf from '@tensorflow/tfjs';

/**
 * Expression graphs as plain data, and their gradients by tfjs: the reference of exercise 14,
 * whose checks describe random graphs this way and build them with the student's Value class
 * (graders/checks/14-autodiff/driver.ts) and with tfjs here.
 */
export type Binary = 'add' | 'sub' | 'mul' | 'div';
export type Unary = 'exp' | 'log' | 'tanh' | 'relu' | 'neg';

/**
 * One node of an expression graph, referring to earlier nodes by index: a leaf (an input to
 * differentiate with respect to), a binary operation on two nodes (`b`) or on a node and a
 * constant number (`k`), a power with a constant exponent, or a unary function.
 */
export type GraphNode =
  | { op: 'leaf'; x: number }
  | { op: Binary; a: number; b: number }
  | { op: Binary; a: number; k: number }
  | { op: 'pow'; a: number; k: number }
  | { op: Unary; a: number };

const UNARY: Record<Exclude<Unary, 'neg'>, (x: tf.Tensor) => tf.Tensor> = {
  exp: tf.exp,
  log: tf.log,
  tanh: tf.tanh,
  relu: tf.relu,
};
const BINARY: Record<Binary, (a: tf.Tensor, b: tf.Tensor | number) => tf.Tensor> = {
  add: tf.add,
  sub: tf.sub,
  mul: tf.mul,
  div: tf.div,
};

/** The graph built from float32 scalars: the value of its last node and tf.grads with respect to every leaf. */
export function tfValueAndGrads(nodes: GraphNode[]): { value: number; grads: number[] } {
  const f = (...leaves: tf.Tensor[]): tf.Tensor => {
    const v: tf.Tensor[] = [];
    let leaf = 0;
    for (const n of nodes) {
      if (n.op === 'leaf') v.push(leaves[leaf++]!);
      else if (n.op === 'pow') v.push(tf.pow(v[n.a]!, n.k));
      else if (n.op === 'neg') v.push(tf.neg(v[n.a]!));
      else if (n.op === 'exp' || n.op === 'log' || n.op === 'tanh' || n.op === 'relu') v.push(UNARY[n.op](v[n.a]!));
      else v.push(BINARY[n.op](v[n.a]!, 'k' in n ? n.k : v[(n as { b: number }).b]!));
    }
    // + 0 · Σ leaves: tf.grads refuses a leaf the output does not depend on; its gradient is 0.
    return v.at(-1)!.add(tf.addN(leaves).mul(0));
  };
  return tf.tidy(() => {
    const leaves = nodes.flatMap((n) => (n.op === 'leaf' ? [tf.scalar(n.x)] : []));
    const { value, grads } = tf.valueAndGrads(f)(leaves);
    return { value: value.dataSync()[0]!, grads: grads.map((g) => g.dataSync()[0]!) };
  });
}
