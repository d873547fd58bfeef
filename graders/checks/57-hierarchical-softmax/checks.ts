import * as fc from 'fast-check';
import * as ref from '../../../reference/57-hierarchical-softmax';
import { normalTensor, seeded } from '../../lib/arbitraries';
import { defineExercise, example, gradient, property, reference, rejects } from '../../lib/checks';
import { expectClose, expectRowsAreDistributions, expectTensor } from '../../lib/compare';
import { CheckFailure, ensure } from '../../lib/failure';
import { dot } from '../../lib/float64/word2vec';
import type { Subject } from '../../lib/subject';
import { TensorData } from '../../lib/tensor-data';
import { callRef } from '../../lib/rnn';

interface TreePaths {
  nodes: number[][];
  left: boolean[][];
}

const show = (v: unknown) => JSON.stringify(v);

async function pathsOf(
  s: Subject,
  fn: 'heapTreePaths' | 'huffmanTreePaths',
  arg: number | number[],
): Promise<TreePaths> {
  const p = (await s.call(fn, arg)) as Partial<TreePaths> | null;
  const N = typeof arg === 'number' ? arg : arg.length;
  if (p === null || typeof p !== 'object' || !Array.isArray(p.nodes) || !Array.isArray(p.left))
    throw new CheckFailure(`${fn}(${show(arg)}) should return { nodes: number[][], left: boolean[][] }`);
  ensure(
    p.nodes.length === N && p.left.length === N,
    `${fn}(${show(arg)}) should give one path per word (${N}), got ${p.nodes.length}`,
  );
  p.nodes.forEach((path, w) =>
    ensure(
      Array.isArray(path) && Array.isArray(p.left![w]) && path.length === p.left![w]!.length,
      `the path of word ${w} has ${show(path)} as nodes and ${show(p.left![w])} as turns: one turn per node`,
    ),
  );
  return p as TreePaths;
}

/** The word at the end of a path in heap order: follow the turns from the root 0. */
function heapLeaf(path: TreePaths, w: number, N: number): string | undefined {
  let node = 0;
  for (let j = 0; j < path.nodes[w]!.length; j++) {
    if (path.nodes[w]![j] !== node)
      return `step ${j + 1} of word ${w}'s path is node ${path.nodes[w]![j]}, but the turns so far lead to node ${node}`;
    node = 2 * node + (path.left[w]![j] ? 1 : 2);
  }
  return node === N - 1 + w ? undefined : `word ${w}'s path ends at node ${node}, not at its leaf ${N - 1 + w}`;
}

/**
 * The tree of a set of paths is a full binary tree whose leaves are the words: the codes (turn
 * sequences) are prefix-free and Σ 2^−length = 1 (Kraft's equality), every inner node
 * 0 … N − 2 appears, and all paths start at one root.
 */
function expectFullTree(p: TreePaths, what: string): void {
  const N = p.nodes.length;
  const codes = p.left.map((turns) => turns.map((l) => (l ? 'L' : 'R')).join(''));
  const kraft = codes.reduce((s, c) => s + 2 ** -c.length, 0);
  ensure(
    Math.abs(kraft - 1) < 1e-12,
    `${what}: the paths' lengths ${show(codes.map((c) => c.length))} give Σ 2^−length = ${kraft}, but a full binary tree over the words gives 1`,
  );
  codes.forEach((a, i) =>
    codes.forEach((b, j) =>
      ensure(
        i === j || !b.startsWith(a),
        `${what}: word ${i}'s turns ${a || '(none)'} are the start of word ${j}'s ${b}: one leaf would lie on another's path`,
      ),
    ),
  );
  const roots = new Set(p.nodes.map((path) => path[0]));
  ensure(
    roots.size === 1,
    `${what}: the paths start at different nodes ${show([...roots])}: they all start at the root`,
  );
  const inner = new Set(p.nodes.flat());
  ensure(
    inner.size === N - 1 && [...inner].every((i) => Number.isInteger(i) && i >= 0 && i < N - 1),
    `${what}: the paths pass inner nodes ${show([...inner].sort((a, b) => a - b))}, expected each of 0 … ${N - 2}`,
  );
  // The same node at the same depth with the same turns before it: a node has one place in the tree.
  const place = new Map<number, string>();
  p.nodes.forEach((path, w) =>
    path.forEach((node, j) => {
      const where = codes[w]!.slice(0, j);
      ensure((place.get(node) ?? where) === where, `${what}: inner node ${node} is reached by two different routes`);
      place.set(node, where);
    }),
  );
}

