/**
 * Runs beside the student's trainSeq2seq (graders/registry.ts): a model is functions, so the
 * reference seq2seq model (d2l's Seq2SeqEncoder and Seq2SeqDecoder) is handed to it here, in the
 * subject process; the parameters and the data come from the check and the trained parameters go
 * back to it, where they are judged.
 */
import * as student from 'd2l-ts/student';
import type { NmtData } from '../../../reference/38-nmt-batches';
import { type Seq2SeqParams, seq2seqModel } from '../../../reference/40-seq2seq-decoder';
import type * as Reference from '../../../reference/42-seq2seq-train';

const { trainSeq2seq } = student as Pick<typeof Reference, 'trainSeq2seq'>;

/** trainSeq2seq(the seq2seq model, params, data, config, onEpoch), with what onEpoch was told. */
export function driveTrain(
  params: Seq2SeqParams,
  data: NmtData,
  config: Reference.TrainConfig,
): { params: Seq2SeqParams; losses: number[]; told: [number, number][] } {
  const told: [number, number][] = [];
  const out = trainSeq2seq(seq2seqModel, params, data, config, (epoch, loss) => told.push([epoch, loss]));
  return { ...out, told };
}
