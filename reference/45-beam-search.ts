/**
 * Exercise 45's building blocks: greedy, beam and exhaustive search (d2l-zh 9.8, d2l-en 10.8)
 * over any next-token model, and a seq2seq translator built on them:
 *
 *   PrefixStep                 (prefixes) => log-probabilities of the next token after each prefix
 *   beamSearch(step, eos, maxLen, beamSize, alpha = 0.75)       the best complete candidate kept
 *   exhaustiveSearch(step, eos, maxLen, alpha = 0.75)           the best of every complete sequence
 *   greedySearch(step, eos, maxLen)                             beamSearch with beamSize 1
 *   Candidate                  { tokens, logProb, score }
 *   modelStep(model, params, srcSentence, srcVocab, tgtVocab, numSteps)
 *                              the PrefixStep of an encoder-decoder model on one source sentence
 *   predictSeq2seqBeam(model, params, srcSentence, srcVocab, tgtVocab, numSteps, beamSize, alpha)
 *                              the beam-search translation, tokens joined by spaces (as predictSeq2seq)
 *
 * Definitions (d2l gives the idea and no code):
 * - a candidate is a token sequence y_1 … y_L; it is complete when it ends with <eos> or has maxLen
 *   tokens. Its log-probability is Σ_t log P(y_t | y_1 … y_{t−1}); its score is that over L^alpha,
 *   L counting the <eos> (the notes' 0.5 × 0.4 × 0.4 × 0.6 = 0.048 multiplies the P of <eos> too).
 * - beam search: from the empty candidate, at each time step every live candidate is extended by
 *   every token (k·|Y| choices), and the beamSize extensions with the highest log-probability are
 *   kept (ties: the earlier candidate, then the smaller token index). Kept candidates that end in
 *   <eos> are complete and leave the beam; the others live on. After maxLen steps (or when none
 *   lives) the answer is the complete candidate with the highest score among all that were kept
 *   at any step (ties: the first completed). With beamSize 1 this is greedy search.
 * - exhaustive search: the same score over every complete sequence of at most maxLen tokens.
 * beamSize and maxLen are whole numbers >= 1 and alpha >= 0, or a HyperparameterError names them.
 */
import * as tf from '@tensorflow/tfjs';
import type { Vocab } from './27-vocab';
import { checkPositiveInteger } from './38-nmt-batches';
import { type EncoderDecoder, type EncoderDecoderParams, encoderDecoder } from './39-encoder-decoder';
import { sourceTokens } from './43-greedy-predict';
import { HyperparameterError } from './errors';

/** log P(next token | prefix) for each prefix (the tokens after <bos>): one array of |Y| numbers per prefix. */
export type PrefixStep = (prefixes: number[][]) => number[][];

/** A candidate: its tokens (ending with <eos> when it ended), Σ log P, and Σ log P / L^alpha. */
export interface Candidate {
  tokens: number[];
  logProb: number;
  score: number;
}

const scoreOf = (logProb: number, L: number, alpha: number) => logProb / L ** alpha;

function checkSearch(maxLen: number, alpha: number, beamSize = 1): void {
  checkPositiveInteger(maxLen, 'maxLen');
  checkPositiveInteger(beamSize, 'beamSize');
  if (!(alpha >= 0 && Number.isFinite(alpha))) throw new HyperparameterError(`alpha must be >= 0, got ${alpha}`);
}

/** Beam search as defined above: every extension of the live candidates ranked in one sorted list. */
export function beamSearch(step: PrefixStep, eos: number, maxLen: number, beamSize: number, alpha = 0.75): Candidate {
  checkSearch(maxLen, alpha, beamSize);
  let live: { tokens: number[]; logProb: number }[] = [{ tokens: [], logProb: 0 }];
  const complete: Candidate[] = [];
  for (let t = 0; t < maxLen && live.length > 0; t++) {
    const logProbs = step(live.map((c) => c.tokens));
    const extensions = live.flatMap((c, i) =>
      logProbs[i]!.map((lp, y) => ({ tokens: [...c.tokens, y], logProb: c.logProb + lp })),
    );
    // Array.prototype.sort is stable: equal log-probabilities keep the order candidate, then token.
    const kept = extensions.sort((a, b) => b.logProb - a.logProb).slice(0, beamSize);
    live = [];
    for (const c of kept) {
      if (c.tokens.at(-1) === eos || c.tokens.length === maxLen)
        complete.push({ ...c, score: scoreOf(c.logProb, c.tokens.length, alpha) });
      else live.push(c);
    }
  }
  return complete.reduce((best, c) => (c.score > best.score ? c : best));
}

