import * as fc from 'fast-check';
import { tfValueAndGrads, type Binary, type GraphNode, type Unary } from '../../../reference/14-autodiff';
import { defineExercise, example, property, reference } from '../../lib/checks';
import { expectNumberClose, type Tolerance } from '../../lib/compare';
import { CheckFailure, ensure } from '../../lib/failure';
import type { Subject } from '../../lib/subject';
import { formatNumber } from '../../lib/tensor-data';

const BINARY: Binary[] = ['add', 'sub', 'mul', 'div'];
const UNARY: Unary[] = ['exp', 'log', 'tanh', 'relu', 'neg'];
const SYMBOL: Record<Binary, string> = { add: '+', sub: '-', mul: '*', div: '/' };

/** The graph as text, node after node: v0 = 2 (leaf); v1 = tanh(v0); … */
function show(nodes: GraphNode[]): string {
  const ref = (i: number) => `v${i}`;
  return nodes
    .map((n, i) => {
      const rhs =
        n.op === 'leaf'
          ? `${formatNumber(n.x)} (leaf)`
          : n.op === 'pow'
            ? `${ref(n.a)} ^ ${formatNumber(n.k)}`
            : 'k' in n
              ? `${ref(n.a)} ${SYMBOL[n.op]} ${formatNumber(n.k)}`
              : 'b' in n
                ? `${ref(n.a)} ${SYMBOL[n.op]} ${ref(n.b)}`
                : `${n.op}(${ref(n.a)})`;
      return `${ref(i)} = ${rhs}`;
    })
    .join('; ');
}

/** Every node's value in float64, with the leaves set to `x`: the check's own evaluator. */
function evaluate(nodes: GraphNode[], x: number[] = leafValues(nodes)): number[] {
  const v: number[] = [];
  let leaf = 0;
  for (const n of nodes) {
    const a = n.op === 'leaf' ? x[leaf++]! : v[n.a]!;
    if (n.op === 'leaf') v.push(a);
    else if (n.op === 'pow') v.push(a ** n.k);
    else if (n.op === 'exp') v.push(Math.exp(a));
    else if (n.op === 'log') v.push(Math.log(a));
    else if (n.op === 'tanh') v.push(Math.tanh(a));
    else if (n.op === 'relu') v.push(Math.max(a, 0));
    else if (n.op === 'neg') v.push(-a);
    else {
      const b = 'k' in n ? n.k : v[(n as { b: number }).b]!;
      v.push(n.op === 'add' ? a + b : n.op === 'sub' ? a - b : n.op === 'mul' ? a * b : a / b);
    }
  }
  return v;
}

const leafValues = (nodes: GraphNode[]) => nodes.flatMap((n) => (n.op === 'leaf' ? [n.x] : []));

/** Central differences of the last node in float64, with a step of 1e-5 relative to each leaf. */
function finiteDifferences(nodes: GraphNode[]): number[] {
  const x = leafValues(nodes);
  return x.map((xi, i) => {
    const h = 1e-5 * Math.max(1, Math.abs(xi));
    const at = (d: number) =>
      evaluate(
        nodes,
        x.map((v, j) => (j === i ? v + d : v)),
      ).at(-1)!;
    return (at(h) - at(-h)) / (2 * h);
  });
}

type Driven = { value: number; grads: number[]; data: number[] };

async function drive(s: Subject, nodes: GraphNode[]): Promise<Driven> {
  const out = (await s.call('driveGraph', nodes)) as { value?: unknown; grads?: unknown; data?: unknown } | null;
  const leaves = leafValues(nodes).length;
  if (out === null || typeof out !== 'object' || !Array.isArray(out.grads) || out.grads.length !== leaves) {
    throw new CheckFailure(
      `building the graph with your Value class and calling backward() gave no gradient for each of the ${leaves} leaves`,
    );
  }
  return { value: out.value as number, grads: out.grads as number[], data: out.data as number[] };
}

