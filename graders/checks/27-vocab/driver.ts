/**
 * Runs beside the student's Vocab (graders/registry.ts): builds one and reads it out as plain
 * data, since a class instance cannot cross to the checks.
 */
import * as student from 'd2l-ts/student';
import { EmptyCorpusError, EmptyVocabularyError } from '../../../reference/errors';
import type * as Reference from '../../../reference/27-vocab';

const { Vocab } = student as Pick<typeof Reference, 'Vocab'>;

export interface VocabData {
  length: number;
  unk: number;
  idxToToken: string[];
  /** tokenToIdx as [token, index] pairs. */
  tokenToIdx: [string, number][];
  tokenFreqs: [string, number][];
  /** toIndices(probe), and toTokens of those indices. */
  probeIndices: number[];
  probeBack: string[];
  /** toTokens(0, 1, ..., length - 1). */
  allTokens: string[];
}

/** A Vocab built with the given arguments (undefined ones left to their defaults), read out. */
export function driveVocab(
  tokens: string[] | string[][],
  minFreq: number | undefined,
  reserved: string[] | undefined,
  probe: string[],
): VocabData {
  const v = new Vocab(tokens, minFreq, reserved);
  const probeIndices = v.toIndices(probe);
  return {
    length: v.length,
    unk: v.unk,
    idxToToken: [...v.idxToToken],
    tokenToIdx: [...v.tokenToIdx],
    tokenFreqs: v.tokenFreqs.map(([t, n]) => [t, n]),
    probeIndices,
    probeBack: v.toTokens(probeIndices),
    allTokens: v.toTokens(Array.from({ length: v.length }, (_, i) => i)),
  };
}

export type ErrorOutcome =
  | { threw: false }
  | { threw: true; name: string; message: string; emptyCorpus: boolean; emptyVocabulary: boolean };

/** What building a Vocab throws, with whether it is one of the course's typed errors. */
export function driveVocabError(tokens: string[] | string[][], minFreq: number): ErrorOutcome {
  try {
    new Vocab(tokens, minFreq);
    return { threw: false };
  } catch (e) {
    // The stub's error goes on, so the check reports "not implemented".
    if (e instanceof Error && e.message.startsWith('Not implemented')) throw e;
    const err = e instanceof Error ? e : new Error(String(e));
    return {
      threw: true,
      name: err.name,
      message: err.message,
      emptyCorpus: e instanceof EmptyCorpusError,
      emptyVocabulary: e instanceof EmptyVocabularyError,
    };
  }
}
