import { createRequire } from 'node:module';
import { readdirSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { installWasmKernels } from './ops/wasm-copies';

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

/**
 * Loads a native TensorFlow package; false when it is not installed or cannot load. TensorFlow
 * reads its settings when its library loads, so they are set here, before, in every process:
 * oneDNN (on by default in TensorFlow 2.21) gives wrong Conv2DBackpropInput values for small
 * single-channel inputs (docs/facts.md), and its start-up log is noise on a student's screen.
 */
function loadNative(pkg: string): boolean {
  process.env.TF_ENABLE_ONEDNN_OPTS ??= '0';
  process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
  try {
    require(pkg);
    return tf.findBackend('tensorflow') !== undefined;
  } catch {
    return false;
  }
}

let nativeLoaded: string | undefined;

/** The native backend's label, loading its package on the first call; undefined when none loads. */
function nativeLabel(): string | undefined {
  if (nativeLoaded) return nativeLoaded;
  if (gpuVisible() && loadNative('@tensorflow/tfjs-node-gpu'))
    nativeLoaded = 'tensorflow (CUDA GPU, @tensorflow/tfjs-node-gpu)';
  else if (loadNative('@tensorflow/tfjs-node')) nativeLoaded = 'tensorflow (native CPU, @tensorflow/tfjs-node)';
  return nativeLoaded;
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
  // wasm's Slice copies its whole input and its Identity copies what it could share: the fixes
  // (ops/wasm-copies.ts) apply wherever wasm is registered.
  installWasmKernels();
  chosen = choice;
  return choice;
}

/**
 * The backends this machine can run, cpu first: cpu and wasm always, tensorflow when a native
 * package loads (the GPU one where a GPU is visible). For the conformance test.
 */
export function presentBackends(): { name: BackendName; label: string }[] {
  ensureWasmRegistered();
  const native = nativeLabel();
  return [
    { name: 'cpu', label: 'cpu (plain JavaScript)' },
    { name: 'wasm', label: 'wasm (WebAssembly, SIMD)' },
    ...(native ? [{ name: 'tensorflow' as const, label: native }] : []),
  ];
}

/**
 * The backend of a graded student's process: it runs under Node's permission model, which refuses
 * native addons, and allowing them would hand student code TensorFlow's file-reading ops. So it is
 * wasm, or cpu when that is what was asked for; the references, in the trusted grading process,
 * may still run on TensorFlow.
 */
export function sandboxBackend(requested: BackendName | undefined): 'wasm' | 'cpu' {
  return requested === 'cpu' ? 'cpu' : 'wasm';
}

/** Switches between already-registered backends, for the conformance test. */
export async function switchBackend(name: BackendName): Promise<void> {
  if (!(await tf.setBackend(name))) throw new Error(`backend ${name} is not available`);
  await tf.ready();
  chosen = { name, label: name };
}
