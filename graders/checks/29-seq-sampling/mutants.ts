import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'random-offset-inclusive',
    why: 'draws the random offset from [0, numSteps] (randint read as exclusive) instead of [0, numSteps − 1]',
    replace: [['const rest = corpus.slice(rng.int(numSteps));', 'const rest = corpus.slice(rng.int(numSteps + 1));']],
  },
  {
    name: 'random-offset-too-short',
    why: 'draws the random offset from [0, numSteps − 2], never numSteps − 1',
    replace: [['const rest = corpus.slice(rng.int(numSteps));', 'const rest = corpus.slice(rng.int(numSteps - 1));']],
  },
  {
    name: 'sequential-offset-exclusive',
    why: 'draws the sequential offset from [0, numSteps − 1] instead of [0, numSteps]',
    replace: [['const offset = makeRng(seed).int(numSteps + 1);', 'const offset = makeRng(seed).int(numSteps);']],
  },
  {
    name: 'labels-not-shifted',
    why: 'takes the labels from the same positions as the inputs',
    replace: [
      [
        'const Y = batch.map((j) => rest.slice(j + 1, j + 1 + numSteps));',
        'const Y = batch.map((j) => rest.slice(j, j + numSteps));',
      ],
    ],
  },
  {
    name: 'no-shuffle',
    why: 'keeps the subsequences in corpus order',
    replace: [
      [
        'const starts = rng.shuffle(Array.from({ length: numSubseqs }, (_, i) => i * numSteps));',
        'const starts = Array.from({ length: numSubseqs }, (_, i) => i * numSteps);',
      ],
    ],
  },
  {
    name: 'overlapping-subsequences',
    why: 'starts a subsequence at every token, so they overlap',
    replace: [
      [
        'const numSubseqs = Math.floor((rest.length - 1) / numSteps);\n  const starts = rng.shuffle(Array.from({ length: numSubseqs }, (_, i) => i * numSteps));',
        'const numSubseqs = rest.length - numSteps;\n  const starts = rng.shuffle(Array.from({ length: numSubseqs }, (_, i) => i));',
      ],
    ],
  },
  {
    name: 'keeps-partial-batch',
    why: 'yields a last, smaller minibatch of random subsequences',
    replace: [
      [
        'const numBatches = Math.floor(numSubseqs / batchSize);',
        'const numBatches = Math.ceil(numSubseqs / batchSize);',
      ],
      [
        "tf.tensor2d(X, [batchSize, numSteps], 'int32'), tf.tensor2d(Y, [batchSize, numSteps], 'int32')];\n  }\n  // END SOLUTION\n}\n\n/**",
        "tf.tensor2d(X, [X.length, numSteps], 'int32'), tf.tensor2d(Y, [Y.length, numSteps], 'int32')];\n  }\n  // END SOLUTION\n}\n\n/**",
      ],
    ],
  },
  {
    name: 'sequential-rows-not-adjacent',
    why: 'lays the tokens out column by column (reshape of the transpose), so a row jumps by batchSize tokens',
    replace: [
      [
        '      corpus.slice(offset + shift + r * rowLength, offset + shift + (r + 1) * rowLength),\n',
        '      Array.from({ length: rowLength }, (_, c) => corpus[offset + shift + r + c * batchSize]!),\n',
      ],
    ],
  },
  {
    name: 'sequential-restarts-each-batch',
    why: 'reads every minibatch from the start of the rows, so consecutive minibatches repeat instead of continuing',
    replace: [
      [
        'const X = Xs.map((row) => row.slice(i, i + numSteps));\n    const Y = Ys.map((row) => row.slice(i, i + numSteps));',
        'const X = Xs.map((row) => row.slice(0, numSteps));\n    const Y = Ys.map((row) => row.slice(0, numSteps));',
      ],
    ],
  },
  {
    name: 'float-tokens',
    why: 'yields float32 tensors, which an embedding or tf.oneHot cannot index with',
    replace: [
      [
        "const Y = Ys.map((row) => row.slice(i, i + numSteps));\n    yield [tf.tensor2d(X, [batchSize, numSteps], 'int32'), tf.tensor2d(Y, [batchSize, numSteps], 'int32')];",
        'const Y = Ys.map((row) => row.slice(i, i + numSteps));\n    yield [tf.tensor2d(X, [batchSize, numSteps]), tf.tensor2d(Y, [batchSize, numSteps])];',
      ],
    ],
  },
  {
    name: 'no-length-check',
    why: 'yields nothing for a corpus shorter than numSteps + 1 instead of saying so',
    replace: [
      [
        '  // BEGIN SOLUTION\n  if (corpus.length < numSteps + 1) {\n    throw new SequenceTooShortError(\n      `the corpus has ${corpus.length} tokens: num_steps = ${numSteps} needs at least ${numSteps + 1}`,\n    );\n  }\n  const rng = makeRng(seed);\n',
        '  // BEGIN SOLUTION\n  const rng = makeRng(seed);\n',
      ],
    ],
  },
  {
    name: 'cast-leaks',
    why: 'makes float tensors and casts them to int32 outside tf.tidy, so the float ones are never disposed',
    replace: [
      [
        "const Y = batch.map((j) => rest.slice(j + 1, j + 1 + numSteps));\n    yield [tf.tensor2d(X, [batchSize, numSteps], 'int32'), tf.tensor2d(Y, [batchSize, numSteps], 'int32')];",
        "const Y = batch.map((j) => rest.slice(j + 1, j + 1 + numSteps));\n    yield [tf.tensor2d(X, [batchSize, numSteps]).cast('int32'), tf.tensor2d(Y, [batchSize, numSteps]).cast('int32')];",
      ],
    ],
  },
  {
    name: 'plain-error',
    why: 'throws a plain Error instead of the SequenceTooShortError the task asks for, so a caller cannot tell this mistake from any other failure',
    replace: [
      ["import { SequenceTooShortError } from 'd2l-ts/reference/errors';", 'const SequenceTooShortError = Error;'],
    ],
  },
] satisfies Mutant[];
