#!/usr/bin/python3
"""d2l's character language model training step (d2l-zh / d2l-en 0.17 sections 8.5-8.6, 9.1-9.2).

Default: the "from scratch" cells (get_params, init_*_state, rnn/gru/lstm, RNNModelScratch) trained as
train_epoch_ch8 does with sequential partitioning: state carried over and detached, loss = cross-entropy mean,
grad_clipping(theta=1), d2l's sgd with lr 1 and batch_size 1. --concise: RNNModel around nn.RNN/nn.GRU/nn.LSTM
with torch.optim.SGD, as d2l's concise sections train it.
Sizes as d2l's: batch 32, num_steps 35, num_hiddens 256, vocabulary 28 (The Time Machine's characters).
"""
import math

import torch
from torch import nn
from torch.nn import functional as F

from common import grad_clipping, parse_args, run

BATCH_SIZE, NUM_STEPS, NUM_HIDDENS, VOCAB_SIZE, LR = 32, 35, 256, 28, 1
# --check trains on text, not on random characters: uniform random characters leave nothing to learn in 50
# steps (their entropy is ln 28 already), while text drops towards its character statistics at once.
TEXT = ('the time traveller for so it will be convenient to speak of him was expounding a recondite matter '
        'to us his grey eyes shone and twinkled and his usually pale face was flushed and animated ')


def normal(shape):
    return torch.randn(size=shape) * 0.01


def three(num_inputs, num_hiddens):
    return (normal((num_inputs, num_hiddens)), normal((num_hiddens, num_hiddens)), torch.zeros(num_hiddens))


def get_params(cell, vocab_size, num_hiddens):
    """d2l's get_params / get_params for GRU / get_lstm_params: weights N(0, 0.01^2), biases 0."""
    num_inputs = num_outputs = vocab_size
    gates = {'rnn': 1, 'gru': 3, 'lstm': 4}[cell]  # rnn: h; gru: z, r, h; lstm: i, f, o, c
    params = [t for _ in range(gates) for t in three(num_inputs, num_hiddens)]
    params += [normal((num_hiddens, num_outputs)), torch.zeros(num_outputs)]
    for param in params:
        param.requires_grad_(True)
    return params


def init_state(cell, batch_size, num_hiddens):
    """init_rnn_state / init_gru_state: (H,); init_lstm_state: (H, C)."""
    n = 2 if cell == 'lstm' else 1
    return tuple(torch.zeros((batch_size, num_hiddens)) for _ in range(n))


def rnn(inputs, state, params):
    W_xh, W_hh, b_h, W_hq, b_q = params
    H, = state
    outputs = []
    for X in inputs:
        H = torch.tanh(torch.mm(X, W_xh) + torch.mm(H, W_hh) + b_h)
        Y = torch.mm(H, W_hq) + b_q
        outputs.append(Y)
    return torch.cat(outputs, dim=0), (H,)


def gru(inputs, state, params):
    W_xz, W_hz, b_z, W_xr, W_hr, b_r, W_xh, W_hh, b_h, W_hq, b_q = params
    H, = state
    outputs = []
    for X in inputs:
        Z = torch.sigmoid((X @ W_xz) + (H @ W_hz) + b_z)
        R = torch.sigmoid((X @ W_xr) + (H @ W_hr) + b_r)
        H_tilda = torch.tanh((X @ W_xh) + ((R * H) @ W_hh) + b_h)
        H = Z * H + (1 - Z) * H_tilda
        Y = H @ W_hq + b_q
        outputs.append(Y)
    return torch.cat(outputs, dim=0), (H,)


def lstm(inputs, state, params):
    [W_xi, W_hi, b_i, W_xf, W_hf, b_f, W_xo, W_ho, b_o, W_xc, W_hc, b_c, W_hq, b_q] = params
    (H, C) = state
    outputs = []
    for X in inputs:
        I = torch.sigmoid((X @ W_xi) + (H @ W_hi) + b_i)
        F_ = torch.sigmoid((X @ W_xf) + (H @ W_hf) + b_f)
        O = torch.sigmoid((X @ W_xo) + (H @ W_ho) + b_o)
        C_tilda = torch.tanh((X @ W_xc) + (H @ W_hc) + b_c)
        C = F_ * C + I * C_tilda
        H = O * torch.tanh(C)
        Y = (H @ W_hq) + b_q
        outputs.append(Y)
    return torch.cat(outputs, dim=0), (H, C)


class RNNModelScratch:
    """d2l's RNNModelScratch: one-hot inputs of shape (num_steps, batch, vocab), then the cell's forward_fn."""

    def __init__(self, vocab_size, num_hiddens, cell):
        self.vocab_size, self.num_hiddens, self.cell = vocab_size, num_hiddens, cell
        self.params = get_params(cell, vocab_size, num_hiddens)
        self.forward_fn = {'rnn': rnn, 'gru': gru, 'lstm': lstm}[cell]

    def __call__(self, X, state):
        X = F.one_hot(X.T, self.vocab_size).type(torch.float32)
        return self.forward_fn(X, state, self.params)

    def begin_state(self, batch_size):
        return init_state(self.cell, batch_size, self.num_hiddens)


