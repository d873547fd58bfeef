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
  throw new Error('Not implemented: heapTreePaths (57-hierarchical-softmax). The task is in exercises/57-hierarchical-softmax/README.md');
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
  throw new Error('Not implemented: huffmanTreePaths (57-hierarchical-softmax). The task is in exercises/57-hierarchical-softmax/README.md');
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
  throw new Error('Not implemented: hierarchicalSoftmaxProbs (57-hierarchical-softmax). The task is in exercises/57-hierarchical-softmax/README.md');
}
