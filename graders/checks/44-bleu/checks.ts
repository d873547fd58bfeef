import * as fc from 'fast-check';
import * as ref from '../../../reference/44-bleu';
import { defineExercise, example, property, reference, rejects } from '../../lib/checks';
import { expectNumberClose, type Tolerance } from '../../lib/compare';
import { ensure } from '../../lib/failure';
import { show } from '../../lib/nmt';
import type { Subject } from '../../lib/subject';

/** Plain float64 on both sides: the same few products and powers in another order. */
const F64: Tolerance = { atol: 1e-12, rtol: 1e-9 };

/** Sequences of a 4-letter alphabet (so n-grams repeat and match), empty to 9 tokens. */
const tokens = (min = 0) => fc.array(fc.constantFrom('A', 'B', 'C', 'D'), { minLength: min, maxLength: 9 });
/** A prediction, a label and a k no larger than the prediction. */
const bleuCase = fc.record({ pred: tokens(1), label: tokens(0) }).chain(({ pred, label }) =>
  fc.record({
    pred: fc.constant(pred),
    label: fc.constant(label),
    k: fc.integer({ min: 1, max: Math.min(4, pred.length) }),
  }),
);

async function bleu(s: Subject, pred: string[], label: string[], k: number): Promise<number> {
  const got = await s.call('bleu', pred.join(' '), label.join(' '), k);
  ensure(
    typeof got === 'number',
    `bleu(${show(pred.join(' '))}, ${show(label.join(' '))}, ${k}) should be a number, got ${show(got)}`,
  );
  return got;
}

/**
 * A prediction that is its label and then up to as many of the label's own words again, scored
 * on unigrams: p_1 >= len_label / len_pred, so a brevity "penalty" above 1 (no min(0, …)) would
 * lift BLEU over 1.
 */
const longerCase = tokens(2).chain((label) =>
  fc
    .array(fc.constantFrom(...label), { minLength: 1, maxLength: label.length })
    .map((extra) => ({ pred: [...label, ...extra], label, k: 1 })),
);

/** Π p_n^(1/2^n) in float64, from the reference's precisions: BLEU without its brevity penalty. */
const precisionProduct = (pred: string[], label: string[], k: number) =>
  Array.from({ length: k }, (_, i) => ref.ngramPrecision(pred, label, i + 1) ** (0.5 ** (i + 1))).reduce(
    (a, b) => a * b,
    1,
  );

const LABEL = ['A', 'B', 'C', 'D', 'E', 'F'];
const PRED = ['A', 'B', 'B', 'C', 'D'];

