import * as fc from 'fast-check';
import * as ref from '../../../reference/56-negative-sampling';
import { makeRng, type Rng } from '../../../reference/random';
import { normalTensor, seeded } from '../../lib/arbitraries';
import { defineExercise, example, gradient, property, reference, rejects } from '../../lib/checks';
import { expectClose, expectTensor } from '../../lib/compare';
import { CheckFailure, ensure } from '../../lib/failure';
import { dot } from '../../lib/float64/word2vec';
import { expectProportion } from '../../lib/proportions';
import type { Subject } from '../../lib/subject';
import { TensorData } from '../../lib/tensor-data';
import { viaTf } from '../../lib/tf-interop';

const show = (v: unknown) => JSON.stringify(v, (_, x) => (x instanceof Map ? [...x] : x));
const clip = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}…` : text);
const seedArb = fc.integer({ min: 0, max: 2 ** 30 });

// ---------------------------------------------------------------- subsampling

const VOCAB = ['<unk>', 'the', 'a', 'of', 'chip', 'intel', 'join', 'rare'];
/** Sentences over the vocabulary, '<unk>' and two words outside it, the first words far more frequent. */
function corpusOf(rng: Rng, lines: number): string[][] {
  const pool = ['the', 'the', 'the', 'the', 'a', 'a', 'a', 'of', 'of', 'chip', 'intel', '<unk>', 'zebra', 'Chip'];
  return Array.from({ length: lines }, () => Array.from({ length: rng.int(9) }, () => pool[rng.int(pool.length)]!));
}

interface Subsampled {
  subsampled: string[][];
  counter: Map<string, number>;
}

async function subsampleOf(
  s: Subject,
  sentences: string[][],
  idxToToken: string[],
  seed: number,
  t: number,
): Promise<Subsampled> {
  const out = (await s.call('subsample', sentences, idxToToken, seed, t)) as Partial<Subsampled> | null;
  if (out === null || typeof out !== 'object' || !Array.isArray(out.subsampled) || !(out.counter instanceof Map))
    throw new CheckFailure('subsample should return { subsampled: string[][], counter: Map<string, number> }');
  return out as Subsampled;
}

/** Counts of the tokens the vocabulary knows ('<unk>' and outside words removed), first-seen order. */
function knownCounts(sentences: string[][], idxToToken: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of sentences)
    for (const w of line) if (idxToToken.indexOf(w) >= 1) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

// ---------------------------------------------------------------- windows

/** Sentences of distinct words (the word is its position), some of 0 or 1 word. */
const windowCase = seeded((rng) => {
  let next = 0;
  const corpus = Array.from({ length: 1 + rng.int(5) }, () => Array.from({ length: rng.int(9) }, () => next++));
  return { corpus, maxWindowSize: 1 + rng.int(4), seed: rng.int(2 ** 30) };
});

interface Windows {
  centers: number[];
  contexts: number[][];
}

async function windowsOf(s: Subject, corpus: number[][], maxWindowSize: number, seed: number): Promise<Windows> {
  const out = (await s.call('getCentersAndContexts', corpus, maxWindowSize, seed)) as Partial<Windows> | null;
  if (out === null || typeof out !== 'object' || !Array.isArray(out.centers) || !Array.isArray(out.contexts))
    throw new CheckFailure('getCentersAndContexts should return { centers: number[], contexts: number[][] }');
  ensure(
    out.centers.length === out.contexts.length,
    `there are ${out.centers.length} centers but ${out.contexts.length} contexts: one context per center`,
  );
  return out as Windows;
}

/** The window of size w around position i of a line, the center left out. */
const windowAt = (line: number[], i: number, w: number) => [
  ...line.slice(Math.max(0, i - w), i),
  ...line.slice(i + 1, i + 1 + w),
];

// ---------------------------------------------------------------- noise words

/** Vocabulary words w1 … w(N−1) after '<unk>', with counts (some words missing from the counter). */
const noiseCase = seeded((rng) => {
  const N = 3 + rng.int(6);
  const idxToToken = ['<unk>', ...Array.from({ length: N - 1 }, (_, i) => `w${i + 1}`)];
  const counter = new Map<string, number>();
  for (const w of idxToToken.slice(1)) if (rng.uniform() < 0.85) counter.set(w, 1 + rng.int(50));
  if (counter.size < 3) for (const w of idxToToken.slice(1, 4)) counter.set(w, 1 + rng.int(50));
  const drawable = idxToToken.flatMap((w, i) => (counter.has(w) ? [i] : []));
  // Contexts of 0 to 3 words (repeats allowed, as in d2l's windows), each leaving two drawable words or more.
  const contexts = Array.from({ length: 1 + rng.int(6) }, () => {
    const c = Array.from({ length: rng.int(4) }, () => 1 + rng.int(N - 1));
    return drawable.filter((d) => !c.includes(d)).length >= 2 ? c : [];
  });
  return { idxToToken, counter, contexts, K: 1 + rng.int(5), seed: rng.int(2 ** 30) };
});

async function negativesOf(
  s: Subject,
  contexts: number[][],
  idxToToken: string[],
  counter: Map<string, number>,
  K: number,
  seed: number,
): Promise<number[][]> {
  const out = await s.call('getNegatives', contexts, idxToToken, counter, K, seed);
  if (!Array.isArray(out) || out.length !== contexts.length || !out.every(Array.isArray))
    throw new CheckFailure(
      `getNegatives should return one list of noise words per context (${contexts.length}), got ${clip(show(out))}`,
    );
  return out as number[][];
}

// ---------------------------------------------------------------- tensors

const refBatchify = (data: [number, number[], number[]][]) => {
  const b = ref.batchify(data);
  const out = {
    centers: viaTf(() => b.centers.clone())(),
    contextsNegatives: viaTf(() => b.contextsNegatives.clone())(),
    masks: viaTf(() => b.masks.clone())(),
    labels: viaTf(() => b.labels.clone())(),
  };
  for (const t of Object.values(b)) t.dispose();
  return out;
};

const batchCase = seeded((rng) =>
  Array.from(
    { length: 1 + rng.int(5) },
    () =>
      [
        rng.int(20),
        Array.from({ length: 1 + rng.int(4) }, () => 1 + rng.int(19)),
        Array.from({ length: rng.int(9) }, () => 1 + rng.int(19)),
      ] as [number, number[], number[]],
  ),
);

const refBce = viaTf(ref.sigmoidBCELoss);
const bce64 = (x: number, z: number) => Math.max(x, 0) - x * z + Math.log1p(Math.exp(-Math.abs(x)));

/** Logits (a fifth of them ±100), 0/1 targets and masks. */
const bceCase = seeded((rng) => {
  const [n, L] = [1 + rng.int(4), 1 + rng.int(6)];
  const size = n * L;
  return {
    inputs: TensorData.float(
      [n, L],
      Array.from({ length: size }, () => (rng.uniform() < 0.2 ? (rng.uniform() < 0.5 ? -100 : 100) : 3 * rng.normal())),
    ),
    target: TensorData.float(
      [n, L],
      Array.from({ length: size }, () => rng.int(2)),
    ),
    mask: TensorData.float(
      [n, L],
      Array.from({ length: size }, () => (rng.uniform() < 0.7 ? 1 : 0)),
    ),
  };
});

const refSkipGram = viaTf(ref.skipGram);
const skipGramCase = seeded((rng) => {
  const [n, L, N, d] = [1 + rng.int(3), 1 + rng.int(5), 2 + rng.int(6), 1 + rng.int(4)];
  return {
    center: TensorData.int(
      [n, 1],
      Array.from({ length: n }, () => rng.int(N)),
    ),
    cn: TensorData.int(
      [n, L],
      Array.from({ length: n * L }, () => rng.int(N)),
    ),
    V: normalTensor(rng, [N, d]),
    U: normalTensor(rng, [N, d]),
  };
});

/** skip_gram in float64: row r, column j is embedV[center_r] · embedU[cn_rj]. */
function skipGram64(center: TensorData, cn: TensorData, V: TensorData, U: TensorData): TensorData {
  const [n, L] = cn.shape as [number, number];
  const [v, u] = [V.rows(), U.rows()];
  return TensorData.float(
    [n, 1, L],
    Array.from({ length: n * L }, (_, k) => dot(v[center.values[Math.floor(k / L)]!]!, u[cn.values[k]!]!)),
  );
}

export default defineExercise({
  id: '56-negative-sampling',
  title: 'Negative sampling: subsampling, context windows, noise words, the skip-gram step',
  file: 'negative-sampling.ts',
  checks: [
    // ------------------------------------------------------------ subsample
    reference(
      "subsample makes d2l's draws: one u = rng.uniform() per known token in order, kept when u < √(t / count · numTokens)",
      seeded((rng) => ({
        sentences: corpusOf(rng, 1 + rng.int(8)),
        seed: rng.int(2 ** 30),
        t: 0.02 + 0.4 * rng.uniform(),
      })),
      async (s, { sentences, seed, t }) => {
        const got = await subsampleOf(s, sentences, VOCAB, seed, t);
        const expected = ref.subsample(sentences, VOCAB, seed, t);
        ensure(
          show(got.subsampled) === show(expected.subsampled),
          `subsample(${clip(show(sentences))}, vocabulary, seed ${seed}, t ${t}) kept ${clip(show(got.subsampled))}; d2l's draws keep ${clip(show(expected.subsampled))}`,
        );
        ensure(
          show(got.counter) === show(expected.counter),
          `the counter is ${show(got.counter)}, expected ${show(expected.counter)}`,
        );
      },
    ),
    property(
      "subsample removes '<unk>' and words outside the vocabulary, counts the rest in first-seen order, and with t >= every f(w) drops nothing",
      seeded((rng) => ({ sentences: corpusOf(rng, 1 + rng.int(8)), seed: rng.int(2 ** 30) })),
      async (s, { sentences, seed }) => {
        const got = await subsampleOf(s, sentences, VOCAB, seed, 1);
        const known = sentences.map((line) => line.filter((w) => VOCAB.indexOf(w) >= 1));
        ensure(
          show(got.subsampled) === show(known),
          `with t = 1 no word is frequent enough to drop: expected the sentences without '<unk>', 'zebra' and 'Chip', ${clip(show(known))}, got ${clip(show(got.subsampled))}`,
        );
        const counts = knownCounts(sentences, VOCAB);
        ensure(
          show(got.counter) === show(counts),
          `the counter is ${show(got.counter)}, expected ${show(counts)} (first-seen order)`,
        );
      },
    ),
    property(
      'each word is kept with probability min(1, √(t / f(w))): measured shares within five standard errors',
      seedArb,
      async (s, seed) => {
        // 6000, 1500, 400 and 100 known tokens (f = 0.75, 0.1875, 0.05, 0.0125) among '<unk>' and unknown ones.
        const rng = makeRng(seed);
        const counts: [string, number][] = [
          ['the', 6000],
          ['a', 1500],
          ['of', 400],
          ['chip', 100],
          ['<unk>', 800],
          ['zebra', 200],
        ];
        const tokens = rng.shuffle(counts.flatMap(([w, n]) => new Array<string>(n).fill(w)));
        const sentences: string[][] = [];
        for (let i = 0; i < tokens.length; ) {
          const len = 1 + rng.int(20);
          sentences.push(tokens.slice(i, i + len));
          i += len;
        }
        const t = 0.005;
        const got = await subsampleOf(s, sentences, VOCAB, seed, t);
        const kept = got.subsampled.flat();
        for (const [w, n] of counts.slice(0, 4))
          expectProportion(
            kept.filter((x) => x === w).length,
            n,
            Math.min(1, Math.sqrt(t / (n / 8000))),
            `'${w}' (f = ${n / 8000}, t = ${t}) was kept`,
          );
      },
      { numRuns: 3 },
    ),
    // ------------------------------------------------------------ windows
    example(
      "d2l's tiny data set [[0 … 6], [7, 8, 9]] with max_window_size 2: every word is a center, its context a window of 1 or 2",
      async (s) => {
        const corpus = [
          [0, 1, 2, 3, 4, 5, 6],
          [7, 8, 9],
        ];
        const { centers, contexts } = await windowsOf(s, corpus, 2, 0);
        ensure(
          show(centers) === show([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
          `the centers are ${show(centers)}, expected 0 … 9`,
        );
        centers.forEach((c, k) => {
          const line = c < 7 ? corpus[0]! : corpus[1]!;
          const i = line.indexOf(c);
          const options = [1, 2].map((w) => show(windowAt(line, i, w)));
          ensure(
            options.includes(show(contexts[k])),
            `the context of ${c} is ${show(contexts[k])}, expected ${options.join(' or ')}`,
          );
        });
      },
    ),
    reference(
      "getCentersAndContexts makes d2l's draws: w = 1 + rng.int(maxWindowSize) per center, sentences of fewer than 2 words skipped without a draw",
      windowCase,
      async (s, { corpus, maxWindowSize, seed }) => {
        const got = await windowsOf(s, corpus, maxWindowSize, seed);
        const expected = ref.getCentersAndContexts(corpus, maxWindowSize, seed);
        ensure(
          show(got.centers) === show(expected.centers),
          `the centers are ${show(got.centers)}, expected ${show(expected.centers)}`,
        );
        const k = got.contexts.findIndex((c, i) => show(c) !== show(expected.contexts[i]));
        ensure(
          k < 0,
          `with seed ${seed} the context of center ${got.centers[k]} is ${show(got.contexts[k])}; d2l's draws give ${show(expected.contexts[k])} (corpus ${show(corpus)}, maxWindowSize ${maxWindowSize})`,
        );
      },
    ),
    property(
      'every word of a sentence of 2 words or more is a center, and its context is the words within some w in 1 … maxWindowSize of it, itself left out',
      windowCase,
      async (s, { corpus, maxWindowSize, seed }) => {
        const got = await windowsOf(s, corpus, maxWindowSize, seed);
        const long = corpus.filter((line) => line.length >= 2);
        ensure(
          show(got.centers) === show(long.flat()),
          `the centers are ${show(got.centers)}, expected ${show(long.flat())} (one-word sentences are skipped)`,
        );
        got.centers.forEach((c, k) => {
          const line = long.find((l) => l.includes(c))!;
          const i = line.indexOf(c);
          const ok = Array.from({ length: maxWindowSize }, (_, w) => show(windowAt(line, i, w + 1))).includes(
            show(got.contexts[k]),
          );
          ensure(
            ok,
            `the context of ${c} in ${show(line)} is ${show(got.contexts[k])}: not a window of size 1 … ${maxWindowSize} around it without it`,
          );
        });
      },
    ),
    property(
      'window sizes are uniform on 1 … maxWindowSize: measured shares within five standard errors',
      fc.record({ seed: seedArb, maxWindowSize: fc.integer({ min: 2, max: 5 }) }),
      async (s, { seed, maxWindowSize: M }) => {
        const line = Array.from({ length: 2000 }, (_, i) => i);
        const { contexts } = await windowsOf(s, [line], M, seed);
        // Away from the ends a window of size w holds 2w words.
        const sizes = contexts.slice(M, line.length - M).map((c) => c.length / 2);
        for (let w = 1; w <= M; w++)
          expectProportion(sizes.filter((x) => x === w).length, sizes.length, 1 / M, `window size ${w} of 1 … ${M}`);
      },
      { numRuns: 3 },
    ),
    // ------------------------------------------------------------ RandomGenerator
    example("d2l's RandomGenerator([2, 3, 4]) draws 1, 2, 3 with probabilities 2/9, 3/9, 4/9", async (s) => {
      const n = 18_000;
      const draws = (await s.call('driveRandomGenerator', [2, 3, 4], 7, n)) as number[];
      ensure(
        Array.isArray(draws) && draws.every((x) => x === 1 || x === 2 || x === 3),
        `the draws should be 1, 2 or 3: got ${clip(show(draws))}`,
      );
      [2, 3, 4].forEach((w, i) =>
        expectProportion(draws.filter((x) => x === i + 1).length, n, w / 9, `draws of ${i + 1}`),
      );
    }),
    reference(
      'RandomGenerator makes the stated draws (random.choices: bisect_right of rng.uniform() · total in the cumulative weights), across refills of its cache of k',
      seeded((rng) => ({
        weights: Array.from({ length: 1 + rng.int(8) }, () => (rng.uniform() < 0.2 ? 0 : rng.int(10) + rng.uniform())),
        seed: rng.int(2 ** 30),
        k: 1 + rng.int(7),
      })).filter(({ weights }) => weights.some((w) => w > 0)),
      async (s, { weights, seed, k }) => {
        const got = await s.call('driveRandomGenerator', weights, seed, 30, k);
        const g = new ref.RandomGenerator(weights, seed, k);
        const expected = Array.from({ length: 30 }, () => g.draw());
        ensure(
          show(got) === show(expected),
          `new RandomGenerator(${show(weights)}, ${seed}, ${k}) drew ${show(got)}, expected ${show(expected)}`,
        );
      },
    ),
    // ------------------------------------------------------------ getNegatives
    reference(
      "getNegatives makes d2l's draws: one generator with weights count^0.75 for words 1 … N − 1, a draw that is a context word thrown away",
      noiseCase,
      async (s, { idxToToken, counter, contexts, K, seed }) => {
        const got = await negativesOf(s, contexts, idxToToken, counter, K, seed);
        const expected = ref.getNegatives(contexts, idxToToken, counter, K, seed);
        const k = got.findIndex((n, i) => show(n) !== show(expected[i]));
        ensure(
          k < 0,
          `the noise words of context ${show(contexts[k])} are ${show(got[k])}, d2l's draws give ${show(expected[k])} (counter ${show(counter)}, K ${K}, seed ${seed})`,
        );
      },
    ),
    property(
      'each context of c words gets c · K noise words, none of them one of its context words, none <unk> or a word never counted',
      noiseCase,
      async (s, { idxToToken, counter, contexts, K, seed }) => {
        const got = await negativesOf(s, contexts, idxToToken, counter, K, seed);
        got.forEach((neg, k) => {
          ensure(
            neg.length === contexts[k]!.length * K,
            `context ${show(contexts[k])} got ${neg.length} noise words, expected ${contexts[k]!.length} · ${K}`,
          );
          const bad = neg.find(
            (w) => contexts[k]!.includes(w) || !(w >= 1 && w < idxToToken.length) || !counter.has(idxToToken[w]!),
          );
          ensure(
            bad === undefined,
            `noise word ${bad} of context ${show(contexts[k])} is ${contexts[k]!.includes(bad!) ? 'one of its context words' : "'<unk>', outside the vocabulary or never counted (weight 0)"}`,
          );
        });
      },
    ),
    property(
      'noise words follow count^0.75 (renormalised without the context word): measured shares within five standard errors',
      seedArb,
      async (s, seed) => {
        // Counts 1, 16, 81, 256, 625: weights 1, 8, 27, 64, 125. The context is always word 2.
        const idxToToken = ['<unk>', 'a', 'b', 'c', 'd', 'e'];
        const counter = new Map([
          ['a', 1],
          ['b', 16],
          ['c', 81],
          ['d', 256],
          ['e', 625],
        ]);
        const contexts = Array.from({ length: 2000 }, () => [2]);
        const neg = (await negativesOf(s, contexts, idxToToken, counter, 5, seed)).flat();
        const weights = [1, 8, 27, 64, 125];
        const total = weights.reduce((a, b) => a + b, 0) - weights[1]!;
        weights.forEach((w, i) => {
          if (i !== 1)
            expectProportion(
              neg.filter((x) => x === i + 1).length,
              neg.length,
              w / total,
              `noise word ${i + 1} (count ${counter.get(idxToToken[i + 1]!)}, weight ${w})`,
            );
        });
      },
      { numRuns: 3 },
    ),
    // ------------------------------------------------------------ batchify
    example(
      "d2l's batch of (1, [2, 2], [3, 3, 3, 3]) and (1, [2, 2, 2], [3, 3]): padded contexts + noise words, masks and labels",
      async (s) => {
        const out = (await s.call('batchify', [
          [1, [2, 2], [3, 3, 3, 3]],
          [1, [2, 2, 2], [3, 3]],
        ])) as Record<string, unknown>;
        const expected = {
          centers: TensorData.int([2, 1], [1, 1]),
          contextsNegatives: TensorData.int([2, 6], [2, 2, 3, 3, 3, 3, 2, 2, 2, 3, 3, 0]),
          masks: TensorData.float([2, 6], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]),
          labels: TensorData.float([2, 6], [1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0]),
        };
        for (const [k, t] of Object.entries(expected)) {
          const g = expectTensor(out?.[k], k, t.shape);
          ensure(g.dtype === t.dtype, `${k} is ${g.dtype}, expected ${t.dtype}`);
          expectClose(g, t, k, { atol: 0, rtol: 0 });
        }
      },
    ),
    reference('batchify matches the reference on random examples', batchCase, async (s, data) => {
      const out = (await s.call('batchify', data)) as Record<string, unknown>;
      const expected = refBatchify(data);
      for (const [k, t] of Object.entries(expected)) {
        const g = expectTensor(out?.[k], `${k} of batchify(${clip(show(data))})`, t.shape);
        ensure(g.dtype === t.dtype, `${k} is ${g.dtype}, expected ${t.dtype}`);
        expectClose(g, t, `${k} of batchify(${clip(show(data))})`, { atol: 0, rtol: 0 });
      }
    }),
    // ------------------------------------------------------------ sigmoidBCELoss
    example(
      "d2l's example: the masked losses of [1.1, −2.2, 3.3, −4.4] rescaled by L / Σ mask are 0.9352 and 1.8462",
      async (s) => {
        const pred = TensorData.of([
          [1.1, -2.2, 3.3, -4.4],
          [1.1, -2.2, 3.3, -4.4],
        ]);
        const label = TensorData.of([
          [1, 0, 0, 0],
          [0, 1, 0, 0],
        ]);
        const mask = TensorData.of([
          [1, 1, 1, 1],
          [1, 1, 0, 0],
        ]);
        const got = expectTensor(
          await s.call('sigmoidBCELoss', pred, label, mask),
          'sigmoidBCELoss(pred, label, mask)',
          [2],
        );
        // d2l's sigmd(x) = −log σ(x): (sigmd(1.1) + sigmd(2.2) + sigmd(−3.3) + sigmd(4.4)) / 4 and (sigmd(−1.1) + sigmd(−2.2)) / 2.
        const sigmd = (x: number) => Math.log1p(Math.exp(-x));
        const rows = [(sigmd(1.1) + sigmd(2.2) + sigmd(-3.3) + sigmd(4.4)) / 4, (sigmd(-1.1) + sigmd(-2.2)) / 2];
        expectClose(
          got.map((v, i) => (v * 4) / [4, 2][i]!),
          TensorData.float([2], rows),
          'sigmoidBCELoss(pred, label, mask) · 4 / Σ mask',
        );
      },
    ),
    reference(
      'sigmoidBCELoss matches the reference (tf.losses.sigmoidCrossEntropy), logits of ±100 included',
      bceCase,
      async (s, { inputs, target, mask }) => {
        const got = expectTensor(
          await s.call('sigmoidBCELoss', inputs, target, mask),
          'sigmoidBCELoss(inputs, target, mask)',
          [inputs.shape[0]!],
        );
        expectClose(got, refBce(inputs, target, mask), 'sigmoidBCELoss(inputs, target, mask)');
      },
    ),
    property(
      'masked entries do not count: changing their logits and targets changes nothing, and no mask is a mask of ones',
      bceCase,
      async (s, { inputs, target, mask }) => {
        const a = await s.tensor('sigmoidBCELoss', inputs, target, mask);
        const moved = inputs.map((x, i) => (mask.values[i] ? x : x + 7));
        const flipped = target.map((z, i) => (mask.values[i] ? z : 1 - z));
        expectClose(
          await s.tensor('sigmoidBCELoss', moved, flipped, mask),
          a,
          'the loss after changing masked logits and targets',
        );
        const ones = mask.map(() => 1);
        expectClose(
          await s.tensor('sigmoidBCELoss', inputs, target),
          await s.tensor('sigmoidBCELoss', inputs, target, ones),
          'sigmoidBCELoss without a mask, against a mask of ones',
        );
      },
    ),
    gradient('the gradient of sigmoidBCELoss with respect to the logits matches finite differences', {
      fn: 'sigmoidBCELoss',
      args: seeded((rng) => {
        const [n, L] = [1 + rng.int(3), 1 + rng.int(5)];
        return [
          normalTensor(rng, [n, L], 2),
          TensorData.float(
            [n, L],
            Array.from({ length: n * L }, () => rng.int(2)),
          ),
          TensorData.float(
            [n, L],
            Array.from({ length: n * L }, () => (rng.uniform() < 0.7 ? 1 : 0)),
          ),
        ];
      }),
      wrt: [0],
      forward: (x, z, m) => {
        const [X, Zt, M] = [x, z, m] as TensorData[];
        const L = X!.shape[1]!;
        return TensorData.float(
          [X!.shape[0]!],
          X!.rows().map((row, r) => row.reduce((acc, v, j) => acc + M!.get(r, j) * bce64(v, Zt!.get(r, j)), 0) / L),
        );
      },
    }),
    // ------------------------------------------------------------ skipGram
    example(
      "d2l's shape example: centers [2, 1] and contexts [2, 4] of word 1 give [2, 1, 4], each ‖e₁‖²",
      async (s) => {
        const E = TensorData.of([
          [0.5, -1, 2],
          [1, 2, -2],
          [0, 0, 1],
        ]);
        const got = expectTensor(
          await s.call('skipGram', TensorData.int([2, 1], [1, 1]), TensorData.int([2, 4], new Array(8).fill(1)), E, E),
          'skipGram(ones [2, 1], ones [2, 4], E, E)',
          [2, 1, 4],
        );
        expectClose(
          got,
          TensorData.float([2, 1, 4], new Array(8).fill(9)),
          'skipGram(ones [2, 1], ones [2, 4], E, E) with e₁ = [1, 2, −2]',
        );
      },
    ),
    reference(
      'skipGram matches the reference: v_c · u_o for every context and noise word',
      skipGramCase,
      async (s, { center, cn, V, U }) => {
        const got = expectTensor(
          await s.call('skipGram', center, cn, V, U),
          'skipGram(center, contextsAndNegatives, embedV, embedU)',
          [center.shape[0]!, 1, cn.shape[1]!],
        );
        expectClose(got, refSkipGram(center, cn, V, U), 'skipGram(center, contextsAndNegatives, embedV, embedU)');
      },
    ),
    gradient('the gradient of skipGram with respect to embedV and embedU matches finite differences', {
      fn: 'skipGram',
      args: skipGramCase.map(({ center, cn, V, U }) => [center, cn, V, U]),
      wrt: [2, 3],
      forward: (center, cn, V, U) =>
        skipGram64(center as TensorData, cn as TensorData, V as TensorData, U as TensorData),
    }),
    // ------------------------------------------------------------ bad input
    rejects(
      'bad settings are HyperparameterErrors naming them: t <= 0, maxWindowSize < 1, K < 1, weights without a positive sum',
      async (s) => {
        for (const t of [0, -1e-4])
          await s.rejects('subsample', [[['the']], VOCAB, 0, t], /\bt\b/, `when t = ${t}`, 'HyperparameterError');
        for (const m of [0, 1.5])
          await s.rejects(
            'getCentersAndContexts',
            [[[1, 2, 3]], m, 0],
            /maxWindowSize/,
            `when maxWindowSize = ${m}`,
            'HyperparameterError',
          );
        await s.rejects(
          'getNegatives',
          [
            [[1]],
            ['<unk>', 'a', 'b'],
            new Map([
              ['a', 2],
              ['b', 3],
            ]),
            0,
            0,
          ],
          /\bK\b/,
          'when K = 0',
          'HyperparameterError',
        );
        for (const w of [
          [0, 0],
          [1, -1],
        ])
          await s.rejects(
            'driveRandomGenerator',
            [w, 0, 3],
            /samplingWeights/,
            `when the weights are ${show(w)}`,
            'HyperparameterError',
          );
      },
    ),
    rejects('batchify of no examples is an EmptyCorpusError naming data', async (s) => {
      await s.rejects('batchify', [[]], /\bdata\b/, 'when data is []', 'EmptyCorpusError');
    }),
  ],
});
