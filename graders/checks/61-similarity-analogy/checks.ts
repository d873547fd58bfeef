import * as fc from 'fast-check';
import type * as tf from '@tensorflow/tfjs';
import * as ref from '../../../reference/61-similarity-analogy';
import { normalTensor, seeded } from '../../lib/arbitraries';
import { defineExercise, example, property, reference, rejects } from '../../lib/checks';
import { CheckFailure, ensure } from '../../lib/failure';
import { dot } from '../../lib/float64/word2vec';
import type { Subject } from '../../lib/subject';
import { formatNumber, TensorData } from '../../lib/tensor-data';
import { toTensor } from '../../lib/tf-interop';

/** The reference's answer to a : b :: c : ?. */
function refAnalogy(a: string, b: string, c: string, W: TensorData, tokens: string[]): string {
  const Wt = toTensor(W) as tf.Tensor2D;
  try {
    return ref.getAnalogy(a, b, c, Wt, tokens);
  } finally {
    Wt.dispose();
  }
}

const show = (v: unknown) => JSON.stringify(v);
/** Two cosines this close count as a tie: the float32 cosines of the code under test may order them either way. */
const TIE = 1e-5;

/** d2l's cosine in float64: w·x / (√(‖w‖² + 1e-9) ‖x‖). */
const cos64 = (w: number[], x: number[]) => dot(w, x) / (Math.sqrt(dot(w, w) + 1e-9) * Math.sqrt(dot(x, x)));

const WORDS = ['the', 'king', 'queen', 'man', 'woman', 'son', 'daughter', 'paris', 'france', 'rome', 'italy', 'cow'];

/** A vocabulary of N words with d-dimensional vectors. */
const vocabCase = seeded((rng) => {
  const [N, d] = [3 + rng.int(WORDS.length - 2), 2 + rng.int(4)];
  return {
    W: normalTensor(rng, [N, d]),
    tokens: WORDS.slice(0, N),
    x: normalTensor(rng, [d]),
    k: 1 + rng.int(N - 1),
    q: rng.int(N),
  };
});

interface Knn {
  indices: number[];
  cos: number[];
}

async function knnOf(s: Subject, W: TensorData, x: TensorData, k: number): Promise<Knn> {
  const out = (await s.call('knn', W, x, k)) as Partial<Knn> | null;
  if (out === null || typeof out !== 'object' || !Array.isArray(out.indices) || !Array.isArray(out.cos))
    throw new CheckFailure('knn should return { indices: number[], cos: number[] }');
  ensure(
    out.indices.length === k && out.cos.length === k,
    `knn(W, x, ${k}) returned ${out.indices.length} indices and ${out.cos.length} cosines, expected ${k} of each`,
  );
  return out as Knn;
}

/**
 * `got` (indices with their cosines) are the k best of `all` (float64 cosines, minus any left out)
 * in descending order, up to ties closer than TIE, each cosine right to float32 precision.
 */
function expectTopK(got: Knn, all: number[], what: string): void {
  const sorted = [...all].filter(Number.isFinite).sort((a, b) => b - a);
  const kth = sorted[got.indices.length - 1]!;
  ensure(
    new Set(got.indices).size === got.indices.length,
    `${what} lists index ${got.indices.find((i, r) => got.indices.indexOf(i) !== r)} twice`,
  );
  got.indices.forEach((i, r) => {
    const c = all[i];
    ensure(c !== undefined && Number.isFinite(c), `${what}: index ${i} is not a candidate`);
    ensure(
      Math.abs(got.cos[r]! - c) <= 1e-5 + 1e-4 * Math.abs(c),
      `${what}: the cosine of row ${i} is ${formatNumber(c)}, got ${formatNumber(got.cos[r]!)}`,
    );
    ensure(
      c >= kth - TIE,
      `${what}: row ${i} (cos ${formatNumber(c)}) is not among the ${got.indices.length} most similar (the ${got.indices.length}-th best has ${formatNumber(kth)})`,
    );
    if (r > 0)
      ensure(
        all[got.indices[r - 1]!]! >= c - TIE,
        `${what}: row ${got.indices[r - 1]} (cos ${formatNumber(all[got.indices[r - 1]!]!)}) comes before row ${i} (cos ${formatNumber(c)}): the order is descending`,
      );
  });
}