/** Every complete sequence of at most maxLen tokens, scored; the best (ties: the first in depth-first token order). */
export function exhaustiveSearch(step: PrefixStep, eos: number, maxLen: number, alpha = 0.75): Candidate {
  checkSearch(maxLen, alpha);
  let best: Candidate | undefined;
  const visit = (tokens: number[], logProb: number) => {
    const logProbs = step([tokens])[0]!;
    logProbs.forEach((lp, y) => {
      const next = [...tokens, y];
      const total = logProb + lp;
      if (y === eos || next.length === maxLen) {
        const score = scoreOf(total, next.length, alpha);
        if (!best || score > best.score) best = { tokens: next, logProb: total, score };
      } else visit(next, total);
    });
  };
  visit([], 0);
  return best!;
}

/** Greedy search (the notes' 贪心搜索): the most probable token at each step, which is beam search of width 1. */
export function greedySearch(step: PrefixStep, eos: number, maxLen: number): Candidate {
  return beamSearch(step, eos, maxLen, 1);
}

/**
 * The next-token log-probabilities of an encoder-decoder model translating srcSentence (the
 * source side as predictSeq2seq reads it): for m prefixes of one length t, the source repeated m
 * times is encoded, the decoder reads <bos> and each prefix from the state the encoder's outputs
 * make, and the log-softmax of its last logits is the answer. Any decoder fits (it reruns the
 * prefix: the state is never copied or reordered).
 */
export function modelStep<PE, PD, O, S>(
  model: EncoderDecoder<PE, PD, O, S>,
  params: EncoderDecoderParams<PE, PD>,
  srcSentence: string,
  srcVocab: Vocab,
  tgtVocab: Vocab,
  numSteps: number,
): PrefixStep {
  const bos = tgtVocab.tokenToIdx.get('<bos>')!;
  return (prefixes) => {
    const logProbs = tf.tidy(() => {
      const m = prefixes.length;
      const t = prefixes[0]!.length;
      const { X, validLen } = sourceTokens(srcSentence, srcVocab, numSteps);
      const decX = tf.tensor2d(
        prefixes.map((p) => [bos, ...p]),
        [m, t + 1],
        'int32',
      );
      const { Y } = encoderDecoder(model, params, tf.tile(X, [m, 1]), decX, tf.tile(validLen, [m]));
      return tf.logSoftmax(Y.slice([0, t, 0], [m, 1, -1]).reshape([m, -1]));
    });
    // Read outside tidy: tidy walks a returned plain array element by element.
    const rows = logProbs.arraySync() as number[][];
    logProbs.dispose();
    return rows;
  };
}

/** The beam-search translation of srcSentence: the best candidate's tokens without its <eos>, joined by spaces. */
export function predictSeq2seqBeam<PE, PD, O, S>(
  model: EncoderDecoder<PE, PD, O, S>,
  params: EncoderDecoderParams<PE, PD>,
  srcSentence: string,
  srcVocab: Vocab,
  tgtVocab: Vocab,
  numSteps: number,
  beamSize: number,
  alpha = 0.75,
): string {
  const eos = tgtVocab.tokenToIdx.get('<eos>')!;
  const best = beamSearch(
    modelStep(model, params, srcSentence, srcVocab, tgtVocab, numSteps),
    eos,
    numSteps,
    beamSize,
    alpha,
  );
  return tgtVocab.toTokens(best.tokens.filter((y, i) => !(y === eos && i === best.tokens.length - 1))).join(' ');
}