/** Huffman's minimum of Σ count · depth, by repeatedly merging the two smallest counts. */
function huffmanCost(counts: number[]): number {
  const pool = [...counts];
  let cost = 0;
  while (pool.length > 1) {
    pool.sort((a, b) => a - b);
    const merged = pool.shift()! + pool.shift()!;
    cost += merged;
    pool.push(merged);
  }
  return cost;
}

/** Counts with ties (small integers), sometimes a zero. */
const countsArb = fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 2, maxLength: 12 });

const sigma = (x: number) => 1 / (1 + Math.exp(-x));

/** P(w | v) for every leaf, in float64. */
function probs64(vC: TensorData, U: TensorData, p: TreePaths): TensorData {
  const [u, N] = [U.rows(), p.nodes.length];
  const rows = vC
    .rows()
    .map((v) =>
      p.nodes.map((path, w) => path.reduce((acc, i, j) => acc * sigma((p.left[w]![j] ? 1 : -1) * dot(u[i]!, v)), 1)),
    );
  return TensorData.float([rows.length, N], rows.flat());
}

/** Center vectors, inner-node vectors and a tree (heap or Huffman) over 2 to 9 words. */
const hsCase = seeded((rng) => {
  const [n, N, d] = [1 + rng.int(4), 2 + rng.int(8), 1 + rng.int(4)];
  const paths =
    rng.uniform() < 0.5 ? ref.heapTreePaths(N) : ref.huffmanTreePaths(Array.from({ length: N }, () => rng.int(20)));
  return { vC: normalTensor(rng, [n, d]), U: normalTensor(rng, [N - 1, d]), paths };
});

async function hsProbs(s: Subject, vC: TensorData, U: TensorData, paths: TreePaths): Promise<TensorData> {
  return expectTensor(
    await s.call('hierarchicalSoftmaxProbs', vC, U, paths),
    'hierarchicalSoftmaxProbs(vC, U, paths)',
    [vC.shape[0]!, paths.nodes.length],
  );
}

