import { createRequire } from 'node:module';
import { readdirSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { installWasmSlice } from './ops/wasm-slice';

/**
 * Backend choice, fastest first: TensorFlow with CUDA (@tensorflow/tfjs-node-gpu, when a GPU is
 * visible), TensorFlow on the CPU (@tensorflow/tfjs-node), WebAssembly, plain JavaScript.
 * The two native packages are optional dependencies: where their install could not download
 * libtensorflow they are absent and the choice falls through to wasm.
 * D2L_BACKEND=tensorflow|wasm|cpu forces one.
 */
export const BACKENDS = ['tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export interface BackendChoice {
  name: BackendName;
  /** What to print: the backend and where it runs. */
  label: string;
}

const require = createRequire(import.meta.url);

function gpuVisible(): boolean {
  try {
    return readdirSync('/proc/driver/nvidia/gpus').length > 0;
  } catch {
    return false;
  }
}

/** Loads a native TensorFlow package; false when it is not installed or cannot load. */
function loadNative(pkg: string): boolean {
  try {
    require(pkg);
    return tf.findBackend('tensorflow') !== undefined;
  } catch {
    return false;
  }
}

function nativeLabel(): string | undefined {
  if (gpuVisible() && loadNative('@tensorflow/tfjs-node-gpu'))
    return 'tensorflow (CUDA GPU, @tensorflow/tfjs-node-gpu)';
  if (loadNative('@tensorflow/tfjs-node')) return 'tensorflow (native CPU, @tensorflow/tfjs-node)';
  return undefined;
}

/**
 * The course runtime (reference/tf.ts, what '@tensorflow/tfjs' means in bundles) registers wasm
 * itself. Run unbundled (a tsx script, the plain @tensorflow/tfjs), register it here instead.
 */
function ensureWasmRegistered(): void {
  if (!tf.findBackendFactory('wasm')) require('@tensorflow/tfjs-backend-wasm');
}

export function parseBackend(value: string | undefined): BackendName | undefined {
  if (value === undefined || value === '') return undefined;
  if ((BACKENDS as readonly string[]).includes(value)) return value as BackendName;
  throw new Error(`D2L_BACKEND=${value} is not a backend; use one of: ${BACKENDS.join(', ')}`);
}

let chosen: BackendChoice | undefined;

/** Selects and initialises the backend once per process. */
export async function useBackend(
  requested: BackendName | undefined = parseBackend(process.env.D2L_BACKEND),
): Promise<BackendChoice> {
  if (chosen && (requested === undefined || requested === chosen.name)) return chosen;
  tf.enableProdMode();
  ensureWasmRegistered();
  let choice: BackendChoice | undefined;
  if (requested === 'tensorflow' || requested === undefined) {
    const label = nativeLabel();
    if (label) choice = { name: 'tensorflow', label };
    else if (requested === 'tensorflow') {
      throw new Error(
        'D2L_BACKEND=tensorflow, but neither @tensorflow/tfjs-node-gpu nor @tensorflow/tfjs-node could be loaded',
      );
    }
  }
  choice ??=
    requested === 'cpu'
      ? { name: 'cpu', label: 'cpu (plain JavaScript)' }
      : { name: 'wasm', label: 'wasm (WebAssembly, SIMD)' };
  if (!(await tf.setBackend(choice.name))) {
    if (requested !== undefined || choice.name !== 'wasm')
      throw new Error(`the ${choice.name} backend failed to initialise`);
    choice = { name: 'cpu', label: 'cpu (plain JavaScript; wasm failed to initialise)' };
    await tf.setBackend('cpu');
  }
  await tf.ready();
  // wasm's Slice copies its whole input: the fix (ops/wasm-slice.ts) applies wherever wasm is registered.
  installWasmSlice();
  chosen = choice;
  return choice;
}

/** Switches between already-registered backends, for the conformance test. */
export async function switchBackend(name: BackendName): Promise<void> {
  if (!(await tf.setBackend(name))) throw new Error(`backend ${name} is not available`);
  await tf.ready();
  chosen = { name, label: name };
}