/** Compares the value and every leaf's grad with expected numbers, naming the leaf and the graph. */
function expectGraph(
  got: { value: number; grads: number[] },
  expected: { value: number; grads: number[] },
  nodes: GraphNode[],
  tol: Tolerance,
  oracle: string,
): void {
  const where = (what: string) => `${what} of the graph ${show(nodes)}`;
  try {
    expectNumberClose(got.value, expected.value, where('the value of the last node'), tol);
    const leafIndex = nodes.flatMap((n, i) => (n.op === 'leaf' ? [i] : []));
    got.grads.forEach((g, j) =>
      expectNumberClose(g, expected.grads[j]!, where(`the grad of leaf v${leafIndex[j]}`), tol),
    );
  } catch (e) {
    throw e instanceof CheckFailure ? new CheckFailure(`${e.message} (${oracle})`) : e;
  }
}

/**
 * A random expression graph: 1 to 4 leaves, then up to 12 operations on earlier nodes (recent
 * ones favoured, so nodes are shared: a DAG, not a tree), the last node being the output.
 * Operations are kept well-posed, with accurate finite differences, by inserting nodes before
 * them: a logarithm, a denominator or the base of a fractional or negative power below 0.2 in
 * magnitude becomes x² + 0.5 first; a ReLU input within 0.05 of the kink is shifted by 0.3; an
 * exp input above 4, and any value beyond ±20, go through tanh first.
 */
const graphs = fc
  .record({
    leaves: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 1, maxLength: 4 }),
    ops: fc.array(
      fc.record({
        op: fc.constantFrom<Exclude<GraphNode['op'], 'leaf'>>(...BINARY, ...UNARY, 'pow'),
        a: fc.nat(),
        b: fc.nat(),
        useConstant: fc.boolean(),
        k: fc.double({ min: -3, max: 3, noNaN: true }),
        power: fc.constantFrom(2, 3, -1, 0.5, 1.5),
      }),
      { minLength: 1, maxLength: 12 },
    ),
  })
  .map(({ leaves, ops }) => {
    const nodes: GraphNode[] = leaves.map((x) => ({ op: 'leaf', x }));
    const value = (i: number) => evaluate(nodes)[i]!;
    const push = (n: GraphNode) => nodes.push(n) - 1;
    /** x² + 0.5 of node i when |x| < 0.2 (or x < 0.2 with `positive`), else i itself. */
    const awayFromZero = (i: number, positive: boolean) =>
      (positive ? value(i) : Math.abs(value(i))) >= 0.2
        ? i
        : push({ op: 'add', a: push({ op: 'pow', a: i, k: 2 }), k: 0.5 });
    const pick = (r: number) => nodes.length - 1 - (r % Math.min(nodes.length, 4));
    for (const o of ops) {
      const a = pick(o.a);
      if (o.op === 'pow')
        push({
          op: 'pow',
          a: Number.isInteger(o.power) && o.power > 0 ? a : awayFromZero(a, !Number.isInteger(o.power)),
          k: o.power,
        });
      else if (o.op === 'log') push({ op: 'log', a: awayFromZero(a, true) });
      else if (o.op === 'exp') push({ op: 'exp', a: value(a) <= 4 ? a : push({ op: 'tanh', a }) });
      else if (o.op === 'relu')
        push({ op: 'relu', a: Math.abs(value(a)) >= 0.05 ? a : push({ op: 'add', a, k: 0.3 }) });
      else if (o.op === 'neg' || o.op === 'tanh') push({ op: o.op, a });
      else if (o.useConstant)
        push({ op: o.op, a, k: o.op === 'div' && Math.abs(o.k) < 0.2 ? o.k + (o.k < 0 ? -0.2 : 0.2) : o.k });
      else {
        const b = pick(o.b);
        push({ op: o.op, a, b: o.op === 'div' ? awayFromZero(b, false) : b });
      }
      if (Math.abs(value(nodes.length - 1)) > 20) push({ op: 'tanh', a: nodes.length - 1 });
    }
    return nodes;
  });

