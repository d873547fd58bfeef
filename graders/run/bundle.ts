import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { build, type Message, type Plugin } from 'esbuild';
import { root, tfRuntime } from '../../bin/project.mjs';

/** Course modules every exercise may import, whatever it declares. */
export const ALWAYS_ALLOWED = ['random', 'errors'];
const TFJS = '@tensorflow/tfjs';
const REFERENCE_PREFIX = 'd2l-ts/reference/';
/** How an exercise's driver (graders/checks/<id>/driver.ts) imports the student's module. */
const STUDENT = 'd2l-ts/student';

export type BundleResult = { ok: true; path: string } | { ok: false; message: string };

const requireFromRoot = createRequire(join(root, 'package.json'));

/**
 * The import policy of one exercise: tfjs, files in the exercise's own folder, and the course
 * building blocks it declares. Anything else (an earlier exercise's solution, this exercise's
 * reference, node:fs, an npm package) is refused with a message naming the allowed imports.
 */
function importPolicy(studentFile: string, uses: string[]): Plugin {
  const exerciseDir = dirname(studentFile);
  const allowed = [...ALWAYS_ALLOWED, ...uses];
  const listAllowed = () =>
    `an exercise may import ${TFJS}, files in its own folder${allowed.length ? `, and ${allowed.map((u) => REFERENCE_PREFIX + u).join(', ')}` : ''}`;
  return {
    name: 'd2l-import-policy',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const fromStudent = args.importer.startsWith(exerciseDir + sep);
        const spec = args.path;
        if (spec === STUDENT && !fromStudent) return { path: studentFile };
        // tfjs is the course runtime, shared by every bundle the subject process loads.
        if (spec === TFJS) return { path: tfRuntime, external: true };
        if (!fromStudent && !spec.startsWith('.') && !spec.startsWith('/')) {
          // Packages the course modules use stay outside the bundle, by absolute path.
          return { path: requireFromRoot.resolve(spec), external: true };
        }
        if (!fromStudent) return undefined;
        if (spec.startsWith(REFERENCE_PREFIX)) {
          const name = spec.slice(REFERENCE_PREFIX.length);
          if (allowed.includes(name)) return { path: join(root, 'reference', `${name}.ts`) };
          return { errors: [{ text: `import of "${spec}" is not allowed: ${listAllowed()}` }] };
        }
        if (spec.startsWith('.')) {
          const target = join(args.resolveDir, spec);
          if (target === exerciseDir || target.startsWith(exerciseDir + sep)) return undefined;
          return { errors: [{ text: `import of "${spec}" leaves the exercise folder: ${listAllowed()}` }] };
        }
        return { errors: [{ text: `import of "${spec}" is not allowed: ${listAllowed()}` }] };
      });
    },
  };
}

function formatMessage(m: Message, show: (p: string) => string): string {
  const where = m.location ? `${show(join(root, m.location.file))}:${m.location.line}:${m.location.column + 1}: ` : '';
  const line = m.location?.lineText ? `\n    ${m.location.lineText.trim()}` : '';
  return `${where}${m.text}${line}`;
}

/**
 * Transpiles and bundles a student's exercise file into one CommonJS file in `outDir`, named by
 * its content hash (so parallel runs never clash and an unchanged file is not rewritten). With a
 * driver, the bundle exports the driver's functions beside the student's.
 * A syntax error or a refused import comes back as a message, never as a throw.
 */
export async function bundleExercise(opts: {
  exerciseId: string;
  file: string;
  uses: string[];
  /** The exercise's driver module (absolute path), if it has one. */
  driver?: string;
  outDir: string;
  show?: (absPath: string) => string;
}): Promise<BundleResult> {
  const show = opts.show ?? ((p: string) => relative(process.cwd(), p) || p);
  if (!existsSync(opts.file)) return { ok: false, message: `file not found: ${show(opts.file)}` };
  const entry = opts.driver
    ? {
        stdin: {
          contents: `export * from ${JSON.stringify(opts.file)};\nexport * from ${JSON.stringify(opts.driver)};\n`,
          resolveDir: root,
          sourcefile: 'entry.ts',
          loader: 'ts' as const,
        },
      }
    : { entryPoints: [opts.file] };
  try {
    const result = await build({
      absWorkingDir: root,
      ...entry,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      write: false,
      logLevel: 'silent',
      plugins: [importPolicy(opts.file, opts.uses)],
    });
    const code = result.outputFiles[0]!.contents;
    const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
    mkdirSync(opts.outDir, { recursive: true });
    const path = join(opts.outDir, `${opts.exerciseId}-${hash}.cjs`);
    if (!existsSync(path)) {
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, code);
      renameSync(tmp, path);
    }
    return { ok: true, path };
  } catch (e) {
    const errors = (e as { errors?: Message[] }).errors;
    if (!errors?.length) return { ok: false, message: String(e) };
    return { ok: false, message: errors.map((m) => formatMessage(m, show)).join('\n') };
  }
}
