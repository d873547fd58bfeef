import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'no-accumulation',
    why: "assigns the gradient in add's backward step (=) instead of adding to it (+=), so a value used twice keeps only one use's share",
    replace: [
      [
        '    out.backwardStep = () => {\n      this.grad += out.grad;\n      o.grad += out.grad;\n    };',
        '    out.backwardStep = () => {\n      this.grad = out.grad;\n      o.grad = out.grad;\n    };',
      ],
    ],
  },
  {
    name: 'topological-order-not-reversed',
    why: 'runs the backward steps from the leaves to the output, before the gradients they pass on are known',
    replace: [['for (const v of order.reverse()) v.backwardStep();', 'for (const v of order) v.backwardStep();']],
  },
  {
    name: 'recursive-backward',
    why: 'recurses from each node into its inputs without a topological order, so a shared node passes its gradient on before all of it has arrived',
    replace: [
      [
        '    const order: Value[] = [];\n    const visited = new Set<Value>();\n    const visit = (v: Value) => {\n      if (visited.has(v)) return;\n      visited.add(v);\n      for (const child of v.inputs) visit(child);\n      order.push(v);\n    };\n    visit(this);\n    this.grad = 1;\n    for (const v of order.reverse()) v.backwardStep();',
        '    const visit = (v: Value) => {\n      v.backwardStep();\n      for (const child of v.inputs) visit(child);\n    };\n    this.grad = 1;\n    visit(this);',
      ],
    ],
  },
  {
    name: 'tanh-derivative-not-squared',
    why: "takes tanh'(x) to be 1 − tanh(x)",
    replace: [['this.grad += (1 - t * t) * out.grad;', 'this.grad += (1 - t) * out.grad;']],
  },
  {
    name: 'relu-derivative-wrong-side',
    why: "passes ReLU's gradient where the input is negative instead of positive",
    replace: [['this.grad += (this.data > 0 ? 1 : 0) * out.grad;', 'this.grad += (this.data < 0 ? 1 : 0) * out.grad;']],
  },
  {
    name: 'pow-without-exponent',
    why: 'forgets the factor k of the power rule: d(x^k)/dx = x^(k − 1)',
    replace: [['this.grad += k * this.data ** (k - 1) * out.grad;', 'this.grad += this.data ** (k - 1) * out.grad;']],
  },
  {
    name: 'quotient-rule-sign',
    why: 'takes d(x / y)/dy to be +x / y² instead of −x / y²',
    replace: [
      [
        'o.grad += (-this.data / (o.data * o.data)) * out.grad;',
        'o.grad += (this.data / (o.data * o.data)) * out.grad;',
      ],
    ],
  },
  {
    name: 'log-derivative-of-output',
    why: 'divides by the output log(x) instead of the input x',
    replace: [['this.grad += out.grad / this.data;', 'this.grad += out.grad / out.data;']],
  },
  {
    name: 'exp-no-chain',
    why: "forgets the chain rule's factor out.grad in exp: passes on exp(x) alone",
    replace: [['this.grad += out.data * out.grad;', 'this.grad += out.data;']],
  },
  {
    name: 'tanh-through-exp',
    why: 'computes tanh(x) as (e^(2x) − 1) / (e^(2x) + 1), which is Inf / Inf = NaN for x = 400',
    replace: [
      [
        '    const t = Math.tanh(this.data);',
        '    const e2x = Math.exp(2 * this.data);\n    const t = (e2x - 1) / (e2x + 1);',
      ],
    ],
  },
  {
    name: 'relu-derivative-one-at-zero',
    why: "takes ReLU's derivative to be 1 at 0 (a >= 0) instead of the task's 0",
    replace: [
      ['this.grad += (this.data > 0 ? 1 : 0) * out.grad;', 'this.grad += (this.data >= 0 ? 1 : 0) * out.grad;'],
    ],
  },
  {
    name: 'relu-in-place',
    why: "clamps its operand in place, as PyTorch's ReLU(inplace=True), so a negative input reads 0 wherever else it is used",
    replace: [
      [
        "    const out = new Value(Math.max(this.data, 0), [this], 'relu');",
        "    this.data = Math.max(this.data, 0);\n    const out = new Value(this.data, [this], 'relu');",
      ],
    ],
  },
  {
    name: 'pow-derivative-through-output',
    why: 'writes the power rule as k · x^k / x, reusing the output, which is 0 / 0 at x = 0',
    replace: [
      ['this.grad += k * this.data ** (k - 1) * out.grad;', 'this.grad += ((k * out.data) / this.data) * out.grad;'],
    ],
  },
  {
    name: 'mul-swapped',
    why: 'gives each factor of a product its own value as derivative instead of the other factor',
    replace: [
      [
        'this.grad += o.data * out.grad;\n      o.grad += this.data * out.grad;',
        'this.grad += this.data * out.grad;\n      o.grad += o.data * out.grad;',
      ],
    ],
  },
] satisfies Mutant[];
