#!/usr/bin/python3
"""d2l's RNN encoder-decoder training step (d2l-zh / d2l-en 0.17 sections 9.6-9.7, PyTorch).

Seq2SeqEncoder (embedding 32, 2-layer GRU with 32 hidden, dropout 0.1) and Seq2SeqDecoder (its GRU fed the
encoder's final top-layer state concatenated to every input step), EncoderDecoder, MaskedSoftmaxCELoss and
train_seq2seq's step: xavier_init_weights, teacher forcing (<bos> + labels without their last token),
l.sum().backward(), grad_clipping(theta=1), Adam lr 0.005. Batch 64, num_steps 10, vocabularies of the
fra-eng 600-pair run (184 source, 201 target tokens). bahdanau.py and transformer.py reuse this file's pieces.
"""
import torch
from torch import nn

from common import grad_clipping, parse_args, run

EMBED_SIZE, NUM_HIDDENS, NUM_LAYERS, DROPOUT = 32, 32, 2, 0.1
BATCH_SIZE, NUM_STEPS, LR = 64, 10, 0.005
SRC_VOCAB, TGT_VOCAB = 184, 201
UNK, PAD, BOS, EOS = 0, 1, 2, 3  # d2l's Vocab: <unk> first, then reserved_tokens=['<pad>', '<bos>', '<eos>']


class Seq2SeqEncoder(nn.Module):
    def __init__(self, vocab_size, embed_size, num_hiddens, num_layers, dropout=0):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_size)
        self.rnn = nn.GRU(embed_size, num_hiddens, num_layers, dropout=dropout)

    def forward(self, X, *args):
        X = self.embedding(X)
        X = X.permute(1, 0, 2)  # time steps first, as nn.GRU wants them
        output, state = self.rnn(X)
        return output, state


class Seq2SeqDecoder(nn.Module):
    def __init__(self, vocab_size, embed_size, num_hiddens, num_layers, dropout=0):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_size)
        self.rnn = nn.GRU(embed_size + num_hiddens, num_hiddens, num_layers, dropout=dropout)
        self.dense = nn.Linear(num_hiddens, vocab_size)

    def init_state(self, enc_outputs, *args):
        return enc_outputs[1]

    def forward(self, X, state):
        X = self.embedding(X).permute(1, 0, 2)
        # The context: the encoder's top-layer final state, repeated for every time step.
        context = state[-1].repeat(X.shape[0], 1, 1)
        X_and_context = torch.cat((X, context), 2)
        output, state = self.rnn(X_and_context, state)
        output = self.dense(output).permute(1, 0, 2)
        return output, state


class EncoderDecoder(nn.Module):
    def __init__(self, encoder, decoder):
        super().__init__()
        self.encoder = encoder
        self.decoder = decoder

    def forward(self, enc_X, dec_X, *args):
        enc_outputs = self.encoder(enc_X, *args)
        dec_state = self.decoder.init_state(enc_outputs, *args)
        return self.decoder(dec_X, dec_state)


def sequence_mask(X, valid_len, value=0):
    maxlen = X.size(1)
    mask = torch.arange((maxlen), dtype=torch.float32, device=X.device)[None, :] < valid_len[:, None]
    X[~mask] = value
    return X


class MaskedSoftmaxCELoss(nn.CrossEntropyLoss):
    """Cross-entropy per sequence: each token's loss weighted 1 inside its valid length, 0 beyond, mean over steps."""

    def forward(self, pred, label, valid_len):
        weights = torch.ones_like(label)
        weights = sequence_mask(weights, valid_len)
        self.reduction = 'none'
        unweighted_loss = super().forward(pred.permute(0, 2, 1), label)
        weighted_loss = (unweighted_loss * weights).mean(dim=1)
        return weighted_loss


def xavier_init_weights(m):
    if type(m) == nn.Linear:
        nn.init.xavier_uniform_(m.weight)
    if type(m) == nn.GRU:
        for param in m._flat_weights_names:
            if "weight" in param:
                nn.init.xavier_uniform_(m._parameters[param])


def synthetic_batches(gen, n, src_vocab, tgt_vocab):
    """n minibatches (X, X_valid_len, Y, Y_valid_len) shaped as d2l's load_data_nmt gives them: random words,
    then <eos>, then <pad> up to num_steps; valid lengths (words + <eos>) drawn from 3..num_steps."""
    def side(vocab):
        tokens = torch.randint(4, vocab, (BATCH_SIZE, NUM_STEPS), generator=gen)
        valid_len = torch.randint(3, NUM_STEPS + 1, (BATCH_SIZE,), generator=gen)
        pos = torch.arange(NUM_STEPS)[None, :]
        tokens[pos == valid_len[:, None] - 1] = EOS
        tokens[pos >= valid_len[:, None]] = PAD
        return tokens, valid_len
    return [side(src_vocab) + side(tgt_vocab) for _ in range(n)]


def bench_seq2seq(args, model, net, src_vocab, tgt_vocab, extra=None):
    """train_seq2seq's minibatch step, timed by common.run; the loss reported is d2l's (summed per-sequence
    losses over valid target tokens)."""
    net.apply(xavier_init_weights)
    net.train()
    optimizer = torch.optim.Adam(net.parameters(), lr=LR)
    loss = MaskedSoftmaxCELoss()
    params = [p for p in net.parameters() if p.requires_grad]

    def train_step(batch):
        optimizer.zero_grad()
        X, X_valid_len, Y, Y_valid_len = batch
        bos = torch.tensor([BOS] * Y.shape[0]).reshape(-1, 1)
        dec_input = torch.cat([bos, Y[:, :-1]], 1)  # teacher forcing
        Y_hat, _ = net(X, dec_input, X_valid_len)
        l = loss(Y_hat, Y, Y_valid_len)
        l.sum().backward()
        grad_clipping(params, 1)
        num_tokens = Y_valid_len.sum()
        optimizer.step()
        with torch.no_grad():
            return float(l.sum()) / float(num_tokens)  # d2l's metric.add(l.sum(), num_tokens)

    gen = torch.Generator().manual_seed(args.seed)
    batches = synthetic_batches(gen, 1 if args.check else 8, src_vocab, tgt_vocab)
    info = {'batch': BATCH_SIZE, 'num_steps': NUM_STEPS, 'src_vocab': src_vocab, 'tgt_vocab': tgt_vocab,
            # d2l prints tokens/sec over valid target tokens (Y_valid_len.sum()); here the mean valid share.
            'valid_token_share': round(sum(float(b[3].sum()) for b in batches) / (len(batches) * BATCH_SIZE * NUM_STEPS), 3)}
    info.update(extra or {})
    return run(args, model, 'target tokens/s', BATCH_SIZE * NUM_STEPS, batches, train_step, extra=info)


def vocab_options(p):
    p.add_argument('--src-vocab', type=int, default=SRC_VOCAB)
    p.add_argument('--tgt-vocab', type=int, default=TGT_VOCAB)


def main():
    args = parse_args(__doc__.splitlines()[0], vocab_options)
    encoder = Seq2SeqEncoder(args.src_vocab, EMBED_SIZE, NUM_HIDDENS, NUM_LAYERS, DROPOUT)
    decoder = Seq2SeqDecoder(args.tgt_vocab, EMBED_SIZE, NUM_HIDDENS, NUM_LAYERS, DROPOUT)
    bench_seq2seq(args, 'seq2seq-gru', EncoderDecoder(encoder, decoder), args.src_vocab, args.tgt_vocab)


if __name__ == '__main__':
    main()
