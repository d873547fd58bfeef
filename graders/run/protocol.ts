import { z } from 'zod';
import type { Wire } from './wire';

const wireTensor = z.object({
  $tensor: z
    .object({
      shape: z.array(z.number().int().nonnegative()).max(8),
      dtype: z.enum(['float32', 'int32', 'bool']),
      values: z.union([z.instanceof(Float32Array), z.instanceof(Int32Array), z.instanceof(Uint8Array)]),
    })
    .refine(
      (t) => t.values.length === t.shape.reduce((a, b) => a * b, 1),
      'a tensor whose values do not fill its shape',
    ),
});

/** Every value the subject sends back is checked against this before the parent uses it. */
export const wireSchema: z.ZodType<Wire> = z.lazy(() =>
  z.union([
    // NaN and ±Infinity are answers a check must see (and reject with its own message), not a broken message.
    z.number(),
    z.nan(),
    z.literal(Number.POSITIVE_INFINITY),
    z.literal(Number.NEGATIVE_INFINITY),
    z.string(),
    z.boolean(),
    z.null(),
    z.undefined(),
    wireTensor,
    z.object({ $map: z.array(z.tuple([wireSchema, wireSchema])) }),
    z.object({ $set: z.array(wireSchema) }),
    z.array(wireSchema),
    z.record(z.string(), wireSchema),
  ]),
) as z.ZodType<Wire>;

/** Messages from the checks to the subject process. */
export type Request =
  | { type: 'load'; id: number; path: string }
  | { type: 'call'; id: number; path: string; fn: string; args: Wire[]; grad?: { wrt: number[]; dy: Wire } };

const errorInfo = z.object({
  name: z.string().max(200),
  message: z.string().max(20_000),
  stack: z.string().max(20_000).optional(),
});

/**
 * Messages from the subject process. Everything the student's process says is validated here
 * before the parent looks at it; anything else is treated as a crash of that subject.
 */
export const replySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), backend: z.string().max(50) }),
  z.object({ type: z.literal('log'), text: z.string() }),
  z.object({ type: z.literal('loaded'), id: z.number().int(), exports: z.array(z.string().max(200)).max(1000) }),
  z.object({
    type: z.literal('result'),
    id: z.number().int(),
    value: wireSchema,
    grads: z.array(wireSchema).optional(),
    leaked: z.number().int(),
    /** What the call did to its arguments (disposed, changed, returned one itself): see argument-damage.ts. */
    damage: z.array(z.string().max(500)).max(50).default([]),
    ms: z.number().nonnegative(),
  }),
  z.object({ type: z.literal('error'), id: z.number().int(), error: errorInfo }),
  z.object({ type: z.literal('fatal'), error: errorInfo }),
]);

export type Reply = z.infer<typeof replySchema>;
export type ErrorInfo = z.infer<typeof errorInfo>;