export default defineExercise({
  id: '57-hierarchical-softmax',
  title: 'Hierarchical softmax on a binary tree',
  file: 'hierarchical-softmax.ts',
  checks: [
    example(
      "d2l's figure: in the heap tree of 8 words, w₃ is reached by left, right, left through nodes 0, 1, 4, and P(w₃ | w_c) = σ(u₀ᵀv) σ(−u₁ᵀv) σ(u₄ᵀv)",
      async (s) => {
        const p = await pathsOf(s, 'heapTreePaths', 8);
        ensure(
          show(p.nodes[2]) === show([0, 1, 4]) && show(p.left[2]) === show([true, false, true]),
          `w₃'s path is nodes ${show(p.nodes[2])} with turns ${show(p.left[2])} (true = left), expected nodes [0, 1, 4] with [true, false, true]`,
        );
        const v = TensorData.of([[0.5, -1]]);
        const U = TensorData.of([
          [1, 0],
          [0.5, 0.5],
          [0, 1],
          [2, 2],
          [-1, 1],
          [1, 1],
          [0, -2],
        ]);
        const got = await hsProbs(s, v, U, p);
        const expected = sigma(0.5) * sigma(-(0.25 - 0.5)) * sigma(-0.5 - 1);
        expectClose(
          TensorData.float([1], [got.get(0, 2)]),
          TensorData.float([1], [expected]),
          'P(w₃ | w_c) = σ(u₀ᵀv) σ(−u₁ᵀv) σ(u₄ᵀv)',
        );
      },
    ),
    property(
      'heapTreePaths follows the heap order from the root 0 to leaf N − 1 + k, with L(w) − 1 = ⌊log₂⌋ or ⌈log₂⌉ of N inner nodes',
      fc.integer({ min: 2, max: 40 }),
      async (s, N) => {
        const p = await pathsOf(s, 'heapTreePaths', N);
        p.nodes.forEach((_, w) => {
          const wrong = heapLeaf(p, w, N);
          ensure(wrong === undefined, `heapTreePaths(${N}): ${wrong}`);
        });
        const lengths = p.nodes.map((path) => path.length);
        ensure(
          lengths.every((L) => L === Math.floor(Math.log2(N)) || L === Math.ceil(Math.log2(N))),
          `heapTreePaths(${N}) has paths of ${show(lengths)} inner nodes, expected ⌊log₂ ${N}⌋ or ⌈log₂ ${N}⌉`,
        );
      },
    ),
    reference(
      "huffmanTreePaths builds word2vec's Huffman tree with the stated rule (smallest counts first, ties by id, the first taken on the left)",
      countsArb,
      async (s, counts) => {
        const got = await pathsOf(s, 'huffmanTreePaths', counts);
        const expected = ref.huffmanTreePaths(counts);
        const w = got.nodes.findIndex(
          (path, i) => show(path) !== show(expected.nodes[i]) || show(got.left[i]) !== show(expected.left[i]),
        );
        ensure(
          w < 0,
          `huffmanTreePaths(${show(counts)}): word ${w}'s path is nodes ${show(got.nodes[w])} turning ${show(got.left[w])}; expected nodes ${show(expected.nodes[w])} turning ${show(expected.left[w])} (true = left)`,
        );
      },
    ),
    property(
      "the Huffman tree is a full binary tree of least weighted path length Σ count · depth, and a more frequent word's path is never longer",
      countsArb,
      async (s, counts) => {
        const p = await pathsOf(s, 'huffmanTreePaths', counts);
        expectFullTree(p, `huffmanTreePaths(${show(counts)})`);
        const cost = p.nodes.reduce((acc, path, w) => acc + counts[w]! * path.length, 0);
        ensure(
          cost === huffmanCost(counts),
          `huffmanTreePaths(${show(counts)}) has Σ count · depth = ${cost}; Huffman's tree has ${huffmanCost(counts)}`,
        );
        counts.forEach((a, i) =>
          counts.forEach((b, j) =>
            ensure(
              !(a > b && p.nodes[i]!.length > p.nodes[j]!.length),
              `word ${i} (count ${a}) has a longer path (${p.nodes[i]!.length}) than word ${j} (count ${b}, ${p.nodes[j]!.length})`,
            ),
          ),
        );
      },
    ),
    property(
      'the probabilities of all leaves sum to 1, for the heap tree and the Huffman tree',
      hsCase,
      async (s, { vC, U, paths }) => {
        expectRowsAreDistributions(await hsProbs(s, vC, U, paths), 'hierarchicalSoftmaxProbs(vC, U, paths)');
      },
    ),
    reference('hierarchicalSoftmaxProbs matches the reference', hsCase, async (s, { vC, U, paths }) => {
      expectClose(
        await hsProbs(s, vC, U, paths),
        callRef<TensorData>(ref.hierarchicalSoftmaxProbs, vC, U, paths),
        'hierarchicalSoftmaxProbs(vC, U, paths)',
      );
    }),
    gradient('the gradient of hierarchicalSoftmaxProbs with respect to vC and U matches finite differences', {
      fn: 'hierarchicalSoftmaxProbs',
      args: hsCase.map(({ vC, U, paths }) => [vC, U, paths]),
      wrt: [0, 1],
      forward: (vC, U, paths) => probs64(vC as TensorData, U as TensorData, paths as TreePaths),
    }),
    rejects(
      'a tree of fewer than 2 words, or a negative count, is a HyperparameterError naming the argument',
      async (s) => {
        for (const n of [0, 1, 2.5])
          await s.rejects('heapTreePaths', [n], /numWords/, `when numWords = ${n}`, 'HyperparameterError');
        for (const c of [[], [3], [2, -1, 4]])
          await s.rejects('huffmanTreePaths', [c], /counts/, `when counts = ${show(c)}`, 'HyperparameterError');
      },
    ),
  ],
});
