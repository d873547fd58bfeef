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
    // BEGIN SOLUTION
    const o = asValue(other);
    const out = new Value(this.data + o.data, [this, o], '+');
    out.backwardStep = () => {
      this.grad += out.grad;
      o.grad += out.grad;
    };
    return out;
    // END SOLUTION
  }

  /** this · other:  d/dthis = other,  d/dother = this. */
  mul(other: Value | number): Value {
    // BEGIN SOLUTION
    const o = asValue(other);
    const out = new Value(this.data * o.data, [this, o], '*');
    out.backwardStep = () => {
      this.grad += o.data * out.grad;
      o.grad += this.data * out.grad;
    };
    return out;
    // END SOLUTION
  }

  /** this / other:  d/dthis = 1 / other,  d/dother = −this / other². */
  div(other: Value | number): Value {
    // BEGIN SOLUTION
    const o = asValue(other);
    const out = new Value(this.data / o.data, [this, o], '/');
    out.backwardStep = () => {
      this.grad += out.grad / o.data;
      o.grad += (-this.data / (o.data * o.data)) * out.grad;
    };
    return out;
    // END SOLUTION
  }

  /** this^k for a constant k:  d/dthis = k · this^(k − 1). */
  pow(k: number): Value {
    // BEGIN SOLUTION
    const out = new Value(this.data ** k, [this], `^${k}`);
    out.backwardStep = () => {
      this.grad += k * this.data ** (k - 1) * out.grad;
    };
    return out;
    // END SOLUTION
  }

  /** exp(this):  d/dthis = exp(this). */
  exp(): Value {
    // BEGIN SOLUTION
    const out = new Value(Math.exp(this.data), [this], 'exp');
    out.backwardStep = () => {
      this.grad += out.data * out.grad;
    };
    return out;
    // END SOLUTION
  }

  /** log(this), the natural logarithm:  d/dthis = 1 / this. */
  log(): Value {
    // BEGIN SOLUTION
    const out = new Value(Math.log(this.data), [this], 'log');
    out.backwardStep = () => {
      this.grad += out.grad / this.data;
    };
    return out;
    // END SOLUTION
  }

  /** tanh(this):  d/dthis = 1 − tanh²(this). */
  tanh(): Value {
    // BEGIN SOLUTION
    const t = Math.tanh(this.data);
    const out = new Value(t, [this], 'tanh');
    out.backwardStep = () => {
      this.grad += (1 - t * t) * out.grad;
    };
    return out;
    // END SOLUTION
  }

  /** ReLU(this) = max(this, 0):  d/dthis = 1 if this > 0, else 0. */
  relu(): Value {
    // BEGIN SOLUTION
    const out = new Value(Math.max(this.data, 0), [this], 'relu');
    out.backwardStep = () => {
      this.grad += (this.data > 0 ? 1 : 0) * out.grad;
    };
    return out;
    // END SOLUTION
  }

  /** −this, from the operations above. */
  neg(): Value {
    // BEGIN SOLUTION
    return this.mul(-1);
    // END SOLUTION
  }

  /** this − other, from the operations above. */
  sub(other: Value | number): Value {
    // BEGIN SOLUTION
    return this.add(asValue(other).neg());
    // END SOLUTION
  }

  /**
   * Backpropagation from this value: its own gradient is d(this)/d(this) = 1; then each node's
   * backwardStep runs after those of every node computed from it (reverse topological order), so
   * that its grad is complete, summed over all its uses, before it is passed on.
   */
  backward(): void {
    // BEGIN SOLUTION
    const order: Value[] = [];
    const visited = new Set<Value>();
    const visit = (v: Value) => {
      if (visited.has(v)) return;
      visited.add(v);
      for (const child of v.inputs) visit(child);
      order.push(v);
    };
    visit(this);
    this.grad = 1;
    for (const v of order.reverse()) v.backwardStep();
    // END SOLUTION
  }
}

/** A number operand as a constant leaf of the graph. */
function asValue(x: Value | number): Value {
  return x instanceof Value ? x : new Value(x);
}
