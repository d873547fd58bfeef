/**
 * How far d2l's positional-encoding table, computed in float32 by tfjs as the solution of
 * 52-positional-encoding does, is from float64, by numHiddens and number of rows.
 *   ./node_modules/.bin/tsx scripts/measure/ch8-pe-margin.ts [wasm|cpu]
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

await tf.setBackend(process.argv[2] ?? 'wasm');
for (const d of [2, 4, 8, 20, 32, 64, 128]) {
  for (const L of [60, 200, 1000]) {
    const P = tf.tidy(() => {
      const X = tf
        .range(0, L)
        .reshape([-1, 1])
        .div(tf.pow(10000, tf.range(0, d, 2).div(d)));
      return tf.stack([tf.sin(X), tf.cos(X)], 2).reshape([L, d]);
    });
    const v = P.dataSync();
    let worst = 0;
    for (let i = 0; i < L; i++)
      for (let j = 0; j < d; j++) {
        const a = i / 10000 ** ((2 * Math.floor(j / 2)) / d);
        worst = Math.max(worst, Math.abs(v[i * d + j]! - (j % 2 === 0 ? Math.sin(a) : Math.cos(a))));
      }
    console.log(`${tf.getBackend()} d ${d} maxLen ${L}: largest error ${worst.toExponential(2)}`);
    P.dispose();
  }
}
