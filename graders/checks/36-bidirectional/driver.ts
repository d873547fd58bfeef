/**
 * Runs beside the student's birnn (graders/registry.ts): the initial states and parameters as
 * separate tensor arguments, so a gradient check can differentiate with respect to each of them.
 */
import * as tf from '@tensorflow/tfjs';
import * as student from 'd2l-ts/student';
import type * as Reference from '../../../reference/36-bidirectional';

const { birnn } = student as Pick<typeof Reference, 'birnn'>;
type T2 = tf.Tensor2D;
type T1 = tf.Tensor1D;

/** birnn's outputs Y from the initial states [fH, bH], flattened. */
export function driveBirnn(
  inputs: tf.Tensor3D,
  fH: T2,
  bH: T2,
  fW_xh: T2,
  fW_hh: T2,
  fb_h: T1,
  bW_xh: T2,
  bW_hh: T2,
  bb_h: T1,
  W_hq: T2,
  b_q: T1,
): tf.Tensor1D {
  return tf.tidy(() =>
    birnn(
      inputs,
      {
        fwd: { W_xh: fW_xh, W_hh: fW_hh, b_h: fb_h },
        bwd: { W_xh: bW_xh, W_hh: bW_hh, b_h: bb_h },
        W_hq,
        b_q,
      },
      [fH, bH],
    ).Y.reshape([-1]),
  );
}
