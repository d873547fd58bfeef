/**
 * The golden cases of fixtures/golden/*.json (written by fixtures/golden/generate.py, float64):
 * loading and validating them, and running a reference function and its gradient on one case.
 * Shared by golden.test.ts (reference against golden values) and conformance.test.ts (backend
 * against backend).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { root } from '../bin/project.mjs';
import { expectClose, type Tolerance } from '../graders/lib/compare';
import { CheckFailure } from '../graders/lib/failure';
import { TensorData } from '../graders/lib/tensor-data';
import { fromTensor, toTensor } from '../graders/lib/tf-interop';

export const GOLDEN_DIR = 'fixtures/golden';

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

const tensorSchema = z
  .strictObject({
    shape: z.array(z.int().nonnegative()),
    dtype: z.enum(['float32', 'int32']),
    values: z.array(z.number()),
  })
  .refine((t) => t.values.length === size(t.shape), { message: 'the number of values is not the product of the shape' })
  .refine((t) => t.dtype !== 'int32' || t.values.every(Number.isInteger), { message: 'int32 values must be integers' })
  .transform(
    (t) =>
      new TensorData(t.shape, t.dtype, t.dtype === 'int32' ? Int32Array.from(t.values) : Float32Array.from(t.values)),
  );

/** A number, a tensor, or a list of tensors (sgd's params and grads). */
const argSchema = z.union([z.number(), tensorSchema, z.array(tensorSchema)], {
  error: 'expected a number, a tensor {shape, dtype, values} or a list of tensors',
});

const caseSchema = z
  .strictObject({
    name: z.string().min(1),
    function: z.string().min(1),
    args: z.array(argSchema),
    expected: z.union([tensorSchema, z.array(tensorSchema)], {
      error: 'expected a tensor {shape, dtype, values} or a list of tensors',
    }),
    /** The vector-Jacobian product dyᵀJ with respect to the arguments at positions wrt. */
    grad: z
      .strictObject({ wrt: z.array(z.int().nonnegative()).min(1), dy: tensorSchema, expected: z.array(tensorSchema) })
      .optional(),
  })
  .superRefine((c, ctx) => {
    if (!c.grad) return;
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path: ['grad', ...path], message });
    if (!(c.expected instanceof TensorData)) issue([], 'a gradient needs a function with one tensor output');
    else if (c.grad.dy.shape.join() !== c.expected.shape.join())
      issue(['dy'], `dy must have the output's shape [${c.expected.shape.join(', ')}]`);
    if (c.grad.expected.length !== c.grad.wrt.length)
      issue(['expected'], `needs one tensor per entry of wrt (${c.grad.wrt.length})`);
    c.grad.wrt.forEach((i, k) => {
      const x = c.args[i];
      if (!(x instanceof TensorData && x.dtype === 'float32'))
        issue(['wrt', k], `argument ${i} is not a float32 tensor`);
      else if (c.grad!.expected[k] && c.grad!.expected[k].shape.join() !== x.shape.join())
        issue(['expected', k], `must have argument ${i}'s shape [${x.shape.join(', ')}]`);
    });
  });

const fileSchema = z
  .strictObject({
    exercise: z.string().regex(/^\d\d-[a-z0-9-]+$/, 'not an exercise id such as 05-softmax'),
    generator: z.literal(`${GOLDEN_DIR}/generate.py`),
    cases: z.array(caseSchema).min(1),
  })
  .superRefine((f, ctx) => {
    // Test titles are built from (function, name): a duplicate would hide a case.
    const seen = new Set<string>();
    f.cases.forEach((c, i) => {
      const key = `${c.function}: ${c.name}`;
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', path: ['cases', i, 'name'], message: `duplicate case "${key}"` });
      seen.add(key);
    });
  });

export type GoldenCase = z.output<typeof caseSchema>;
export type Value = TensorData | TensorData[];

export interface GoldenFile {
  /** Relative to the project root, e.g. fixtures/golden/05-softmax.json. */
  path: string;
  exercise: string;
  cases: GoldenCase[];
  /** Why the file was rejected, in one line naming the file and the field; no cases then. */
  error?: string;
}

type Issue = z.core.$ZodIssue;

/**
 * A union (an argument: number, tensor or list) reports only "Invalid input". Look inside: the
 * branch of the right kind (not failing on its type at its root) says what is wrong.
 */
