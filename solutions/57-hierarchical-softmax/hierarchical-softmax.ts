import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from 'd2l-ts/reference/errors';

/**
 * A binary tree over a vocabulary of N words, as the path from the root to each word's leaf:
 * nodes[w] lists the inner nodes n(w, 1), …, n(w, L(w) − 1) on the way (inner nodes are numbered
 * 0 … N − 2, each with its own context vector u), and left[w][j] says whether the path goes on to
 * the LEFT child of nodes[w][j].
 */
export interface TreePaths {
  nodes: number[][];
  left: boolean[][];
}

/**
 * The complete binary tree of d2l's figure (图 14.2.1 / 15.2.1), in heap order: 2N − 1 nodes, node i
 * with children 2i + 1 (left) and 2i + 2 (right); the inner nodes are 0 … N − 2 (the root is 0)
 * and word k is the leaf node N − 1 + k. With N = 8, word w₃ (k = 2) is node 9, reached from the
 * root by left, right, left through inner nodes 0, 1, 4. numWords must be a whole number >= 2
 * (a tree of one word has no inner node): otherwise a HyperparameterError naming numWords.
 */
export function heapTreePaths(numWords: number): TreePaths {
  // BEGIN SOLUTION
  if (!Number.isInteger(numWords) || numWords < 2)
    throw new HyperparameterError(`numWords = ${numWords}: a tree needs a whole number of words >= 2`);
  const nodes: number[][] = [];
  const left: boolean[][] = [];
  for (let k = 0; k < numWords; k++) {
    const path: number[] = [];
    const turns: boolean[] = [];
    for (let node = numWords - 1 + k; node > 0; node = Math.floor((node - 1) / 2)) {
      const parent = Math.floor((node - 1) / 2);
      path.unshift(parent);
      turns.unshift(node === 2 * parent + 1);
    }
    nodes.push(path);
    left.push(turns);
  }
  return { nodes, left };
  // END SOLUTION
}

/**
 * word2vec's Huffman tree, where frequent words get short paths: start with one node per word
 * (id w, its count); N − 1 times, take the two nodes of smallest count (ties: smaller id first),
 * make them the LEFT (the first taken) and RIGHT children of a new inner node whose count is
 * their sum; the k-th inner node made (k = 0 … N − 2) is inner node k and gets id N + k. The root
 * is the last one, inner node N − 2. Returns the path of every word. counts must hold at least
 * two numbers, all >= 0: otherwise a HyperparameterError naming counts.
 */
export function huffmanTreePaths(counts: number[]): TreePaths {
  // BEGIN SOLUTION
  if (counts.length < 2 || counts.some((c) => !(c >= 0)))
    throw new HyperparameterError(`counts = [${counts}]: a tree needs at least 2 words with counts >= 0`);
  const N = counts.length;
  const pool = counts.map((count, id) => ({ count, id }));
  const children: [number, number][] = [];
  while (pool.length > 1) {
    pool.sort((a, b) => a.count - b.count || a.id - b.id);
    const [a, b] = pool.splice(0, 2);
    children.push([a.id, b.id]);
    pool.push({ count: a.count + b.count, id: N + children.length - 1 });
  }
  const nodes: number[][] = new Array(N);
  const left: boolean[][] = new Array(N);
  const walk = (id: number, path: number[], turns: boolean[]) => {
    if (id < N) {
      nodes[id] = path;
      left[id] = turns;
      return;
    }
    const k = id - N;
    walk(children[k][0], [...path, k], [...turns, true]);
    walk(children[k][1], [...path, k], [...turns, false]);
  };
  walk(2 * N - 2, [], []);
  return { nodes, left };
  // END SOLUTION
}

/**
 * Hierarchical softmax (层序Softmax): for each center vector (a row of vC [n, d]) the probability
 * of every word w of the tree,
 *   P(w | w_c) = Π_{j=1}^{L(w)−1} σ( [[n(w, j+1) = leftChild(n(w, j))]] · u_{n(w,j)}ᵀ v_c ),
 * where [[x]] is 1 if x is true and −1 otherwise, and row i of U [N − 1, d] is the vector of inner
 * node i. Since σ(x) + σ(−x) = 1, the probabilities of all leaves sum to 1. Returns [n, N].
 * (For a stable log σ(x) write −softplus(−x) with tf.softplus; tf.logSigmoid of a tensor made
 * inside tf.tidy has no gradient in tfjs 4.22.)
 */
export function hierarchicalSoftmaxProbs(vC: tf.Tensor2D, U: tf.Tensor2D, paths: TreePaths): tf.Tensor2D {
  // BEGIN SOLUTION
  return tf.tidy(() => {
    const N = paths.nodes.length;
    // signs[i][w]: +1 if w's path turns left at inner node i, −1 if right, 0 if it does not pass i.
    const signs = Array.from({ length: N - 1 }, () => new Array<number>(N).fill(0));
    paths.nodes.forEach((path, w) => path.forEach((i, j) => (signs[i][w] = paths.left[w][j] ? 1 : -1)));
    const A = tf.tensor2d(signs, [N - 1, N]);
    const S = vC.matMul(U, false, true).expandDims(2); // [n, N − 1, 1]
    const logSigma = tf.neg(tf.softplus(tf.neg(S.mul(A)))); // log σ(±uᵀv) per node and word
    return tf.exp(logSigma.mul(tf.abs(A)).sum(1)) as tf.Tensor2D;
  });
  // END SOLUTION
}