/**
 * float64 against float64: the student's gradients are exact up to roundoff; central differences
 * with a step of 1e-5 were off by 1.3e-8 at worst over 2700 graphs (measured: (x/0.2)³ at x = 0).
 */
const FLOAT64_FD: Tolerance = { atol: 1e-6, rtol: 1e-5 };
/**
 * float64 against tfjs's float32, through up to 30 operations whose gradients can cancel:
 * measured over 2700 graphs, every difference was below 1e-5 absolute (2e-6 at a gradient of
 * 7e-3 that cancels, 3e-4 relative).
 */
const VS_FLOAT32: Tolerance = { atol: 1e-4, rtol: 1e-4 };

/** Points for every operation, and an upstream factor c, so the chain rule's factor out.grad is not 1. */
const opPoints = fc.record({
  x: fc.double({ min: 0.3, max: 2, noNaN: true }),
  y: fc.double({ min: 0.3, max: 2, noNaN: true }),
  sign: fc.constantFrom(1, -1),
  k: fc.constantFrom(2, 3, -1, 0.5, 1.5),
  c: fc.double({ min: 0.5, max: 3, noNaN: true }),
});

/** Each operation's value and derivatives with respect to its operands, written out by hand. */
function rule(op: GraphNode['op'], x: number, y: number, k: number): { value: number; dx: number; dy?: number } {
  switch (op) {
    case 'add':
      return { value: x + y, dx: 1, dy: 1 };
    case 'sub':
      return { value: x - y, dx: 1, dy: -1 };
    case 'mul':
      return { value: x * y, dx: y, dy: x };
    case 'div':
      return { value: x / y, dx: 1 / y, dy: -x / (y * y) };
    case 'pow':
      return { value: x ** k, dx: k * x ** (k - 1) };
    case 'exp':
      return { value: Math.exp(x), dx: Math.exp(x) };
    case 'log':
      return { value: Math.log(x), dx: 1 / x };
    case 'tanh':
      return { value: Math.tanh(x), dx: 1 / Math.cosh(x) ** 2 };
    case 'relu':
      return { value: Math.max(x, 0), dx: x > 0 ? 1 : 0 };
    case 'neg':
      return { value: -x, dx: -1 };
    default:
      throw new Error(`no rule for ${op}`);
  }
}

/**
 * One graph per operation whose operands are used again after it (each leaf is added to the
 * result), at a negative and a positive point: an operation that changed an operand in place
 * (a ReLU clamping its input, as PyTorch's inplace=True does) shows in the operand's data.
 */
function reuseCases(): { nodes: GraphNode[]; what: string }[] {
  const ops = [...BINARY, ...UNARY, 'pow'] as const;
  return [-0.7, 1.3].flatMap((x) =>
    ops.map((op) => {
      const sx = op === 'log' ? Math.abs(x) : x;
      const nodes: GraphNode[] = [{ op: 'leaf', x: sx }];
      const binary = (BINARY as string[]).includes(op);
      if (binary) nodes.push({ op: 'leaf', x: 0.6 }, { op: op as Binary, a: 0, b: 1 });
      else nodes.push(op === 'pow' ? { op, a: 0, k: 2 } : { op: op as Unary, a: 0 });
      const result = nodes.length - 1;
      nodes.push({ op: 'add', a: result, b: 0 });
      if (binary) nodes.push({ op: 'add', a: nodes.length - 1, b: 1 });
      return {
        nodes,
        what: `${op === 'pow' ? 'pow(x, 2)' : binary ? `${op}(x, y)` : `${op}(x)`} at x = ${formatNumber(sx)}`,
      };
    }),
  );
}

