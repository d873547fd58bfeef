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
        '  if (corpus.length < numSteps + 1) {\n    throw new SequenceTooShortError(\n      `the corpus has ${corpus.length} tokens: num_steps = ${numSteps} needs at least ${numSteps + 1}`,\n    );\n  }\n  const rng = makeRng(seed);\n',
        '  const rng = makeRng(seed);\n',
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
      [
        "import { HyperparameterError, SequenceTooShortError } from 'd2l-ts/reference/errors';",
        "import { HyperparameterError } from 'd2l-ts/reference/errors';\nconst SequenceTooShortError = Error;",
      ],
    ],
  },
  {
    name: 'length-check-one-short',
    why: 'throws only for a corpus shorter than numSteps (corpus.length < numSteps), so numSteps tokens, with no label for the last, get through and yield nothing',
    replace: [
      [
        '  if (corpus.length < numSteps + 1) {\n    throw new SequenceTooShortError(\n      `the corpus has ${corpus.length} tokens: num_steps = ${numSteps} needs at least ${numSteps + 1}`,\n    );\n  }\n  const offset',
        '  if (corpus.length < numSteps) {\n    throw new SequenceTooShortError(\n      `the corpus has ${corpus.length} tokens: num_steps = ${numSteps} needs at least ${numSteps + 1}`,\n    );\n  }\n  const offset',
      ],
    ],
  },
  {
    name: 'length-check-one-long',
    why: 'asks for numSteps + 2 tokens (corpus.length <= numSteps + 1), rejecting a corpus of exactly one subsequence and its label',
    replace: [
      [
        '  if (corpus.length < numSteps + 1) {\n    throw new SequenceTooShortError(\n      `the corpus has ${corpus.length} tokens: num_steps = ${numSteps} needs at least ${numSteps + 1}`,\n    );\n  }\n  const rng',
        '  if (corpus.length <= numSteps + 1) {\n    throw new SequenceTooShortError(\n      `the corpus has ${corpus.length} tokens: num_steps = ${numSteps} needs at least ${numSteps + 1}`,\n    );\n  }\n  const rng',
      ],
    ],
  },
  {
    name: 'sizes-unchecked',
    why: 'never checks batchSize and numSteps, so 0 or 1.5 fail inside the loop or tfjs with untyped errors, or loop until something gives',
    replace: [
      [
        "  for (const [name, v] of [\n    ['batchSize', batchSize],\n    ['numSteps', numSteps],\n  ] as const)\n    if (!Number.isInteger(v) || v < 1) throw new HyperparameterError(`${name} must be a whole number >= 1, got ${v}`);\n  if (corpus.length < numSteps + 1) {\n    throw new SequenceTooShortError(\n      `the corpus has ${corpus.length} tokens: num_steps = ${numSteps} needs at least ${numSteps + 1}`,\n    );\n  }\n  const rng",
        '  if (corpus.length < numSteps + 1) {\n    throw new SequenceTooShortError(\n      `the corpus has ${corpus.length} tokens: num_steps = ${numSteps} needs at least ${numSteps + 1}`,\n    );\n  }\n  const rng',
      ],
    ],
  },
  {
    name: 'fractional-sizes-accepted',
    why: 'rejects sizes below 1 but not fractional ones',
    replace: [
      [
        '    if (!Number.isInteger(v) || v < 1) throw new HyperparameterError(`${name} must be a whole number >= 1, got ${v}`);\n  if (corpus.length < numSteps + 1) {\n    throw new SequenceTooShortError(\n      `the corpus has ${corpus.length} tokens: num_steps = ${numSteps} needs at least ${numSteps + 1}`,\n    );\n  }\n  const offset',
        '    if (v < 1) throw new HyperparameterError(`${name} must be a whole number >= 1, got ${v}`);\n  if (corpus.length < numSteps + 1) {\n    throw new SequenceTooShortError(\n      `the corpus has ${corpus.length} tokens: num_steps = ${numSteps} needs at least ${numSteps + 1}`,\n    );\n  }\n  const offset',
      ],
    ],
  },
  {
    name: 'seed-plus-one',
    why: 'seeds the generator with seed + 1, as for tf.randomNormal (makeRng takes 0 as any other seed): not the draw the task states',
    replace: [['  const rng = makeRng(seed);', '  const rng = makeRng(seed + 1);']],
  },
  {
    name: 'offset-spliced-off-corpus',
    why: "drops the offset with corpus.splice(0, offset), cutting the first tokens off the caller's corpus",
    replace: [
      [
        '  const rest = corpus.slice(rng.int(numSteps));',
        '  corpus.splice(0, rng.int(numSteps));\n  const rest = corpus;',
      ],
    ],
  },
  {
    name: 'sequential-offset-spliced',
    why: "drops the sequential offset with corpus.splice(0, offset), changing the caller's corpus",
    replace: [
      [
        '  const offset = makeRng(seed).int(numSteps + 1);\n  const rowLength = Math.floor((corpus.length - offset - 1) / batchSize);',
        '  corpus.splice(0, makeRng(seed).int(numSteps + 1));\n  const offset = 0;\n  const rowLength = Math.floor((corpus.length - offset - 1) / batchSize);',
      ],
    ],
  },
] satisfies Mutant[];
