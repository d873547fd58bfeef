import * as fc from 'fast-check';
import { nmtVocab, truncatePad } from '../../../reference/38-nmt-batches';
import { initSeq2seq, seq2seqModel } from '../../../reference/40-seq2seq-decoder';
import * as ref from '../../../reference/43-greedy-predict';
import { seeded } from '../../lib/arbitraries';
import { defineExercise, example, property, reference, rejects } from '../../lib/checks';
import { ensure } from '../../lib/failure';
import { expectSameData, show } from '../../lib/nmt';
import { callRef } from '../../lib/rnn';
import type { Subject } from '../../lib/subject';
import type { Scripted } from './driver';

/** Source and target lines whose vocabularies hold every word twice: d2l's first pairs. */
const SRC_LINES = [
  ['go', '.'],
  ['go', '.'],
  ['i', 'lost', '.'],
  ['i', 'lost', '.'],
  ["he's", 'calm', '.'],
  ["he's", 'calm', '.'],
];
const TGT_LINES = [
  ['va', '!'],
  ['va', '!'],
  ["j'ai", 'perdu', '.'],
  ["j'ai", 'perdu', '.'],
  ['il', 'est', 'calme', '.'],
  ['il', 'est', 'calme', '.'],
];
const srcVocab = nmtVocab(SRC_LINES);
const tgtVocab = nmtVocab(TGT_LINES);
const idx = (v: typeof srcVocab, t: string) => v.tokenToIdx.get(t)!;
const [BOS, EOS] = [idx(tgtVocab, '<bos>'), idx(tgtVocab, '<eos>')];

/** A source sentence of known words, unknown ones and upper case, as d2l is handed it (spaces around marks). */
const sentence = fc
  .array(fc.constantFrom('go', 'Go', '.', 'I', 'lost', "he's", 'CALM', 'zebra', 'xylophone'), {
    minLength: 1,
    maxLength: 9,
  })
  .map((ws) => ws.join(' '));

/** What the scripted model must have seen, and the translation it must give. */
function expectedScripted(script: number[], src: string, numSteps: number): Scripted {
  const tokens = [...srcVocab.toIndices(src.toLowerCase().split(' ')), idx(srcVocab, '<eos>')];
  const stop = script.indexOf(EOS);
  const said = (stop < 0 ? [...script, EOS] : script.slice(0, stop + 1)).slice(0, numSteps);
  const words = said.filter((t) => t !== EOS);
  return {
    translation: tgtVocab.toTokens(words).join(' '),
    encX: truncatePad(tokens, numSteps, idx(srcVocab, '<pad>')),
    encValidLen: [tokens.length],
    initStateValidLen: [tokens.length],
    fed: [BOS, ...said.slice(0, -1)].slice(0, said.length),
  };
}

async function scripted(s: Subject, script: number[], src: string, numSteps: number) {
  return (await s.call('drivePredictScripted', script, src, SRC_LINES, TGT_LINES, numSteps)) as Scripted;
}

function expectScripted(got: Scripted, script: number[], src: string, numSteps: number) {
  const expected = expectedScripted(script, src, numSteps);
  const where = `translating ${show(src)} with numSteps ${numSteps}, a decoder that says ${show(tgtVocab.toTokens(script))}`;
  expectSameData(got.encX, expected.encX, `the source tokens the encoder got (${where})`);
  expectSameData(got.encValidLen, expected.encValidLen, `the valid length the encoder got (${where})`);
  expectSameData(got.initStateValidLen, expected.initStateValidLen, `the valid length initState got (${where})`);
  expectSameData(got.fed, expected.fed, `the tokens fed to the decoder, one per step (${where})`);
  expectSameData(got.translation, expected.translation, `the translation (${where})`);
}

const word = fc.integer({ min: 4, max: tgtVocab.length - 1 });

export default defineExercise({
  id: '43-greedy-predict',
  title: 'Greedy prediction: one token at a time until <eos>',
  file: 'predict.ts',
  uses: ['27-vocab', '38-nmt-batches', '39-encoder-decoder'],
  checks: [
    example(
      "'go .' with a decoder that says va, !, <eos>: the source [go, ., <eos>, <pad>…] of valid length 3, the decoder fed <bos>, va, !, the translation 'va !'",
      async (s) => {
        const script = [idx(tgtVocab, 'va'), idx(tgtVocab, '!'), EOS, idx(tgtVocab, 'va')];
        expectScripted(await scripted(s, script, 'go .', 10), script, 'go .', 10);
      },
    ),
    property(
      'the decoder is fed <bos>, then each prediction; the translation stops before the first <eos>, or after numSteps tokens',
      fc.record({
        script: fc.array(fc.oneof({ weight: 6, arbitrary: word }, { weight: 1, arbitrary: fc.constant(EOS) }), {
          maxLength: 10,
        }),
        src: sentence,
        numSteps: fc.integer({ min: 1, max: 8 }),
      }),
      async (s, { script, src, numSteps }) =>
        expectScripted(await scripted(s, script, src, numSteps), script, src, numSteps),
    ),
    example(
      'a source longer than numSteps is cut, and its valid length counts the tokens before the cut (d2l computes it first)',
      async (s) => {
        const src = 'i lost . i lost . go .';
        const script = [idx(tgtVocab, 'perdu'), EOS];
        expectScripted(await scripted(s, script, src, 4), script, src, 4);
      },
    ),
    reference(
      "with the seq2seq model and random parameters it translates as the reference's predict_seq2seq",
      seeded((rng) => {
        const [e, h, L] = [2 + rng.int(3), 2 + rng.int(4), 1 + rng.int(2)];
        const words = ['go', 'Go', '.', 'I', 'lost', "he's", 'calm', 'zebra'];
        return {
          params: callRef<object>(initSeq2seq, srcVocab.length, tgtVocab.length, e, h, L, rng.int(1000)),
          src: Array.from({ length: 1 + rng.int(6) }, () => words[rng.int(words.length)]).join(' '),
          numSteps: 1 + rng.int(8),
        };
      }),
      async (s, { params, src, numSteps }) => {
        const got = await s.call('drivePredict', params, src, SRC_LINES, TGT_LINES, numSteps);
        // The vocabularies stay outside callRef's conversion (it would make plain records of them).
        const expected = callRef<string>(
          (p: Parameters<typeof ref.predictSeq2seq>[1]) =>
            ref.predictSeq2seq(seq2seqModel, p, src, srcVocab, tgtVocab, numSteps),
          params,
        );
        ensure(
          got === expected,
          `predictSeq2seq(${show(src)}, numSteps ${numSteps}) gave ${show(got)}, the reference ${show(expected)}`,
        );
      },
    ),
    rejects(
      'numSteps not a whole number >= 1 is a HyperparameterError, an empty sentence an EmptyCorpusError, each naming its argument',
      async (s) => {
        const params = callRef<object>(initSeq2seq, srcVocab.length, tgtVocab.length, 2, 3, 1, 1);
        for (const numSteps of [0, -1, 2.5])
          await s.rejects(
            'drivePredict',
            [params, 'go .', SRC_LINES, TGT_LINES, numSteps],
            /numSteps/,
            `when numSteps = ${numSteps}`,
            'HyperparameterError',
          );
        for (const src of ['', '   '])
          await s.rejects(
            'drivePredict',
            [params, src, SRC_LINES, TGT_LINES, 10],
            /srcSentence/,
            `when srcSentence = ${show(src)}`,
            'EmptyCorpusError',
          );
      },
    ),
  ],
});
