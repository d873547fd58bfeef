/**
 * A scalar reverse-mode automatic differentiation engine (前向、反向传播和计算图), after
 * Karpathy's micrograd. Every operation builds the output Value, records its inputs (the edges of
 * the computation graph) and attaches a backward function that applies the chain rule locally:
 * it adds the output's gradient times the local derivative to each input's gradient. An operation
 * never changes its operands' data (they may be used elsewhere in the graph).
 * backward() then visits the graph from the output to the leaves in reverse topological order.
 */
export class Value {
  /** d(output)/d(this), filled in by backward() on the output. */
  grad = 0;
  /** Adds this value's share of the gradient to its inputs' grads; set by the operation that made it. */
  backwardStep: () => void = () => {};

  constructor(
    public data: number,
    /** The values this one was computed from: its inputs in the computation graph. */
    readonly inputs: Value[] = [],
    /** The operation that made it, e.g. '+' (for printing graphs). */
    readonly op = '',
  ) {}

  /** this + other:  d/dthis = 1,  d/dother = 1. */
  add(other: Value | number): Value {
    throw new Error('Not implemented: add (14-autodiff). The task is in exercises/14-autodiff/README.md');
  }

  /** this · other:  d/dthis = other,  d/dother = this. */
  mul(other: Value | number): Value {
    throw new Error('Not implemented: mul (14-autodiff). The task is in exercises/14-autodiff/README.md');
  }

  /** this / other:  d/dthis = 1 / other,  d/dother = −this / other². */
  div(other: Value | number): Value {
    throw new Error('Not implemented: div (14-autodiff). The task is in exercises/14-autodiff/README.md');
  }

  /** this^k for a constant k:  d/dthis = k · this^(k − 1). */
  pow(k: number): Value {
    throw new Error('Not implemented: pow (14-autodiff). The task is in exercises/14-autodiff/README.md');
  }

  /** exp(this):  d/dthis = exp(this). */
  exp(): Value {
    throw new Error('Not implemented: exp (14-autodiff). The task is in exercises/14-autodiff/README.md');
  }

  /** log(this), the natural logarithm:  d/dthis = 1 / this. */
  log(): Value {
    throw new Error('Not implemented: log (14-autodiff). The task is in exercises/14-autodiff/README.md');
  }

  /** tanh(this):  d/dthis = 1 − tanh²(this). */
  tanh(): Value {
    throw new Error('Not implemented: tanh (14-autodiff). The task is in exercises/14-autodiff/README.md');
  }

  /** ReLU(this) = max(this, 0):  d/dthis = 1 if this > 0, else 0. */
  relu(): Value {
    throw new Error('Not implemented: relu (14-autodiff). The task is in exercises/14-autodiff/README.md');
  }

  /** −this, from the operations above. */
  neg(): Value {
    throw new Error('Not implemented: neg (14-autodiff). The task is in exercises/14-autodiff/README.md');
  }

  /** this − other, from the operations above. */
  sub(other: Value | number): Value {
    throw new Error('Not implemented: sub (14-autodiff). The task is in exercises/14-autodiff/README.md');
  }

  /**
   * Backpropagation from this value: its own gradient is d(this)/d(this) = 1; then each node's
   * backwardStep runs after those of every node computed from it (reverse topological order), so
   * that its grad is complete, summed over all its uses, before it is passed on.
   */
  backward(): void {
    throw new Error('Not implemented: backward (14-autodiff). The task is in exercises/14-autodiff/README.md');
  }
}

/** A number operand as a constant leaf of the graph. */
function asValue(x: Value | number): Value {
  return x instanceof Value ? x : new Value(x);
}
