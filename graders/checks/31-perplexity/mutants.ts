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
    replace: [["import { EmptyCorpusError } from 'd2l-ts/reference/errors';", 'const EmptyCorpusError = Error;']],
  },
] satisfies Mutant[];
