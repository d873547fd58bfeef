import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'no-shift',
    why: 'feeds the decoder the labels themselves, unshifted: it learns to copy its input, which prediction cannot give it',
    replace: [
      [
        "return tf.concat([first, Y.slice([0, 0], [n, T - 1]).cast('int32')], 1) as tf.Tensor2D;",
        "return Y.cast('int32').add(first.mul(0)) as tf.Tensor2D;",
      ],
    ],
  },
  {
    name: 'shift-the-wrong-way',
    why: 'drops the first label and appends <bos> at the end instead of putting it first',
    replace: [
      [
        "return tf.concat([first, Y.slice([0, 0], [n, T - 1]).cast('int32')], 1) as tf.Tensor2D;",
        "return tf.concat([Y.slice([0, 1], [n, T - 1]).cast('int32'), first], 1) as tf.Tensor2D;",
      ],
    ],
  },
  {
    name: 'mean-loss',
    why: "differentiates the mean of the sequences' losses instead of d2l's sum",
    replace: [
      [
        'return maskedSoftmaxCELoss(Y, batch.Y, batch.YValidLen).sum() as tf.Scalar;',
        'return maskedSoftmaxCELoss(Y, batch.Y, batch.YValidLen).mean() as tf.Scalar;',
      ],
    ],
  },
  {
    name: 'no-clipping',
    why: 'forgets to clip the gradients',
    replace: [
      [
        '        const clipped = clipByGlobalNorm(\n          vars.map((v) => grads[v.name]),\n          theta,\n        );',
        '        const clipped = vars.map((v) => grads[v.name]);',
      ],
    ],
  },
  {
    name: 'clip-each-gradient',
    why: 'clips every gradient by its own norm instead of the norm of all of them together',
    replace: [
      [
        '        const clipped = clipByGlobalNorm(\n          vars.map((v) => grads[v.name]),\n          theta,\n        );',
        '        const clipped = vars.map((v) => clipByGlobalNorm([grads[v.name]], theta)[0]);',
      ],
    ],
  },
  {
    name: 'sgd',
    why: "takes plain SGD steps instead of d2l's Adam",
    replace: [['const optimizer = tf.train.adam(lr, 0.9, 0.999, 1e-8);', 'const optimizer = tf.train.sgd(lr);']],
  },
  {
    name: 'tokens-with-padding',
    why: 'divides the epoch loss by every position of the targets instead of the valid tokens',
    replace: [['tokens += batch.YValidLen.sum().dataSync()[0];', 'tokens += batch.Y.size;']],
  },
  {
    name: 'loss-of-last-minibatch',
    why: "reports the last minibatch's loss per token instead of the epoch's",
    replace: [
      [
        '        lossSum += value.dataSync()[0];\n        tokens += batch.YValidLen.sum().dataSync()[0];',
        '        lossSum = value.dataSync()[0];\n        tokens = batch.YValidLen.sum().dataSync()[0];',
      ],
    ],
  },
  {
    name: 'one-epoch-too-many',
    why: 'counts epochs from 0 to numEpochs inclusive, one more than asked',
    replace: [
      ['for (let epoch = 0; epoch < numEpochs; epoch++) {', 'for (let epoch = 0; epoch <= numEpochs; epoch++) {'],
    ],
  },
  {
    name: 'on-epoch-never-called',
    why: 'never calls onEpoch, so a script cannot show its progress',
    replace: [['    onEpoch?.(epoch, lossSum / tokens);\n', '']],
  },
  {
    name: 'same-order-every-epoch',
    why: 'shuffles every epoch with the same seed, so the minibatches never change',
    replace: [
      [
        'for (const batch of nmtBatches(data, batchSize, seed + epoch)) {',
        'for (const batch of nmtBatches(data, batchSize, seed)) {',
      ],
    ],
  },
  {
    name: 'same-dropout-every-step',
    why: 'draws the same dropout masks at every step (seed instead of seed + 1000 k)',
    replace: [['const opts = { dropout, seed: seed + 1000 * step };', 'const opts = { dropout, seed };']],
  },
  {
    name: 'no-dropout',
    why: 'runs the model in evaluation mode during training (no opts), so dropout never happens',
    replace: [
      [
        'encoderDecoder(model, current, batch.X, decX, batch.XValidLen, opts);',
        'encoderDecoder(model, current, batch.X, decX, batch.XValidLen);',
      ],
    ],
  },
  {
    name: 'source-valid-lengths-for-loss',
    why: "masks the loss with the source's valid lengths instead of the target's",
    replace: [
      [
        'return maskedSoftmaxCELoss(Y, batch.Y, batch.YValidLen).sum() as tf.Scalar;',
        'return maskedSoftmaxCELoss(Y, batch.Y, batch.XValidLen).sum() as tf.Scalar;',
      ],
    ],
  },
  {
    name: 'disposes-initial-params',
    why: "disposes the caller's initial parameters once they are copied into variables",
    replace: [
      [
        '  const current = mapParams(params, (_, i) => vars[i]);',
        '  const current = mapParams(params, (_, i) => vars[i]);\n  tf.dispose(paramLeaves(params));',
      ],
    ],
  },
  {
    name: 'batches-kept',
    why: 'never disposes the minibatches',
    replace: [['      tf.dispose([batch.X, batch.XValidLen, batch.Y, batch.YValidLen]);\n', '']],
  },
  {
    name: 'no-config-check',
    why: 'does not check the settings: lr 0 trains nothing, batchSize 0 never ends',
    replace: [['  if (!(lr > 0)) throw new HyperparameterError(`lr must be > 0, got ${lr}`);\n', '']],
  },
] satisfies Mutant[];
