/**
 * The course's training steps side by side with a PyTorch implementation of the same models
 * (scripts/bench/peers/*.py, d2l's code), run in alternation on this machine so that both see the
 * same load, and the ratio of their tokens per second. Skipped with one line where /usr/bin/python3
 * cannot import torch (Debian: apt-get install python3-torch libopenblas0-pthread).
 *   npm run bench -- --peers [--blas-threads 1]   (or --only peers)
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from '../../bin/project.mjs';
import { useBackend } from '../../reference/backend';
import { median, type BenchOptions } from './common';
import * as tf from '@tensorflow/tfjs';
import type { EncoderDecoder, EncoderDecoderParams } from '../../reference/39-encoder-decoder';
import { seq2seqModel } from '../../reference/40-seq2seq-decoder';
import { paramLeaves } from '../../reference/42-seq2seq-train';
import { seq2seqAttentionModel } from '../../reference/50-bahdanau';
import { bahdanauParams, transformerModel, transformerParams } from './attention';
import { lmTokensPerSecond } from './rnn';
import { seq2seqParams, seq2seqTokensPerSecond } from './seq2seq';

const PYTHON = '/usr/bin/python3';

/** One model: a run of the course's step (tokens/s) and the peer script that runs the same model. */
export interface PeerModel {
  name: string;
  unit: string;
  course: () => Promise<number>;
  peer: string[];
}

/** The padded target tokens per second of a seq2seq-family model's training step, on fresh parameters. */
function seq2seqFamily<PE, PD, O, S>(
  model: EncoderDecoder<PE, PD, O, S>,
  init: () => EncoderDecoderParams<PE, PD>,
): () => Promise<number> {
  return async () => {
    const params = init();
    const { padded } = seq2seqTokensPerSecond(model, params);
    tf.dispose(paramLeaves(params));
    return padded;
  };
}

/** The models compared: chapters 5-6's language models, chapter 7's seq2seq and chapter 8's two attention models. */
export const peerModels: PeerModel[] = [
  ...(['rnn', 'gru', 'lstm'] as const).map((cell) => ({
    name: `${cell} language model (32 × 35 tokens, 256 hidden, vocabulary 28)`,
    unit: 'tokens/s',
    course: () => lmTokensPerSecond(cell),
    peer: ['rnn_lm.py', '--cell', cell],
  })),
  {
    name: 'seq2seq, 2 GRU layers of 32 (64 × 10 target tokens)',
    unit: 'tokens/s',
    course: seq2seqFamily(seq2seqModel, seq2seqParams),
    peer: ['seq2seq.py'],
  },
  {
    name: 'seq2seq with Bahdanau attention (64 × 10 target tokens)',
    unit: 'tokens/s',
    course: seq2seqFamily(seq2seqAttentionModel, bahdanauParams),
    peer: ['bahdanau.py'],
  },
  {
    name: 'transformer, 2 layers, 4 heads (64 × 10 target tokens)',
    unit: 'tokens/s',
    course: seq2seqFamily(transformerModel, transformerParams),
    peer: ['transformer.py'],
  },
];

function torchVersion(): string | undefined {
  const r = spawnSync(PYTHON, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function peerTokensPerSecond(args: string[], blasThreads: number): number {
  const [script, ...rest] = args as [string, ...string[]];
  const r = spawnSync(
    PYTHON,
    [join(root, 'scripts', 'bench', 'peers', script), ...rest, '--steps', '10', '--blas-threads', String(blasThreads)],
    {
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr.trim().split('\n').at(-1)}`);
  return (JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { tokens_per_s: number }).tokens_per_s;
}

export async function peers({ runs, blasThreads }: BenchOptions): Promise<void> {
  const torch = torchVersion();
  if (!torch) {
    console.log(`peers: skipped: ${PYTHON} cannot import torch (apt-get install python3-torch libopenblas0-pthread)`);
    return;
  }
  const backend = await useBackend();
  const rounds = Math.max(1, Math.min(runs, 5));
  console.log(
    `peers: PyTorch ${torch} (2 threads, ${blasThreads} BLAS thread${blasThreads === 1 ? '' : 's'}) against the course on ${backend.label}, ${rounds} rounds in alternation`,
  );
  for (const m of peerModels) {
    const course: number[] = [];
    const peer: number[] = [];
    for (let i = 0; i < rounds; i++) {
      course.push(await m.course());
      peer.push(peerTokensPerSecond(m.peer, blasThreads));
    }
    const [c, p] = [median(course), median(peer)];
    const spread = (xs: number[]) => `(${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)})`.padEnd(14);
    console.log(
      `${m.name.padEnd(62)} course ${c.toFixed(0).padStart(7)} ${spread(course)} PyTorch ${p.toFixed(0).padStart(7)} ${spread(peer)} ${m.unit}  ratio ${(c / p).toFixed(2)}`,
    );
  }
}
