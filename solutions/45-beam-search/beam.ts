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
  // BEGIN SOLUTION
  checkSettings(maxLen, alpha, beamSize);
  let live: { tokens: number[]; logProb: number }[] = [{ tokens: [], logProb: 0 }];
  const complete: Candidate[] = [];
  for (let t = 0; t < maxLen && live.length > 0; t++) {
    const logProbs = step(live.map((c) => c.tokens));
    // The best beamSize extensions, best first: each is inserted after every one at least as good.
    const kept: { tokens: number[]; logProb: number }[] = [];
    live.forEach((c, i) => {
      logProbs[i].forEach((lp, y) => {
        const logProb = c.logProb + lp;
        let j = kept.length;
        while (j > 0 && kept[j - 1].logProb < logProb) j--;
        if (j < beamSize) {
          kept.splice(j, 0, { tokens: [...c.tokens, y], logProb });
          if (kept.length > beamSize) kept.pop();
        }
      });
    });
    live = [];
    for (const c of kept) {
      if (c.tokens[c.tokens.length - 1] === eos || c.tokens.length === maxLen)
        complete.push({ ...c, score: c.logProb / c.tokens.length ** alpha });
      else live.push(c);
    }
  }
  let best = complete[0];
  for (const c of complete) if (c.score > best.score) best = c;
  return best;
  // END SOLUTION
}

/**
 * Exhaustive search (穷举搜索): the complete candidate of the highest score among ALL sequences
 * that end with <eos> within maxLen tokens or have maxLen tokens, scored as in beamSearch (ties:
 * the one whose tokens come first in lexicographic order of their indices). It calls step for
 * every prefix: |Y|^maxLen sequences, for tiny vocabularies only.
 */
export function exhaustiveSearch(step: PrefixStep, eos: number, maxLen: number, alpha = 0.75): Candidate {
  // BEGIN SOLUTION
  checkSettings(maxLen, alpha);
  let best: Candidate | undefined;
  const better = (c: Candidate) => {
    if (!best || c.score > best.score) return true;
    if (c.score < best.score) return false;
    // Equal scores: the lexicographically smaller token list.
    for (let i = 0; i < Math.min(c.tokens.length, best.tokens.length); i++)
      if (c.tokens[i] !== best.tokens[i]) return c.tokens[i] < best.tokens[i];
    return c.tokens.length < best.tokens.length;
  };
  // Level by level: all live prefixes of length t in one call to step.
  let level: { tokens: number[]; logProb: number }[] = [{ tokens: [], logProb: 0 }];
  while (level.length > 0) {
    const logProbs = step(level.map((c) => c.tokens));
    const next: { tokens: number[]; logProb: number }[] = [];
    level.forEach((c, i) =>
      logProbs[i].forEach((lp, y) => {
        const tokens = [...c.tokens, y];
        const logProb = c.logProb + lp;
        if (y === eos || tokens.length === maxLen) {
          const candidate = { tokens, logProb, score: logProb / tokens.length ** alpha };
          if (better(candidate)) best = candidate;
        } else next.push({ tokens, logProb });
      }),
    );
    level = next;
  }
  return best as Candidate;
  // END SOLUTION
}
