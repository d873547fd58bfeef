import { HyperparameterError } from 'd2l-ts/reference/errors';

/**
 * A model's next-token distribution: for each prefix (the tokens generated so far, without
 * <bos>), the log-probabilities log P(y | prefix) of every token y of the vocabulary Y. Called
 * with several prefixes of one length at once.
 */
export type PrefixStep = (prefixes: number[][]) => number[][];

/** A candidate output: its tokens (ending with <eos> when it ended), Σ log P, and its score Σ log P / L^alpha. */
export interface Candidate {
  tokens: number[];
  logProb: number;
  score: number;
}

function checkSettings(maxLen: number, alpha: number, beamSize = 1): void {
  if (!Number.isInteger(maxLen) || maxLen < 1)
    throw new HyperparameterError(`maxLen must be a whole number >= 1, got ${maxLen}`);
  if (!Number.isInteger(beamSize) || beamSize < 1)
    throw new HyperparameterError(`beamSize must be a whole number >= 1, got ${beamSize}`);
  if (!(alpha >= 0) || !Number.isFinite(alpha)) throw new HyperparameterError(`alpha must be >= 0, got ${alpha}`);
}

/**
 * Beam search (束搜索) with beam size k = beamSize:
 * - a candidate is complete when it ends with <eos> (eos) or has maxLen tokens; its score is
 *   (1 / L^alpha) Σ_t log P(y_t | y_1 … y_{t−1}), L its number of tokens, <eos> included;
 * - from the empty candidate, at each time step call step once with the live candidates' tokens,
 *   extend each live candidate by every token (k |Y| choices), and keep the beamSize extensions
 *   with the highest log-probability Σ log P (ties: the extension of the earlier candidate, then
 *   the smaller token; the live candidates keep that order). Kept ones that are complete leave the
 *   beam; the others live on; stop after maxLen steps or when none lives;
 * - answer: among all complete candidates kept at any step, the one with the highest score (ties:
 *   the first to complete). With beamSize 1 it is greedy search.
 * maxLen and beamSize must be whole numbers >= 1, alpha >= 0 (HyperparameterError naming it). The
 * arrays step returns belong to it: read them, do not change them.
 */
export function beamSearch(step: PrefixStep, eos: number, maxLen: number, beamSize: number, alpha = 0.75): Candidate {
  throw new Error('Not implemented: beamSearch (45-beam-search). The task is in exercises/45-beam-search/README.md');
}

/**
 * Exhaustive search (穷举搜索): the complete candidate of the highest score among ALL sequences
 * that end with <eos> within maxLen tokens or have maxLen tokens, scored as in beamSearch (ties:
 * the one whose tokens come first in lexicographic order of their indices). It calls step for
 * every prefix: |Y|^maxLen sequences, for tiny vocabularies only.
 */
export function exhaustiveSearch(step: PrefixStep, eos: number, maxLen: number, alpha = 0.75): Candidate {
  throw new Error('Not implemented: exhaustiveSearch (45-beam-search). The task is in exercises/45-beam-search/README.md');
}
