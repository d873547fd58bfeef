import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'min-freq-1',
    why: 'keeps the tokens seen once too (min_freq 1), so nothing rare maps to <unk>',
    replace: [["new Vocab(lines, 2, ['<pad>', '<bos>', '<eos>'])", "new Vocab(lines, 1, ['<pad>', '<bos>', '<eos>'])"]],
  },
  {
    name: 'reserved-order',
    why: 'reserves <bos> and <eos> before <pad>, so the indices of all three change',
    replace: [["new Vocab(lines, 2, ['<pad>', '<bos>', '<eos>'])", "new Vocab(lines, 2, ['<bos>', '<eos>', '<pad>'])"]],
  },
  {
    name: 'pad-in-front',
    why: 'puts the padding before the tokens instead of after them',
    replace: [
      [
        'return [...line, ...new Array(numSteps - line.length).fill(paddingToken)];',
        'return [...new Array(numSteps - line.length).fill(paddingToken), ...line];',
      ],
    ],
  },
  {
    name: 'truncate-from-end',
    why: 'keeps the last numSteps tokens of a long line instead of the first',
    replace: [
      [
        'if (line.length > numSteps) return line.slice(0, numSteps);',
        'if (line.length > numSteps) return line.slice(-numSteps);',
      ],
    ],
  },
  {
    name: 'pads-caller-line',
    why: "pads the caller's line in place (push) before returning it",
    replace: [
      [
        'return [...line, ...new Array(numSteps - line.length).fill(paddingToken)];',
        'while (line.length < numSteps) line.push(paddingToken);\n  return [...line];',
      ],
    ],
  },
  {
    name: 'no-eos',
    why: 'forgets to append <eos> to each sentence',
    replace: [
      ['truncatePad([...vocab.toIndices(l), eos], numSteps, pad)', 'truncatePad(vocab.toIndices(l), numSteps, pad)'],
    ],
  },
  {
    name: 'eos-after-padding',
    why: 'pads to numSteps − 1 and puts <eos> last, after the padding',
    replace: [
      [
        'truncatePad([...vocab.toIndices(l), eos], numSteps, pad)',
        'numSteps > 1 ? [...truncatePad(vocab.toIndices(l), numSteps - 1, pad), eos] : [eos]',
      ],
    ],
  },
  {
    name: 'valid-len-without-eos',
    why: 'counts the words only, not the <eos> after them',
    replace: [['row.filter((i) => i !== pad).length);', 'Math.max(0, row.filter((i) => i !== pad).length - 1));']],
  },
  {
    name: 'valid-len-before-truncation',
    why: "takes the sentence's length plus <eos> before truncation, which exceeds numSteps for a long sentence",
    replace: [
      [
        'const validLen = rows.map((row) => row.filter((i) => i !== pad).length);',
        'const validLen = lines.map((l) => l.length + 1);',
      ],
    ],
  },
  {
    name: 'target-vocab-from-source',
    why: "indexes the French side with the English side's vocabulary",
    replace: [['const tgtVocab = nmtVocab(target);', 'const tgtVocab = srcVocab;']],
  },
  {
    name: 'no-shuffle',
    why: 'takes the examples in file order instead of the seeded shuffle',
    replace: [['const order = makeRng(seed).shuffle([...source.keys()]);', 'const order = [...source.keys()];']],
  },
  {
    name: 'drop-last',
    why: 'drops the last, shorter minibatch',
    replace: [
      [
        'for (let start = 0; start < order.length; start += batchSize) {',
        'for (let start = 0; start + batchSize <= order.length; start += batchSize) {',
      ],
    ],
  },
  {
    name: 'unpaired-shuffle',
    why: 'shuffles the targets with an order of their own, so a source no longer sits beside its translation',
    replace: [
      [
        '        Y: tf.gather(tgt.array, idx),\n        YValidLen: tf.gather(tgt.validLen, idx),',
        '        Y: tf.gather(tgt.array, [...idx].reverse()),\n        YValidLen: tf.gather(tgt.validLen, [...idx].reverse()),',
      ],
    ],
  },
  {
    name: 'plain-error',
    why: 'throws a plain Error for a bad numSteps or batchSize, which a caller cannot tell from any other failure',
    replace: [["import { HyperparameterError } from 'd2l-ts/reference/errors';", 'const HyperparameterError = Error;']],
  },
  {
    name: 'arrays-kept',
    why: 'never disposes the full arrays once the minibatches are cut from them',
    replace: [['  tf.dispose([src.array, src.validLen, tgt.array, tgt.validLen]);\n', '']],
  },
] satisfies Mutant[];
