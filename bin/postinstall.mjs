// After `npm install`: say which TensorFlow.js backends the course will use. npm skips the optional
// native packages silently when their install script cannot download libtensorflow; this line is
// how a learner finds out that the course runs on wasm (docs: README, "Backends").
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const present = (name) => {
  try {
    require.resolve(`${name}/package.json`);
    return true;
  } catch {
    return false;
  }
};
const native = ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'].filter(present);
process.stdout.write(
  native.length > 0
    ? `d2l-ts: native TensorFlow installed (${native.join(', ')}); the course uses it where it loads, else wasm\n`
    : "d2l-ts: the native TensorFlow backends were skipped (their install needs access to Google's storage); the course runs on wasm, which is all it needs\n",
);
