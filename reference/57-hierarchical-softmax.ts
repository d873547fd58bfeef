/**
 * Hierarchical softmax (d2l-zh 14.2.2 / d2l-en 15.2.2): trees as root-to-leaf paths, and the
 * probability of every leaf. The Huffman tree is built here with two queues (leaves sorted by
 * count, inner nodes in the order made, whose counts never decrease), the exercise's
 * tie rule (smaller count, then smaller id: a leaf before an inner node); the probabilities word
 * by word as a product of sigmoids of gathered columns.
 */
import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from './errors';

export interface TreePaths {
  nodes: number[][];
  left: boolean[][];
}

/** Paths of a tree given as the children [left, right] of inner nodes 0 … N − 2 (ids: word w is w, inner node k is N + k). */
function pathsOf(N: number, children: readonly (readonly [number, number])[], rootId: number): TreePaths {
  const nodes: number[][] = Array.from({ length: N }, () => []);
  const left: boolean[][] = Array.from({ length: N }, () => []);
  const stack: [number, number[], boolean[]][] = [[rootId, [], []]];
  while (stack.length) {
    const [id, path, turns] = stack.pop()!;
    if (id < N) {
      nodes[id] = path;
      left[id] = turns;
      continue;
    }
    const [l, r] = children[id - N]!;
    stack.push([l, [...path, id - N], [...turns, true]], [r, [...path, id - N], [...turns, false]]);
  }
  return { nodes, left };
}

/** d2l's figure: heap order, inner nodes 0 … N − 2, word k at node N − 1 + k. */
export function heapTreePaths(numWords: number): TreePaths {
  if (!Number.isInteger(numWords) || numWords < 2)
    throw new HyperparameterError(`numWords = ${numWords}: a tree needs a whole number of words >= 2`);
  const N = numWords;
  // Heap node h: inner if h < N − 1 (id N + h), else word h − (N − 1).
  const id = (h: number) => (h < N - 1 ? N + h : h - (N - 1));
  const children = Array.from({ length: N - 1 }, (_, h) => [id(2 * h + 1), id(2 * h + 2)] as [number, number]);
  return pathsOf(N, children, N);
}

/** word2vec's Huffman tree with the exercise's tie rule. */
export function huffmanTreePaths(counts: readonly number[]): TreePaths {
  if (counts.length < 2 || counts.some((c) => !(c >= 0)))
    throw new HyperparameterError(`counts = [${counts}]: a tree needs at least 2 words with counts >= 0`);
  const N = counts.length;
  const leaves = counts.map((count, id) => ({ count, id })).sort((a, b) => a.count - b.count || a.id - b.id);
  const inner: { count: number; id: number }[] = [];
  let [li, ii] = [0, 0];
  const take = () => {
    const useLeaf = li < leaves.length && (ii >= inner.length || leaves[li]!.count <= inner[ii]!.count);
    return useLeaf ? leaves[li++]! : inner[ii++]!;
  };
  const children: [number, number][] = [];
  for (let k = 0; k < N - 1; k++) {
    const a = take();
    const b = take();
    children.push([a.id, b.id]);
    inner.push({ count: a.count + b.count, id: N + k });
  }
  return pathsOf(N, children, 2 * N - 2);
}

/** P(w | v_c) for every leaf: the product over w's path of σ(±u_nᵀ v_c), one word at a time. */
export function hierarchicalSoftmaxProbs(vC: tf.Tensor2D, U: tf.Tensor2D, paths: TreePaths): tf.Tensor2D {
  return tf.tidy(() => {
    const S = vC.matMul(U.transpose()); // [n, N − 1]
    const columns = paths.nodes.map((path, w) => {
      const sign = tf.tensor1d(paths.left[w]!.map((l) => (l ? 1 : -1)));
      return tf.sigmoid(tf.gather(S, tf.tensor1d(path, 'int32'), 1).mul(sign)).prod(1);
    });
    return tf.stack(columns, 1) as tf.Tensor2D;
  });
}
