/**
 * The tfjs the course runs on: tfjs-core with its gradients and chained ops (x.add(y)), and the
 * cpu and wasm backends. It is @tensorflow/tfjs without layers, converter, data and webgl, none
 * of which the course uses and which take three quarters of its ~0.2 s load time. In every
 * bundle (bin/build.mjs, graders/run/bundle.ts: the CLI, the harness, students' files) and in the
 * self-test (vitest.config.ts), `import * as tf from '@tensorflow/tfjs'` resolves here.
 * Types, and scripts run unbundled (tsx), use @tensorflow/tfjs itself.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export * from '@tensorflow/tfjs-core';

// Bundled, the wasm backend cannot find its .wasm files beside itself: point it at node_modules.
setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);

/** The parts of @tensorflow/tfjs this runtime leaves out fail with a message, not "undefined". */
function absent(name: string): never {
  throw new Error(
    `tf.${name} is not part of this course's tfjs (tfjs-core with the cpu and wasm backends): build it from tensor operations`,
  );
}
const missing = (name: string) => new Proxy({}, { get: () => absent(name) });
export const layers = missing('layers');
export const data = missing('data');
export const loadLayersModel = () => absent('loadLayersModel');
export const loadGraphModel = () => absent('loadGraphModel');
export const sequential = () => absent('sequential');
export const model = () => absent('model');