export default defineExercise({
  id: '44-bleu',
  title: "d2l's BLEU",
  file: 'bleu.ts',
  tensors: false,
  checks: [
    example(
      "the notes' example: label A B C D E F, prediction A B B C D give p_1 … p_4 = 4/5, 3/4, 1/3, 0",
      async (s) => {
        for (const [n, p] of [
          [1, 4 / 5],
          [2, 3 / 4],
          [3, 1 / 3],
          [4, 0],
        ] as const)
          expectNumberClose(
            await s.call('ngramPrecision', PRED, LABEL, n),
            p,
            `p_${n} of A B B C D against A B C D E F`,
            F64,
          );
      },
    ),
    example(
      "d2l's scores: 'il est riche .' for 'il est calme .' 0.658, 'je suis en retard ?' for 'je suis chez moi .' 0.447, exact ones 1",
      async (s) => {
        const cases: [string, string, number][] = [
          ['il est riche .', 'il est calme .', Math.sqrt(3 / 4) * (1 / 3) ** 0.25],
          ['je suis en retard ?', 'je suis chez moi .', Math.sqrt(2 / 5) * (1 / 4) ** 0.25],
          ['va !', 'va !', 1],
          ["j'ai perdu .", "j'ai perdu .", 1],
          // The notes' pair: brevity penalty exp(1 − 6/5), then p_1^(1/2) p_2^(1/4).
          [PRED.join(' '), LABEL.join(' '), Math.exp(1 - 6 / 5) * Math.sqrt(4 / 5) * (3 / 4) ** 0.25],
        ];
        for (const [pred, label, expected] of cases)
          expectNumberClose(
            await s.call('bleu', pred, label, 2),
            expected,
            `bleu(${show(pred)}, ${show(label)}, 2)`,
            F64,
          );
        expectNumberClose(
          await s.call('bleu', PRED.join(' '), LABEL.join(' '), 4),
          0,
          "bleu of the notes' pair with k = 4 (p_4 = 0)",
          F64,
        );
      },
    ),
    reference(
      'ngramPrecision matches the reference: each label n-gram matched at most once',
      bleuCase,
      async (s, { pred, label, k }) => {
        expectNumberClose(
          await s.call('ngramPrecision', pred, label, k),
          ref.ngramPrecision(pred, label, k),
          `p_${k} of ${show(pred)} against ${show(label)}`,
          F64,
        );
      },
    ),
    reference('bleu matches the reference', bleuCase, async (s, { pred, label, k }) => {
      expectNumberClose(
        await bleu(s, pred, label, k),
        ref.bleu(pred.join(' '), label.join(' '), k),
        `bleu(${show(pred.join(' '))}, ${show(label.join(' '))}, ${k})`,
        F64,
      );
    }),
    property('a prediction identical to its label scores 1', bleuCase, async (s, { pred, k }) => {
      expectNumberClose(
        await bleu(s, pred, pred, k),
        1,
        `bleu of ${show(pred.join(' '))} against itself, k = ${k}`,
        F64,
      );
    }),
    property(
      'BLEU lies in [0, 1], also for a prediction longer than its label',
      fc.oneof(bleuCase, longerCase),
      async (s, { pred, label, k }) => {
        const b = await bleu(s, pred, label, k);
        ensure(
          b >= 0 && b <= 1,
          `bleu(${show(pred.join(' '))}, ${show(label.join(' '))}, ${k}) = ${b}, outside [0, 1]`,
        );
      },
    ),
    property(
      'the brevity penalty only lowers it: a prediction shorter than its label is scaled by exp(1 − len_label / len_pred), a longer one not at all',
      bleuCase,
      async (s, { pred, label, k }) => {
        const product = precisionProduct(pred, label, k);
        const penalty = Math.exp(Math.min(0, 1 - label.length / pred.length));
        const b = await bleu(s, pred, label, k);
        expectNumberClose(
          b,
          penalty * product,
          `bleu(${show(pred.join(' '))}, ${show(label.join(' '))}, ${k}), compared with the brevity penalty ${penalty} times Π p_n^(1/2^n) = ${product}`,
          F64,
        );
        // A longer label holding tokens the prediction never uses keeps every p_n and lowers the penalty.
        const longer = [...label, 'Z', 'Z', 'Z'];
        const b2 = await bleu(s, pred, longer, k);
        ensure(
          b2 <= b + 1e-12,
          `adding tokens the prediction lacks to the label raised BLEU from ${b} to ${b2} (${show(longer.join(' '))})`,
        );
      },
    ),
    rejects(
      'k or n not a whole number >= 1 is a HyperparameterError; k larger than the prediction (no k-grams: d2l divides by zero) a SequenceTooShortError',
      async (s) => {
        for (const k of [0, 1.5])
          await s.rejects('bleu', ['a b', 'a b', k], /\bk\b/, `when k = ${k}`, 'HyperparameterError');
        await s.rejects('ngramPrecision', [['a'], ['a'], 0], /\bn\b/, 'when n = 0', 'HyperparameterError');
        await s.rejects(
          'bleu',
          ['va', 'va !', 2],
          /\bk\b/,
          "when k = 2 and the prediction is 'va', one token",
          'SequenceTooShortError',
        );
        await s.rejects('bleu', ['', 'va !', 1], /\bk\b/, 'when the prediction is empty', 'SequenceTooShortError');
        await s.rejects(
          'ngramPrecision',
          [['a', 'b'], ['a', 'b'], 3],
          /\bn\b/,
          'when n = 3 and the prediction has 2 tokens',
          'SequenceTooShortError',
        );
      },
    ),
  ],
});
