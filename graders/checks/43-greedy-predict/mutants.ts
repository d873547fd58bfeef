import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'feeds-bos-every-step',
    why: 'feeds <bos> at every step instead of the token just predicted',
    replace: [
      ["const decX = tf.tensor2d([[token]], [1, 1], 'int32');", "const decX = tf.tensor2d([[bos]], [1, 1], 'int32');"],
    ],
  },
  {
    name: 'keeps-eos',
    why: 'puts <eos> into the translation before stopping',
    replace: [
      [
        '    if (token === eos) break;\n    output.push(token);',
        '    output.push(token);\n    if (token === eos) break;',
      ],
    ],
  },
  {
    name: 'ignores-eos',
    why: 'never stops at <eos>: always predicts numSteps tokens',
    replace: [['    if (token === eos) break;\n    output.push(token);', '    if (token !== eos) output.push(token);']],
  },
  {
    name: 'one-step-short',
    why: 'predicts at most numSteps − 1 tokens',
    replace: [['for (let step = 0; step < numSteps; step++) {', 'for (let step = 1; step < numSteps; step++) {']],
  },
  {
    name: 'fresh-state-every-step',
    why: 'restarts the decoder from initState at every step instead of carrying its state on',
    replace: [
      [
        '    state = next as S & tf.TensorContainer;',
        '    tf.dispose(next as S & tf.TensorContainer);\n    state = tf.tidy(() => model.decoder.initState(model.encoder.forward(params.encoder, encX, encValidLen), encValidLen) as S & tf.TensorContainer);',
      ],
    ],
  },
  {
    name: 'no-lower-case',
    why: 'looks the words up as they are, so a capitalised word becomes <unk>',
    replace: [
      ["srcVocab.toIndices(srcSentence.toLowerCase().split(' '))", "srcVocab.toIndices(srcSentence.split(' '))"],
    ],
  },
  {
    name: 'no-source-eos',
    why: 'forgets the <eos> after the source words',
    replace: [
      [
        "const srcTokens = [...srcVocab.toIndices(srcSentence.toLowerCase().split(' ')), srcEos];",
        "const srcTokens = [...srcVocab.toIndices(srcSentence.toLowerCase().split(' '))];",
      ],
    ],
  },
  {
    name: 'valid-length-after-padding',
    why: 'gives the encoder numSteps as the valid length, the padded length, instead of the count before truncatePad',
    replace: [
      [
        "const encValidLen = tf.tensor1d([srcTokens.length], 'int32');",
        "const encValidLen = tf.tensor1d([numSteps], 'int32');",
      ],
    ],
  },
  {
    name: 'argmax-over-steps',
    why: 'takes the argmax over the step axis instead of the vocabulary',
    replace: [
      ['token = tf.tidy(() => Y.argMax(2).dataSync()[0]);', 'token = tf.tidy(() => Y.argMax(1).dataSync()[0]);'],
    ],
  },
  {
    name: 'source-vocab-for-target',
    why: 'spells the translation with the source vocabulary',
    replace: [["return tgtVocab.toTokens(output).join(' ');", "return srcVocab.toTokens(output).join(' ');"]],
  },
  {
    name: 'plain-errors',
    why: 'throws plain Errors, which a caller cannot tell from any other failure',
    replace: [
      [
        "import { EmptyCorpusError, HyperparameterError } from 'd2l-ts/reference/errors';",
        'const EmptyCorpusError = Error;\nconst HyperparameterError = Error;',
      ],
    ],
  },
  {
    name: 'no-empty-check',
    why: "translates an empty sentence (as d2l does: ''.split(' ') is one unknown word)",
    replace: [
      [
        "  if (srcSentence.trim() === '') throw new EmptyCorpusError('srcSentence is empty: there is nothing to translate');\n",
        '',
      ],
    ],
  },
  {
    name: 'state-kept',
    why: "never disposes the decoder's old states",
    replace: [['    tf.dispose([decX, Y, state]);', '    tf.dispose([decX, Y]);']],
  },
  {
    name: 'disposes-params',
    why: "disposes the model's parameters at the end, with the rest",
    replace: [
      [
        '  tf.dispose([encX, encValidLen, state]);',
        '  tf.dispose([encX, encValidLen, state, params as unknown as tf.TensorContainer]);',
      ],
    ],
  },
] satisfies Mutant[];
