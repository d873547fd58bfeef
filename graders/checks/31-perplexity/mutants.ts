import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'base-2',
    why: 'raises 2 to the mean negative natural-log probability (perplexity in bits, mixed with nats)',
    replace: [
      [
        'return tf.tidy(() => Math.exp(-logProbs.mean().dataSync()[0]!));',
        'return tf.tidy(() => 2 ** -logProbs.mean().dataSync()[0]!);',
      ],
    ],
  },
  {
    name: 'mean-of-inverse-probabilities',
    why: 'averages 1/P (the arithmetic mean) instead of exponentiating the mean log-probability',
    replace: [
      [
        'return tf.tidy(() => Math.exp(-logProbs.mean().dataSync()[0]!));',
        'return tf.tidy(() => logProbs.neg().exp().mean().dataSync()[0]!);',
      ],
    ],
  },
  {
    name: 'sum-not-mean',
    why: 'exponentiates the summed cross-entropy, so the perplexity grows with the length of the text',
    replace: [
      [
        'return tf.tidy(() => Math.exp(softmaxCrossEntropy(logits, labels).mean().dataSync()[0]!));',
        'return tf.tidy(() => Math.exp(softmaxCrossEntropy(logits, labels).sum().dataSync()[0]!));',
      ],
    ],
  },
  {
    name: 'sign-flipped',
    why: 'exponentiates the mean log-probability without its minus sign, giving 1/perplexity',
    replace: [['Math.exp(-logProbs.mean().dataSync()[0]!)', 'Math.exp(logProbs.mean().dataSync()[0]!)']],
  },
  {
    name: 'unnormalised-logits',
    why: "takes the label's raw logit for its log-probability, forgetting softmax's normalisation",
    replace: [
      [
        'return tf.tidy(() => Math.exp(softmaxCrossEntropy(logits, labels).mean().dataSync()[0]!));',
        "return tf.tidy(() => Math.exp(-logits.mul(tf.oneHot(labels.cast('int32'), logits.shape[1])).sum(1).mean().dataSync()[0]!));",
      ],
    ],
  },
  {
    name: 'nan-for-no-tokens',
    why: 'returns NaN for a text of no tokens',
    replace: [
      [
        "  if (labels.size === 0) throw new EmptyCorpusError('no tokens: the perplexity of an empty text is undefined');\n",
        '',
      ],
    ],
  },
  {
    name: 'no-tidy',
    why: 'computes the loss without tf.tidy, leaking it',
    replace: [
      [
        'return tf.tidy(() => Math.exp(softmaxCrossEntropy(logits, labels).mean().dataSync()[0]!));',
        'return Math.exp(softmaxCrossEntropy(logits, labels).mean().dataSync()[0]!);',
      ],
    ],
  },
  {
    name: 'plain-error',
    why: 'throws a plain Error instead of the EmptyCorpusError the task asks for, so a caller cannot tell this mistake from any other failure',
    replace: [
      [
        "import { EmptyCorpusError, IndexOutOfRangeError } from 'd2l-ts/reference/errors';",
        "import { IndexOutOfRangeError } from 'd2l-ts/reference/errors';\nconst EmptyCorpusError = Error;",
      ],
    ],
  },
  {
    name: 'product-of-probabilities',
    why: 'takes the geometric mean of 1/P as the product of the probabilities to the power −1/n, which underflows to 0 (perplexity ∞) on a long text',
    replace: [
      [
        'return tf.tidy(() => Math.exp(-logProbs.mean().dataSync()[0]!));',
        'return tf.tidy(() => logProbs.exp().prod().dataSync()[0]! ** (-1 / logProbs.size));',
      ],
    ],
  },
  {
    name: 'float32-exp',
    why: 'exponentiates in float32 (tf.exp) instead of in JavaScript, so a perplexity above 3.4e38 comes back as Infinity',
    replace: [
      [
        'return tf.tidy(() => Math.exp(-logProbs.mean().dataSync()[0]!));',
        'return tf.tidy(() => tf.exp(logProbs.mean().neg()).dataSync()[0]!);',
      ],
    ],
  },
  {
    name: 'empty-by-first-dimension',
    why: 'tests the first dimension for emptiness, so log-probabilities of shape [2, 0] give NaN',
    replace: [['if (logProbs.size === 0) throw', 'if (logProbs.shape[0] === 0) throw']],
  },
  {
    name: 'log-of-softmax',
    why: "computes the label's log-probability as log(softmax(o)), which is log 0 = −∞ once the probability underflows float32",
    replace: [
      [
        'return tf.tidy(() => Math.exp(softmaxCrossEntropy(logits, labels).mean().dataSync()[0]!));',
        "return tf.tidy(() => Math.exp(-tf.softmax(logits).log().mul(tf.oneHot(labels.cast('int32'), V)).sum(1).mean().dataSync()[0]!));",
      ],
    ],
  },
  {
    name: 'shift-by-mean',
    why: "stabilises log-sum-exp by subtracting each row's mean instead of its maximum: right when a row is shifted as a whole, e^150 = ∞ when it mixes extremes",
    replace: [
      [
        'return tf.tidy(() => Math.exp(softmaxCrossEntropy(logits, labels).mean().dataSync()[0]!));',
        "return tf.tidy(() => {\n    const m = logits.mean(1, true);\n    const lse = logits.sub(m).exp().sum(1).log().add(m.squeeze([1]));\n    const picked = logits.mul(tf.oneHot(labels.cast('int32'), V)).sum(1);\n    return Math.exp(lse.sub(picked).mean().dataSync()[0]!);\n  });",
      ],
    ],
  },
  {
    name: 'labels-unchecked',
    why: 'lets a label outside [0, V) through: tf.oneHot gives it a row of zeros and a loss of 0',
    replace: [
      [
        '  if (outside !== undefined) throw new IndexOutOfRangeError(`label ${outside} is not a token index in [0, ${V})`);\n',
        '',
      ],
    ],
  },
  {
    name: 'label-check-off-by-one',
    why: 'lets the label V through, rejecting only labels above it',
    replace: [['find((y) => y < 0 || y >= V)', 'find((y) => y < 0 || y > V)']],
  },
  {
    name: 'plain-label-error',
    why: 'throws a RangeError for a label outside [0, V) instead of the IndexOutOfRangeError the task asks for',
    replace: [
      [
        "import { EmptyCorpusError, IndexOutOfRangeError } from 'd2l-ts/reference/errors';",
        "import { EmptyCorpusError } from 'd2l-ts/reference/errors';\nconst IndexOutOfRangeError = RangeError;",
      ],
    ],
  },
  {
    name: 'disposes-logits',
    why: 'frees the logits once the loss is computed, though they belong to the caller',
    replace: [
      [
        'return tf.tidy(() => Math.exp(softmaxCrossEntropy(logits, labels).mean().dataSync()[0]!));',
        'const ppl = tf.tidy(() => Math.exp(softmaxCrossEntropy(logits, labels).mean().dataSync()[0]!));\n  logits.dispose();\n  return ppl;',
      ],
    ],
  },
] satisfies Mutant[];
