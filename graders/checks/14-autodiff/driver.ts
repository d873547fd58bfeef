/**
 * The driver of exercise 14 (graders/registry.ts): it runs beside the student's code, builds an
 * expression graph from a plain-data description with the student's Value class, runs backward
 * on its last node, and returns numbers for the checks to judge in the parent.
 */
import * as student from 'd2l-ts/student';
import type { Binary, GraphNode, Unary } from '../../../reference/14-autodiff';

/** The Value class the task asks for (exercises/14-autodiff/README.md), as far as the graphs use it. */
type Value = { data: number; grad: number; backward(): void; pow(k: number): Value } & Record<
  Binary,
  (other: Value | number) => Value
> &
  Record<Unary, () => Value>;
const { Value } = student as { Value: new (x: number) => Value };

/**
 * The value of the last node, d(last)/d(leaf) for each leaf, in order, and every node's data after
 * backward() (an operation or backward() that changed an operand in place shows there).
 */
export function driveGraph(nodes: GraphNode[]): { value: number; grads: number[]; data: number[] } {
  const values: Value[] = [];
  const leaves: Value[] = [];
  for (const n of nodes) {
    let v: Value;
    if (n.op === 'leaf') {
      v = new Value(n.x);
      leaves.push(v);
    } else if (n.op === 'pow') v = values[n.a]!.pow(n.k);
    else if ('k' in n) v = values[n.a]![n.op](n.k);
    else if ('b' in n) v = values[n.a]![n.op](values[n.b]!);
    else v = values[n.a]![n.op]();
    values.push(v);
  }
  const out = values.at(-1)!;
  out.backward();
  return { value: out.data, grads: leaves.map((l) => l.grad), data: values.map((v) => v.data) };
}

/** driveGraph on each graph: many small graphs in one call. */
export function driveGraphs(graphs: GraphNode[][]): { value: number; grads: number[]; data: number[] }[] {
  return graphs.map(driveGraph);
}
