import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'subsample-without-sqrt',
    why: 'keeps a word with probability t / f(w) instead of √(t / f(w))',
    replace: [
      [
        'rng.uniform() < Math.sqrt((t / counter.get(token)!) * numTokens)',
        'rng.uniform() < (t / counter.get(token)!) * numTokens',
      ],
    ],
  },
  {
    name: 'subsample-keeps-unk',
    why: "keeps '<unk>' (index 0) with the known words, though d2l drops every token whose index is unk",
    replace: [['const known = new Set(idxToToken.slice(1));', 'const known = new Set(idxToToken);']],
  },
  {
    name: 'subsample-inverted',
    why: 'keeps a word when u >= √(t / f), i.e. drops it with the keeping probability',
    replace: [['rng.uniform() < Math.sqrt(', 'rng.uniform() >= Math.sqrt(']],
  },
  {
    name: 'subsample-counts-unknown-tokens',
    why: "counts numTokens before '<unk>' and unknown words are removed",
    replace: [['const numTokens = kept.reduce(', 'const numTokens = sentences.reduce(']],
  },
  {
    name: 'subsample-generator-per-sentence',
    why: 'starts a new generator makeRng(seed) for every sentence, so every sentence repeats the same draws',
    replace: [
      [
        '  const rng = makeRng(seed);\n  const keep = (token: string) => rng.uniform()',
        '  let rng = makeRng(seed);\n  const keep = (token: string) => rng.uniform()',
      ],
      [
        'subsampled: kept.map((line) => line.filter(keep))',
        'subsampled: kept.map((line) => ((rng = makeRng(seed)), line.filter(keep)))',
      ],
    ],
  },
  {
    name: 'window-from-zero',
    why: 'draws the window size from 0 … maxWindowSize (rng.int(maxWindowSize + 1)), so some centers get no context',
    replace: [['const w = 1 + rng.int(maxWindowSize);', 'const w = rng.int(maxWindowSize + 1);']],
  },
  {
    name: 'window-fixed',
    why: 'always uses the largest window instead of a random size per center',
    replace: [['const w = 1 + rng.int(maxWindowSize);', 'const w = maxWindowSize;']],
  },
  {
    name: 'one-word-sentences-kept',
    why: 'makes centers of one-word sentences too (with empty contexts), which d2l skips',
    replace: [['    if (line.length < 2) continue;\n', '']],
  },
  {
    name: 'center-in-context',
    why: 'leaves the center word in its own context',
    replace: [['j++) if (j !== i) context.push(line[j]);', 'j++) context.push(line[j]);']],
  },
  {
    name: 'noise-by-count',
    why: 'draws noise words by their counts, forgetting the power 0.75',
    replace: [['(counter.get(token) ?? 0) ** 0.75', '(counter.get(token) ?? 0) ** 1']],
  },
  {
    name: 'noise-weights-from-unk',
    why: "gives '<unk>' (index 0) a weight too, so every weight is off by one word",
    replace: [['const weights = idxToToken.slice(1).map(', 'const weights = idxToToken.map(']],
  },
  {
    name: 'noise-may-be-context',
    why: 'keeps a noise word that is one of the context words',
    replace: [['      if (!contexts.includes(neg)) negatives.push(neg);', '      negatives.push(neg);']],
  },
  {
    name: 'noise-K-per-center',
    why: 'draws K noise words per center instead of K per context word',
    replace: [['while (negatives.length < contexts.length * K)', 'while (negatives.length < K)']],
  },
  {
    name: 'noise-generator-per-context',
    why: 'makes a new RandomGenerator(weights, seed) for every context, so they all get the same noise words',
    replace: [
      [
        '  const generator = new RandomGenerator(weights, seed);\n  return allContexts.map((contexts) => {',
        '  return allContexts.map((contexts) => {\n    const generator = new RandomGenerator(weights, seed);',
      ],
    ],
  },
  {
    name: 'noise-sorts-contexts',
    why: 'sorts each context in place to search it, though the contexts belong to the caller',
    replace: [
      [
        '    const negatives: number[] = [];\n    while',
        '    contexts.sort((a, b) => a - b);\n    const negatives: number[] = [];\n    while',
      ],
    ],
  },
  {
    name: 'generator-from-zero',
    why: 'returns the index into the weights (0 … n − 1) instead of the word 1 … n',
    replace: [['        return lo + 1;', '        return lo;']],
  },
  {
    name: 'generator-cache-never-restarts',
    why: 'forgets to restart the index after drawing a new cache of k candidates',
    replace: [['      this.i = 0;\n', '']],
  },
  {
    name: 'labels-on-noise-words',
    why: 'labels the noise words 1 as well as the context words',
    replace: [
      [
        'data.map(([, c]) => pad(new Array<number>(c.length).fill(1)))',
        'data.map(([, c, neg]) => pad(new Array<number>(c.length + neg.length).fill(1)))',
      ],
    ],
  },
  {
    name: 'mask-includes-padding',
    why: 'makes every entry of the mask 1, padding included',
    replace: [['pad(new Array<number>(c.length + neg.length).fill(1))', 'new Array<number>(maxLen).fill(1)']],
  },
  {
    name: 'bce-naive-log-sigmoid',
    why: 'computes −z log σ(x) − (1 − z) log(1 − σ(x)) directly, which is infinite for logits of ±100',
    replace: [
      [
        'const l = tf.softplus(inputs).sub(inputs.mul(target));',
        'const p = tf.sigmoid(inputs);\n    const l = tf.neg(target.mul(tf.log(p)).add(tf.sub(1, target).mul(tf.log(tf.sub(1, p)))));',
      ],
    ],
  },
  {
    name: 'bce-mean-over-mask',
    why: 'averages over the unmasked entries, Σ mask instead of L (d2l leaves that rescaling to the caller)',
    replace: [
      [
        'return (mask === undefined ? l : l.mul(mask)).mean(1) as tf.Tensor1D;',
        'return (mask === undefined ? l.mean(1) : l.mul(mask).sum(1).div(mask.sum(1))) as tf.Tensor1D;',
      ],
    ],
  },
  {
    name: 'bce-mask-ignored',
    why: 'never multiplies by the mask, so padding counts as negative examples',
    replace: [
      ['return (mask === undefined ? l : l.mul(mask)).mean(1) as tf.Tensor1D;', 'return l.mean(1) as tf.Tensor1D;'],
    ],
  },
  {
    name: 'skipgram-transposed',
    why: "multiplies u by vᵀ, giving [n, L, 1] instead of d2l's [n, 1, L]",
    replace: [['    return tf.matMul(v, u, false, true);', '    return tf.matMul(u, v, false, true);']],
  },
  {
    name: 'skipgram-contexts-from-V',
    why: 'looks the context and noise words up in embedV instead of embedU',
    replace: [['const u = lookup(embedU, contextsAndNegatives)', 'const u = lookup(embedV, contextsAndNegatives)']],
  },
  {
    name: 'skipgram-detached',
    why: 'computes the center vectors in plain JavaScript (dataSync), which cuts the gradient with respect to embedV',
    replace: [
      [
        'const v = lookup(embedV, center).reshape([n, 1, d]) as tf.Tensor3D;',
        'const v = tf.tensor3d(lookup(embedV, center).dataSync(), [n, 1, d]);',
      ],
    ],
  },
  {
    name: 'no-t-check',
    why: 'accepts t <= 0 and quietly drops every word',
    replace: [
      ['  if (!(t > 0)) throw new HyperparameterError(`t = ${t}: the subsampling threshold t must be > 0`);\n', ''],
    ],
  },
  {
    name: 'plain-error-on-empty-batch',
    why: 'throws a plain Error for an empty list of examples',
    replace: [["throw new EmptyCorpusError('data holds no examples", "throw new Error('data holds no examples"]],
  },
  {
    name: 'no-tidy',
    why: 'forgets tf.tidy in skipGram, so the one-hot matrices and looked-up rows are never disposed',
    replace: [
      [
        '  return tf.tidy(() => {\n    const [n, L] = contextsAndNegatives.shape;',
        '  return (() => {\n    const [n, L] = contextsAndNegatives.shape;',
      ],
      ['    return tf.matMul(v, u, false, true);\n  });', '    return tf.matMul(v, u, false, true);\n  })();'],
    ],
  },
] satisfies Mutant[];