class RNNModel(nn.Module):
    """d2l's concise RNNModel (unidirectional): the torch recurrent layer, then a Linear on every step's output."""

    def __init__(self, rnn_layer, vocab_size):
        super().__init__()
        self.rnn = rnn_layer
        self.vocab_size = vocab_size
        self.num_hiddens = self.rnn.hidden_size
        self.linear = nn.Linear(self.num_hiddens, self.vocab_size)

    def forward(self, inputs, state):
        X = F.one_hot(inputs.T.long(), self.vocab_size).to(torch.float32)
        Y, state = self.rnn(X, state)
        output = self.linear(Y.reshape((-1, Y.shape[-1])))
        return output, state

    def begin_state(self, batch_size):
        zeros = lambda: torch.zeros((self.rnn.num_layers, batch_size, self.num_hiddens))
        return (zeros(), zeros()) if isinstance(self.rnn, nn.LSTM) else zeros()


def sgd(params, lr, batch_size):
    with torch.no_grad():
        for param in params:
            param -= lr * param.grad / batch_size
            param.grad.zero_()


def main():
    def options(p):
        p.add_argument('--cell', choices=['rnn', 'gru', 'lstm'], default='gru')
        p.add_argument('--concise', action='store_true', help='nn.RNN/nn.GRU/nn.LSTM instead of the scratch cell')
    args = parse_args(__doc__.splitlines()[0], options, check_steps=50)

    if args.concise:
        layer = {'rnn': nn.RNN, 'gru': nn.GRU, 'lstm': nn.LSTM}[args.cell](VOCAB_SIZE, NUM_HIDDENS)
        net = RNNModel(layer, VOCAB_SIZE)
        params = [p for p in net.parameters() if p.requires_grad]
        trainer = torch.optim.SGD(net.parameters(), LR)
    else:
        net = RNNModelScratch(VOCAB_SIZE, NUM_HIDDENS, args.cell)
        params = net.params
    loss = nn.CrossEntropyLoss()

    # (X, Y) with Y = X shifted by one, as d2l's iterators give them. Timing: random characters from a seeded
    # generator (speed does not depend on them). --check: one batch of TEXT as indices (space 1, a-z 2..27).
    if args.check:
        chars = [1 if ch == ' ' else ord(ch) - ord('a') + 2 for ch in TEXT]
        corpus = torch.tensor(chars * (1 + BATCH_SIZE * (NUM_STEPS + 1) // len(chars)))
        corpus = corpus[:BATCH_SIZE * (NUM_STEPS + 1)].reshape(1, BATCH_SIZE, NUM_STEPS + 1)
    else:
        gen = torch.Generator().manual_seed(args.seed)
        corpus = torch.randint(0, VOCAB_SIZE, (8, BATCH_SIZE, NUM_STEPS + 1), generator=gen)
    batches = [(c[:, :-1], c[:, 1:]) for c in corpus]

    state = None

    def train_step(batch):
        """One minibatch of d2l's train_epoch_ch8 (use_random_iter=False)."""
        nonlocal state
        X, Y = batch
        if state is None:
            state = net.begin_state(batch_size=X.shape[0])
        else:
            for s in (state if isinstance(state, tuple) else (state,)):
                s.detach_()
        y = Y.T.reshape(-1)
        y_hat, state = net(X, state)
        l = loss(y_hat, y.long()).mean()
        if args.concise:
            trainer.zero_grad()
            l.backward()
            grad_clipping(params, 1)
            trainer.step()
        else:
            l.backward()
            grad_clipping(params, 1)
            sgd(params, LR, batch_size=1)
        return float(l)  # d2l's metric.add(l * y.numel(), ...) reads the loss every step too

    def check(losses):
        # Uniform predictions at step 0 (weights N(0, 0.01^2)), then learning on the repeated batch.
        near_uniform = args.concise or abs(losses[0] - math.log(VOCAB_SIZE)) < 0.05
        return near_uniform and losses[-1] < losses[0] - 0.3

    model = f"{args.cell}-lm{'-concise' if args.concise else ''}"
    run(args, model, 'tokens/s', BATCH_SIZE * NUM_STEPS, batches, train_step, check=check,
        extra={'cell': args.cell, 'concise': args.concise, 'batch': BATCH_SIZE, 'num_steps': NUM_STEPS,
               'num_hiddens': NUM_HIDDENS, 'vocab': VOCAB_SIZE})


if __name__ == '__main__':
    main()