function specific(issue: Issue): Pick<Issue, 'path' | 'message'> {
  if (issue.code !== 'invalid_union') return issue;
  const matching = issue.errors.filter(
    (branch) => !branch.every((i) => i.code === 'invalid_type' && i.path.length === 0),
  );
  if (matching.length !== 1 || !matching[0]![0]) return issue;
  const inner = specific(matching[0]![0]);
  return { path: [...issue.path, ...inner.path], message: inner.message };
}

/** Validates the parsed JSON of one golden file; `path` (e.g. fixtures/golden/05-softmax.json) names it. */
export function parseGolden(path: string, json: unknown): GoldenFile {
  const exercise = path.replace(/^.*\//, '').replace(/\.json$/, '');
  const rejected = (why: string): GoldenFile => ({ path, exercise, cases: [], error: `${path}: ${why}` });
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = specific(parsed.error.issues[0]!);
    return rejected(`${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}`);
  }
  if (parsed.data.exercise !== exercise)
    return rejected(`exercise is "${parsed.data.exercise}", but the file is named for ${exercise}`);
  return { path, exercise, cases: parsed.data.cases };
}

function load(name: string): GoldenFile {
  const path = `${GOLDEN_DIR}/${name}`;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(join(root, path), 'utf8'));
  } catch (e) {
    return {
      path,
      exercise: name.replace(/\.json$/, ''),
      cases: [],
      error: `${path}: not JSON: ${(e as Error).message}`,
    };
  }
  return parseGolden(path, json);
}

/** Every golden file, read at collection time so that each case becomes its own test. */
export function loadGoldenFiles(): GoldenFile[] {
  return readdirSync(join(root, GOLDEN_DIR))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map(load);
}

export const caseTitle = (file: GoldenFile, c: GoldenCase) => `${file.exercise} ${c.function}: ${c.name}`;

type TfArg = number | tf.Tensor | tf.Tensor[];
export type Reference = (...args: TfArg[]) => tf.Tensor | tf.Tensor[];

/** The exported function of reference/<exercise>.ts. */
export async function referenceFunction(exercise: string, name: string): Promise<Reference> {
  const module = (await import(`../reference/${exercise}.ts`)) as Record<string, unknown>;
  const f = module[name];
  if (typeof f !== 'function') throw new Error(`reference/${exercise}.ts exports no function ${name}`);
  return f as Reference;
}

const decode = (arg: GoldenCase['args'][number]): TfArg =>
  arg instanceof TensorData ? toTensor(arg) : Array.isArray(arg) ? arg.map(toTensor) : arg;

/** f on the case's arguments, read back; every tensor made on the way is disposed. */
export function runCase(f: Reference, c: GoldenCase): Value {
  const out = tf.tidy(() => f(...c.args.map(decode)));
  try {
    return Array.isArray(out) ? out.map(fromTensor) : fromTensor(out);
  } finally {
    tf.dispose(out);
  }
}

/** tfjs's vector-Jacobian products of f with the case's dy, with respect to the case's wrt. */
export function runGrad(f: Reference, c: GoldenCase): TensorData[] {
  if (!c.grad) throw new Error(`case "${c.name}" has no gradient`);
  const { wrt, dy } = c.grad;
  const grads = tf.tidy(() => {
    const args = c.args.map(decode);
    const g = tf.grads((...xs: tf.Tensor[]) => {
      const a = [...args];
      wrt.forEach((i, k) => (a[i] = xs[k]!));
      return f(...a) as tf.Tensor;
    });
    return g(
      wrt.map((i) => args[i] as tf.Tensor),
      toTensor(dy),
    );
  });
  try {
    return grads.map(fromTensor);
  } finally {
    tf.dispose(grads);
  }
}

/** expectClose for a tensor or a list of them, failing with the details (both tensors) in the message. */
export function expectValueClose(got: Value, want: Value, what: string, tol: Tolerance): void {
  const close = (g: TensorData | undefined, w: TensorData, name: string) => {
    try {
      expectClose(g, w, name, tol);
    } catch (e) {
      if (e instanceof CheckFailure) throw new Error([e.message, ...e.details].join('\n'));
      throw e;
    }
  };
  if (!Array.isArray(want)) {
    close(Array.isArray(got) ? undefined : got, want, what);
    return;
  }
  if (!Array.isArray(got) || got.length !== want.length)
    throw new Error(`${what} should be a list of ${want.length} tensors`);
  want.forEach((w, i) => close(got[i], w, `${what}[${i}]`));
}
