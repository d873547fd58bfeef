/**
 * The bar of 54-transformer's training check: a Transformer (reference, or the solution's blocks with a
 * last argument 1) trained by reference/42's trainSeq2seq on the corpus's N shortest pairs, then its
 * greedy BLEU (k = 2) on those pairs, for initial seeds 1..8. The check's run:
 *   ./node_modules/.bin/tsx scripts/measure/ch8-transformer-bleu.ts 100 32 64 4 1 50 0.01 15 0 0
 * (N, d, FFN, heads, layers, batch, lr, epochs, dropout, solution?)
 */
import * as tf from '@tensorflow/tfjs';
import { readTranslationCorpus } from '../../fixtures/data/translation-corpus';
import { nmtArrays } from '../../reference/38-nmt-batches';
import * as ref from '../../reference/54-transformer';
import { trainSeq2seq, paramLeaves } from '../../reference/42-seq2seq-train';
import { translateBatch } from '../../reference/43-greedy-predict';
import { meanBleu } from '../../reference/44-bleu';
import { preprocessNmt, tokenizeNmt } from '../../reference/37-nmt-preprocess';
import { useBackend } from '../../reference/backend';
await useBackend();
// Imported by a path tsc does not follow: course code is checked with noUncheckedIndexedAccess, solutions are not.
const solutionPath = '../../solutions/54-transformer/transformer';
const sol = (await import(solutionPath)) as ref.TransformerFunctions;
const [N, D, FF, H, L, B, LR, EP, DO, WHICH] = process.argv.slice(2).map(Number) as number[] as [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];
const text = readTranslationCorpus('train');
const { data, srcVocab, tgtVocab } = nmtArrays(text, 10, N);
const { source, target } = tokenizeNmt(preprocessNmt(text), N);
const sources = source.map((s) => s.join(' ')),
  targets = target.map((t) => t.join(' '));
const fns = WHICH
  ? {
      transformerEncoder: sol.transformerEncoder as ref.TransformerFunctions['transformerEncoder'],
      transformerDecoder: sol.transformerDecoder as ref.TransformerFunctions['transformerDecoder'],
    }
  : undefined;
const model = ref.transformerSeq2seq(H, L, fns);
const evalModel = ref.transformerSeq2seq(H, L);
let worst = 1;
for (let seed = 1; seed <= 8; seed++) {
  const before = tf.memory().numTensors;
  const p = ref.initTransformer(
    { srcVocabSize: srcVocab.length, tgtVocabSize: tgtVocab.length, numHiddens: D, ffnNumHiddens: FF, numLayers: L },
    seed,
  );
  const cfg = {
    lr: LR,
    numEpochs: EP,
    batchSize: B,
    theta: 1,
    dropout: DO,
    seed,
    bos: tgtVocab.tokenToIdx.get('<bos>')!,
  };
  const t0 = performance.now();
  const r = trainSeq2seq(model, p, data, cfg);
  const t1 = performance.now();
  const preds = translateBatch(evalModel, r.params, sources, srcVocab, tgtVocab, 10).map((t) => t.join(' '));
  const bleu = meanBleu(preds, targets, 2);
  worst = Math.min(worst, bleu);
  console.log(
    seed,
    `train ${(t1 - t0).toFixed(0)}ms eval ${(performance.now() - t1).toFixed(0)}ms loss ${r.losses.at(-1)!.toFixed(4)} bleu ${bleu.toFixed(3)}`,
    preds[3],
    '|',
    targets[3],
  );
  tf.dispose([...paramLeaves(p), ...paramLeaves(r.params)]);
  if (seed === 1) console.log('leak', tf.memory().numTensors - before);
}
console.log('worst', worst);
