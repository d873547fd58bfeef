/**
 * Runs beside the student's searches (graders/registry.ts): a step is a function, so it is made
 * here from a table the check sends (log-probabilities by prefix), or from the reference seq2seq
 * model. The step hands out the table's own rows, and every call is recorded.
 */
import * as student from 'd2l-ts/student';
import { nmtVocab } from '../../../reference/38-nmt-batches';
import { type Seq2SeqParams, seq2seqModel } from '../../../reference/40-seq2seq-decoder';
import type * as Reference from '../../../reference/45-beam-search';
import { modelStep } from '../../../reference/45-beam-search';

const { beamSearch, exhaustiveSearch } = student as Pick<typeof Reference, 'beamSearch' | 'exhaustiveSearch'>;

/** Log-probabilities of the next token by prefix (tokens joined by ','; '' for the empty prefix), and a row for any other prefix. */
export interface Table {
  rows: Record<string, number[]>;
  otherwise: number[];
}

const tableStep = (table: Table, calls: number[][][]) => (prefixes: number[][]) => {
  calls.push(prefixes.map((p) => [...p]));
  return prefixes.map((p) => table.rows[p.join(',')] ?? table.otherwise);
};

/** beamSearch over a table, with the prefixes of every call. */
export function driveSearch(
  table: Table,
  eos: number,
  maxLen: number,
  beamSize: number,
  alpha: number,
): { best: Reference.Candidate; calls: number[][][] } {
  const calls: number[][][] = [];
  return { best: beamSearch(tableStep(table, calls), eos, maxLen, beamSize, alpha), calls };
}

/** exhaustiveSearch over a table, with the prefixes of every call. */
export function driveExhaustive(
  table: Table,
  eos: number,
  maxLen: number,
  alpha: number,
): { best: Reference.Candidate; calls: number[][][] } {
  const calls: number[][][] = [];
  return { best: exhaustiveSearch(tableStep(table, calls), eos, maxLen, alpha), calls };
}

/** beamSearch over the next-token distributions of the seq2seq model translating srcSentence. */
export function driveBeamSeq2seq(
  params: Seq2SeqParams,
  srcSentence: string,
  srcLines: string[][],
  tgtLines: string[][],
  numSteps: number,
  beamSize: number,
): Reference.Candidate {
  const tgtVocab = nmtVocab(tgtLines);
  const step = modelStep(seq2seqModel, params, srcSentence, nmtVocab(srcLines), tgtVocab, numSteps);
  return beamSearch(step, tgtVocab.tokenToIdx.get('<eos>')!, numSteps, beamSize);
}