export default defineExercise({
  id: '61-similarity-analogy',
  title: 'Word similarity and analogy',
  file: 'similarity-analogy.ts',
  checks: [
    example(
      'knn of [1, 0] among [1, 0], [0.8, 0.6], [0, 1], [−1, 0]: rows 0 and 1, with cosines 1 and 0.8',
      async (s) => {
        const got = await knnOf(
          s,
          TensorData.of([
            [1, 0],
            [0.8, 0.6],
            [0, 1],
            [-1, 0],
          ]),
          TensorData.float([2], [2, 0]),
          2,
        );
        ensure(show(got.indices) === show([0, 1]), `knn gave rows ${show(got.indices)}, expected [0, 1]`);
        ensure(
          Math.abs(got.cos[0]! - 1) < 1e-5 && Math.abs(got.cos[1]! - 0.8) < 1e-5,
          `the cosines are ${show(got.cos)}, expected [1, 0.8] (the length of x does not matter)`,
        );
      },
    ),
    reference(
      "knn matches the reference: the k rows of largest cosine (d2l's 1e-9 under the root) in descending order",
      vocabCase,
      async (s, { W, x, k }) => {
        const got = await knnOf(s, W, x, k);
        const xs = Array.from(x.values);
        expectTopK(
          got,
          W.rows().map((w) => cos64(w, xs)),
          `knn(W, x, ${k})`,
        );
      },
    ),
    example('ties go to the lower index: rows that point the same way come in index order', async (s) => {
      const W = TensorData.of([
        [0, 1],
        [2, 0],
        [1, 1],
        [1, 0],
        [0.5, 0],
      ]);
      const got = await knnOf(s, W, TensorData.float([2], [1, 0]), 3);
      ensure(
        show(got.indices) === show([1, 3, 4]),
        `knn of [1, 0] gave rows ${show(got.indices)}: rows 1, 3 and 4 all have cosine 1, in index order [1, 3, 4]`,
      );
    }),
    reference(
      'getSimilarTokens gives the k nearest words as [token, cos], the query itself left out',
      vocabCase,
      async (s, { W, tokens, k, q }) => {
        const got = await s.call('getSimilarTokens', tokens[q], k, W, tokens);
        ensure(
          Array.isArray(got) &&
            got.length === k &&
            got.every((p) => Array.isArray(p) && typeof p[0] === 'string' && typeof p[1] === 'number'),
          `getSimilarTokens('${tokens[q]}', ${k}) should return ${k} [token, cos] pairs, got ${show(got)}`,
        );
        const rows = W.rows();
        const all = rows.map((w, i) => (i === q ? Number.NEGATIVE_INFINITY : cos64(w, rows[q]!)));
        const pairs = got as [string, number][];
        const indices = pairs.map(([t]) => tokens.indexOf(t));
        ensure(!indices.includes(q), `getSimilarTokens('${tokens[q]}') lists the query itself: ${show(pairs)}`);
        expectTopK({ indices, cos: pairs.map(([, c]) => c) }, all, `getSimilarTokens('${tokens[q]}', ${k})`);
      },
    ),
    example(
      "the query is left out by its own row: another word with the same vector and a lower index stays (d2l's drop-the-first would drop it)",
      async (s) => {
        // 'queen' (2) points exactly as 'the' (0): d2l's knn(k + 1)[1:] would drop 'the' and keep 'queen'.
        const W = TensorData.of([
          [1, 1],
          [1, -1],
          [2, 2],
          [-1, 0],
        ]);
        const got = (await s.call('getSimilarTokens', 'queen', 2, W, ['the', 'king', 'queen', 'man'])) as [
          string,
          number,
        ][];
        ensure(
          Array.isArray(got) && show(got.map((p) => p[0])) === show(['the', 'king']),
          `getSimilarTokens('queen', 2) gave ${show(got)}, expected 'the' (cos 1) then 'king' (cos 0)`,
        );
      },
    ),
    reference(
      'getAnalogy answers a planted analogy: with vec(d) = vec(b) − vec(a) + vec(c), a : b :: c : d',
      vocabCase.filter(({ W }) => W.shape[0]! >= 5),
      async (s, { W, tokens }) => {
        const rows = W.rows();
        const [a, b, c, d] = [0, 1, 2, 3];
        rows[d] = rows[b]!.map((v, j) => v - rows[a]![j]! + rows[c]![j]!);
        const planted = TensorData.float(W.shape, rows.flat());
        const got = await s.call('getAnalogy', tokens[a], tokens[b], tokens[c], planted, tokens);
        const expected = refAnalogy(tokens[a]!, tokens[b]!, tokens[c]!, planted, tokens);
        ensure(
          got === expected && got === tokens[d],
          `getAnalogy('${tokens[a]}', '${tokens[b]}', '${tokens[c]}') is ${show(got)}, expected '${tokens[d]}', whose vector is exactly b − a + c`,
        );
      },
    ),
    property(
      'getAnalogy returns the word most similar to b − a + c, by the float64 cosine (up to ties)',
      vocabCase.chain((v) =>
        fc.tuple(
          fc.constant(v),
          fc.array(fc.integer({ min: 0, max: v.tokens.length - 1 }), { minLength: 3, maxLength: 3 }),
        ),
      ),
      async (s, [{ W, tokens }, [a, b, c]]) => {
        const got = await s.call('getAnalogy', tokens[a!], tokens[b!], tokens[c!], W, tokens);
        const rows = W.rows();
        const x = rows[b!]!.map((v, j) => v - rows[a!]![j]! + rows[c!]![j]!);
        fc.pre(x.some((v) => Math.abs(v) > 1e-3));
        const all = rows.map((w) => cos64(w, x));
        const i = tokens.indexOf(got as string);
        ensure(i >= 0, `getAnalogy returned ${show(got)}, not a word of the vocabulary`);
        ensure(
          all[i]! >= Math.max(...all) - TIE,
          `getAnalogy('${tokens[a!]}', '${tokens[b!]}', '${tokens[c!]}') is '${got}' (cos ${formatNumber(all[i]!)}), but '${tokens[all.indexOf(Math.max(...all))]}' has cos ${formatNumber(Math.max(...all))}`,
        );
      },
    ),
    example(
      'like d2l, a, b and c are candidates too: with b = a, the answer to a : a :: c : ? is c itself',
      async (s) => {
        const W = TensorData.of([
          [1, 0],
          [0, 1],
          [0.9, 0.5],
          [0.1, 1],
        ]);
        const got = await s.call('getAnalogy', 'man', 'man', 'son', W, ['man', 'woman', 'son', 'daughter']);
        ensure(
          got === 'son',
          `getAnalogy('man', 'man', 'son') is ${show(got)}: b − a + c = vec('son'), which is most similar to 'son' itself (d2l does not leave a, b, c out)`,
        );
      },
    ),
    rejects('a word outside the vocabulary is an UnknownTokenError naming it', async (s) => {
      const W = TensorData.of([
        [1, 0],
        [0, 1],
        [1, 1],
      ]);
      const tokens = ['man', 'woman', 'king'];
      await s.rejects(
        'getSimilarTokens',
        ['queen', 1, W, tokens],
        /queen/,
        "when the query 'queen' is not in the vocabulary",
        'UnknownTokenError',
      );
      await s.rejects(
        'getAnalogy',
        ['man', 'woman', 'queen', W, tokens],
        /queen/,
        "when c = 'queen' is not in the vocabulary",
        'UnknownTokenError',
      );
      await s.rejects(
        'getAnalogy',
        ['Man', 'woman', 'king', W, tokens],
        /Man/,
        "when a = 'Man' is not in the vocabulary",
        'UnknownTokenError',
      );
    }),
    rejects('a k outside 1 … N is a HyperparameterError naming k', async (s) => {
      const W = TensorData.of([
        [1, 0],
        [0, 1],
        [1, 1],
      ]);
      for (const k of [0, 4, 1.5])
        await s.rejects(
          'knn',
          [W, TensorData.float([2], [1, 0]), k],
          /\bk\b/,
          `when k = ${k} (3 rows)`,
          'HyperparameterError',
        );
    }),
  ],
});
