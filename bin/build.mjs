// Builds the course's own TypeScript (the CLI, the subject harness, the tfjs runtime) into
// CommonJS bundles under .d2l/build, and rebuilds only when a source changed. Node 20 cannot run
// TypeScript itself, and a bundle loads ~0.3 s faster than a TypeScript loader; CommonJS because
// require() loads tfjs ~4x faster than an ESM import of it.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDir, root } from './project.mjs';

function upToDate(stampFile) {
  try {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    return Object.entries(stamp).every(([file, mtime]) => statSync(join(root, file)).mtimeMs === mtime);
  } catch {
    return false;
  }
}

function writeAtomically(path, contents) {
  // Write then rename, so parallel runs never load a half-written file.
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

/** '@tensorflow/tfjs' in a bundle becomes the runtime beside it. */
const tfRuntimePlugin = {
  name: 'd2l-tf-runtime',
  setup(b) {
    b.onResolve({ filter: /^@tensorflow\/tfjs$/ }, () => ({ path: './tf.cjs', external: true }));
  },
};

/** esbuild's options for the course's own bundles (not the tfjs runtime), rooted at `base`. */
export function bundleOptions(entry, base = root) {
  return {
    absWorkingDir: base,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    plugins: [tfRuntimePlugin],
    write: false,
    metafile: true,
    logLevel: 'silent',
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  };
}

/**
 * A class hand-out (`npm run handout`) ships the command line prebuilt, as bin/cli.frozen.cjs: it
 * holds the checks with the references of the assigned exercises, whose sources the hand-out
 * leaves out. Returns the bundle to run, copied beside the runtime it needs, or undefined.
 */
export async function frozenCli() {
  const frozen = join(root, 'bin', 'cli.frozen.cjs');
  if (!existsSync(frozen)) return undefined;
  await ensureBuilt('tf', 'reference/tf.ts');
  const out = join(buildDir, 'cli.cjs');
  const contents = readFileSync(frozen);
  if (!existsSync(out) || !readFileSync(out).equals(contents)) writeAtomically(out, contents);
  return out;
}

/**
 * Bundles `entry` (relative to the project root) to .d2l/build/<name>.cjs unless it is fresh.
 * The runtime ('tf') bundles its packages; every other bundle leaves packages to node_modules.
 */
export async function ensureBuilt(name, entry) {
  const isRuntime = name === 'tf';
  if (!isRuntime) await ensureBuilt('tf', 'reference/tf.ts');
  const out = join(buildDir, `${name}.cjs`);
  const stampFile = join(buildDir, `${name}.stamp.json`);
  if (upToDate(stampFile)) return out;
  mkdirSync(buildDir, { recursive: true });
  // esbuild is loaded only when something must be rebuilt: most runs find their bundles fresh.
  const { build } = await import('esbuild');
  const options = bundleOptions(entry);
  if (isRuntime) {
    delete options.packages;
    delete options.plugins;
    options.mainFields = ['module', 'main'];
  }
  const result = await build(options);
  writeAtomically(out, result.outputFiles[0].contents);
  // Packages change only with the lockfile: stamp it instead of their thousands of files. The
  // folders are stamped too: a file added beside the inputs may be one a glob import now takes.
  const files = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/'));
  const folders = new Set(
    files.flatMap((f) =>
      f
        .split('/')
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
    ),
  );
  const sources = [...files, ...folders, 'package-lock.json'];
  writeAtomically(
    stampFile,
    JSON.stringify(Object.fromEntries(sources.map((f) => [f, statSync(join(root, f)).mtimeMs]))),
  );
  return out;
}
