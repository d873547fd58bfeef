/**
 * Nested parameter records (an encoder-decoder's { encoder: { embedding, layers: [...] }, decoder })
 * as lists of tensors and back: what a training loop needs to differentiate with respect to every
 * parameter and to rebuild the record after a step. Exercise 42 may import it.
 *   paramLeaves(tree)      the tensors of the tree, depth first, keys in their own order
 *   mapParams(tree, f)     the same tree with each tensor t at position i replaced by f(t, i)
 */
import * as tf from '@tensorflow/tfjs';

/** The tensors of a parameter tree, depth first, object keys in their own order, arrays by index. */
export function paramLeaves(tree: unknown): tf.Tensor[] {
  if (tree instanceof tf.Tensor) return [tree];
  if (Array.isArray(tree)) return tree.flatMap(paramLeaves);
  if (tree !== null && typeof tree === 'object') return Object.values(tree).flatMap(paramLeaves);
  return [];
}

/** The tree with every tensor replaced by f(tensor, its position in paramLeaves' order); other values kept. */
export function mapParams<P>(tree: P, f: (t: tf.Tensor, i: number) => tf.Tensor): P {
  let i = 0;
  const walk = (t: unknown): unknown => {
    if (t instanceof tf.Tensor) return f(t, i++);
    if (Array.isArray(t)) return t.map(walk);
    if (t !== null && typeof t === 'object') return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, walk(v)]));
    return t;
  };
  return walk(tree) as P;
}
