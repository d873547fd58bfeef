/**
 * Benchmarks, each a section:
 *   npm run bench                          # student: the student command on one exercise
 *   npm run bench -- --only student,selftest --runs 15 --exercise 01-synthetic-data
 *   npm run bench -- --only rnn            # the char-LM training steps (RNN, GRU, LSTM) on wasm and cpu
 *   npm run bench -- --peers --blas-threads 1   # the training steps against PyTorch on this machine
 *   npm run bench -- --only seq2seq --runs 5     # d2l's seq2seq training step, target tokens/s
 *   npm run bench -- --only bahdanau,transformer --runs 3   # chapter 8's seq2seq models' training steps, target tokens/s
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { bahdanau, transformer } from './bench/attention';
import { type BenchOptions, load } from './bench/common';
import { conv } from './bench/conv';
import { grade } from './bench/grade';
import { peers } from './bench/peers';
import { rnn } from './bench/rnn';
import { selftest } from './bench/selftest';
import { seq2seq } from './bench/seq2seq';
import { student } from './bench/student';

const sections: Record<string, (o: BenchOptions) => Promise<void>> = {
  student,
  selftest,
  grade,
  conv,
  rnn,
  seq2seq,
  bahdanau,
  transformer,
  peers,
};

const { values } = parseArgs({
  options: {
    only: { type: 'string', default: 'student' },
    runs: { type: 'string', default: '9' },
    exercise: { type: 'string', default: '05-softmax' },
    peers: { type: 'boolean', default: false },
    'blas-threads': { type: 'string', default: '1' },
  },
});
const chosen = values.peers ? ['peers'] : values.only === 'all' ? Object.keys(sections) : values.only!.split(',');
const unknown = chosen.filter((s) => !sections[s]);
if (unknown.length)
  throw new Error(`unknown section ${unknown.join(', ')}; sections: ${Object.keys(sections).join(', ')}, all`);

console.log(
  `machine: ${cpus().length} cores, ${cpus()[0]?.model ?? '?'}; node ${process.version}; D2L_BACKEND=${process.env.D2L_BACKEND ?? '(auto)'}`,
);
console.log(`before: ${load()}`);
const options = { runs: Number(values.runs), exercise: values.exercise!, blasThreads: Number(values['blas-threads']) };
for (const name of chosen) await sections[name]!(options);
console.log(`after: ${load()}`);