export default defineExercise({
  id: '14-autodiff',
  title: 'A scalar automatic differentiation engine',
  file: 'autodiff.ts',
  tensors: false,
  // The checks call only the driver, with plain-data graphs; what the student's code does to its
  // operands is checked by 'operations and backward() leave every operand as it was'.
  argumentsReachStudent: false,
  checks: [
    example("micrograd's neuron o = tanh(x1·w1 + x2·w2 + b): grads x1 = -1.5, w1 = 1, x2 = 0.5, w2 = 0", async (s) => {
      const b = 6.881373587019543; // makes x1·w1 + x2·w2 + b = atanh(1/√2), so o = 1/√2 and 1 - o² = 1/2
      const nodes: GraphNode[] = [
        { op: 'leaf', x: 2 },
        { op: 'leaf', x: -3 },
        { op: 'leaf', x: 0 },
        { op: 'leaf', x: 1 },
        { op: 'leaf', x: b },
        { op: 'mul', a: 0, b: 1 },
        { op: 'mul', a: 2, b: 3 },
        { op: 'add', a: 5, b: 6 },
        { op: 'add', a: 7, b: 4 },
        { op: 'tanh', a: 8 },
      ];
      expectGraph(
        await drive(s, nodes),
        { value: Math.SQRT1_2, grads: [-1.5, 1, 0.5, 0, 0.5] },
        nodes,
        FLOAT64_FD,
        'worked by hand',
      );
    }),
    example(
      'a value used several times collects the gradient of every use: x + x, x·x + x, and u·u + u with u = tanh(x)',
      async (s) => {
        const x = 0.7;
        const u = Math.tanh(x);
        const cases: [GraphNode[], number, number][] = [
          [
            [
              { op: 'leaf', x: 3 },
              { op: 'add', a: 0, b: 0 },
            ],
            6,
            2,
          ],
          [
            [
              { op: 'leaf', x: 3 },
              { op: 'mul', a: 0, b: 0 },
              { op: 'add', a: 1, b: 0 },
            ],
            12,
            7,
          ],
          [
            [
              { op: 'leaf', x },
              { op: 'tanh', a: 0 },
              { op: 'mul', a: 1, b: 1 },
              { op: 'add', a: 2, b: 1 },
            ],
            u * u + u,
            (2 * u + 1) * (1 - u * u),
          ],
        ];
        for (const [nodes, value, grad] of cases)
          expectGraph(await drive(s, nodes), { value, grads: [grad] }, nodes, FLOAT64_FD, 'worked by hand');
      },
    ),
    // Far outside the random range: tanh(±400) is ±1 with derivative 0 (e^(2x) overflows there);
    // ReLU at exactly 0 is 0 with derivative 0 (the task's 1 if a > 0, else 0), as tfjs has it;
    // x^k at 0 has the derivative k · 0^(k − 1), 0 for k = 2 and 1 for k = 1 (no division by x).
    example(
      'at the extremes and the kink: tanh(±400) = ±1 with derivative 0, ReLU at exactly 0 is 0 with derivative 0, x² and x¹ at 0 have derivatives 0 and 1',
      async (s) => {
        const cases: [string, GraphNode[], number, number][] = [
          [
            'tanh(400)',
            [
              { op: 'leaf', x: 400 },
              { op: 'tanh', a: 0 },
            ],
            1,
            0,
          ],
          [
            'tanh(-400)',
            [
              { op: 'leaf', x: -400 },
              { op: 'tanh', a: 0 },
            ],
            -1,
            0,
          ],
          [
            'relu(0)',
            [
              { op: 'leaf', x: 0 },
              { op: 'relu', a: 0 },
            ],
            0,
            0,
          ],
          [
            '2 · relu(0)',
            [
              { op: 'leaf', x: 0 },
              { op: 'relu', a: 0 },
              { op: 'mul', a: 1, k: 2 },
            ],
            0,
            0,
          ],
          [
            'pow(0, 2)',
            [
              { op: 'leaf', x: 0 },
              { op: 'pow', a: 0, k: 2 },
            ],
            0,
            0,
          ],
          [
            'pow(0, 1)',
            [
              { op: 'leaf', x: 0 },
              { op: 'pow', a: 0, k: 1 },
            ],
            0,
            1,
          ],
        ];
        for (const [what, nodes, value, grad] of cases)
          expectGraph(await drive(s, nodes), { value, grads: [grad] }, nodes, FLOAT64_FD, `worked by hand: ${what}`);
      },
    ),
    example(
      'operations and backward() leave every operand as it was: each node still holds its value afterwards',
      async (s) => {
        const cases = reuseCases();
        const out = await s.call(
          'driveGraphs',
          cases.map((c) => c.nodes),
        );
        if (!Array.isArray(out) || out.length !== cases.length)
          throw new CheckFailure('building the graphs with your Value class gave no result for each');
        cases.forEach(({ nodes, what }, i) => {
          const data = (out[i] as Partial<Driven> | undefined)?.data;
          const expected = evaluate(nodes);
          ensure(Array.isArray(data) && data.length === nodes.length, `no data for the nodes of ${show(nodes)}`);
          expected.forEach((v, j) =>
            expectNumberClose(
              data[j],
              v,
              `after building and backward(), the data of v${j} in ${show(nodes)} (${what}): an operation must not change its operands`,
              FLOAT64_FD,
            ),
          );
        });
      },
    ),
    property(
      'each operation passes on its local derivative times the gradient from above (c · op(x, y))',
      opPoints,
      async (s, { x, y, sign, k, c }) => {
        const ops = [...BINARY, ...UNARY, 'pow'] as const;
        const cases = ops.map((op) => {
          const sx = op === 'log' || op === 'pow' ? x : sign * x;
          const binary = (BINARY as string[]).includes(op);
          const nodes: GraphNode[] = [{ op: 'leaf', x: sx }];
          if (binary) nodes.push({ op: 'leaf', x: y }, { op: op as Binary, a: 0, b: 1 });
          else nodes.push(op === 'pow' ? { op, a: 0, k } : { op: op as Unary, a: 0 });
          nodes.push({ op: 'mul', a: nodes.length - 1, k: c });
          const what = op === 'pow' ? `pow(x, ${k})` : binary ? `${op}(x, y)` : `${op}(x)`;
          const at = `at x = ${formatNumber(sx)}${binary ? `, y = ${formatNumber(y)}` : ''} with the gradient from above c = ${formatNumber(c)}`;
          return { nodes, rule: rule(op, sx, y, k), what, at };
        });
        const out = await s.call(
          'driveGraphs',
          cases.map((t) => t.nodes),
        );
        if (!Array.isArray(out) || out.length !== cases.length)
          throw new CheckFailure('building the one-operation graphs with your Value class gave no result for each');
        cases.forEach(({ rule: r, what, at }, i) => {
          const got = out[i] as { value: number; grads: number[] };
          expectNumberClose(got.value, c * r.value, `the value of c · ${what} ${at}`, FLOAT64_FD);
          expectNumberClose(got.grads[0], c * r.dx, `the grad of x in c · ${what} ${at}`, FLOAT64_FD);
          if (r.dy !== undefined)
            expectNumberClose(got.grads[1], c * r.dy, `the grad of y in c · ${what} ${at}`, FLOAT64_FD);
        });
      },
      { numRuns: 10 },
    ),
    property(
      'on random expression graphs with shared nodes, every leaf gradient matches float64 finite differences',
      graphs,
      async (s, nodes) => {
        const values = evaluate(nodes);
        expectGraph(
          await drive(s, nodes),
          { value: values.at(-1)!, grads: finiteDifferences(nodes) },
          nodes,
          FLOAT64_FD,
          'finite differences',
        );
      },
      { kind: 'gradient', numRuns: 30 },
    ),
    reference(
      'on random expression graphs, the value and every leaf gradient match tf.grads of the same expression in tfjs',
      graphs,
      async (s, nodes) => {
        expectGraph(await drive(s, nodes), tfValueAndGrads(nodes), nodes, VS_FLOAT32, 'tfjs, float32');
      },
      { numRuns: 30 },
    ),
  ],
});
