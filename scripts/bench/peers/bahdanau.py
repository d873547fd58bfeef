#!/usr/bin/python3
"""d2l's seq2seq with Bahdanau attention, training step (d2l-zh / d2l-en 0.17 sections 10.3-10.4, PyTorch).

masked_softmax (masked scores filled with -1e6), AdditiveAttention (W_k, W_q, w_v, 32 hidden, dropout 0.1) and
Seq2SeqAttentionDecoder: at every step the query is the previous decoder top-layer state, keys = values = the
encoder outputs, and the context is concatenated to the step's embedding. Encoder, loss, initialisation and
the train_seq2seq step are seq2seq.py's; same sizes (batch 64, num_steps 10, embed 32, hidden 32, 2 layers).
"""
import torch
from torch import nn

from common import parse_args
from seq2seq import (DROPOUT, EMBED_SIZE, NUM_HIDDENS, NUM_LAYERS, EncoderDecoder, Seq2SeqEncoder,
                     bench_seq2seq, sequence_mask, vocab_options)


def masked_softmax(X, valid_lens):
    """Softmax over the last axis with the elements beyond each valid length masked out."""
    if valid_lens is None:
        return nn.functional.softmax(X, dim=-1)
    else:
        shape = X.shape
        if valid_lens.dim() == 1:
            valid_lens = torch.repeat_interleave(valid_lens, shape[1])
        else:
            valid_lens = valid_lens.reshape(-1)
        # -1e6, not -inf, as d2l: a row with valid length 0 becomes uniform instead of NaN.
        X = sequence_mask(X.reshape(-1, shape[-1]), valid_lens, value=-1e6)
        return nn.functional.softmax(X.reshape(shape), dim=-1)


class AdditiveAttention(nn.Module):
    def __init__(self, key_size, query_size, num_hiddens, dropout):
        super().__init__()
        self.W_k = nn.Linear(key_size, num_hiddens, bias=False)
        self.W_q = nn.Linear(query_size, num_hiddens, bias=False)
        self.w_v = nn.Linear(num_hiddens, 1, bias=False)
        self.dropout = nn.Dropout(dropout)

    def forward(self, queries, keys, values, valid_lens):
        queries, keys = self.W_q(queries), self.W_k(keys)
        # Broadcast to (batch, queries, key-value pairs, num_hiddens).
        features = queries.unsqueeze(2) + keys.unsqueeze(1)
        features = torch.tanh(features)
        scores = self.w_v(features).squeeze(-1)
        self.attention_weights = masked_softmax(scores, valid_lens)
        return torch.bmm(self.dropout(self.attention_weights), values)


class Seq2SeqAttentionDecoder(nn.Module):
    def __init__(self, vocab_size, embed_size, num_hiddens, num_layers, dropout=0):
        super().__init__()
        self.attention = AdditiveAttention(num_hiddens, num_hiddens, num_hiddens, dropout)
        self.embedding = nn.Embedding(vocab_size, embed_size)
        self.rnn = nn.GRU(embed_size + num_hiddens, num_hiddens, num_layers, dropout=dropout)
        self.dense = nn.Linear(num_hiddens, vocab_size)

    def init_state(self, enc_outputs, enc_valid_lens, *args):
        outputs, hidden_state = enc_outputs
        return (outputs.permute(1, 0, 2), hidden_state, enc_valid_lens)

    def forward(self, X, state):
        enc_outputs, hidden_state, enc_valid_lens = state
        X = self.embedding(X).permute(1, 0, 2)
        outputs, self._attention_weights = [], []
        # One GRU call per step: the next query depends on the state this step produces.
        for x in X:
            query = torch.unsqueeze(hidden_state[-1], dim=1)
            context = self.attention(query, enc_outputs, enc_outputs, enc_valid_lens)
            x = torch.cat((context, torch.unsqueeze(x, dim=1)), dim=-1)
            out, hidden_state = self.rnn(x.permute(1, 0, 2), hidden_state)
            outputs.append(out)
            self._attention_weights.append(self.attention.attention_weights)
        outputs = self.dense(torch.cat(outputs, dim=0))
        return outputs.permute(1, 0, 2), [enc_outputs, hidden_state, enc_valid_lens]


def main():
    args = parse_args(__doc__.splitlines()[0], vocab_options)
    encoder = Seq2SeqEncoder(args.src_vocab, EMBED_SIZE, NUM_HIDDENS, NUM_LAYERS, DROPOUT)
    decoder = Seq2SeqAttentionDecoder(args.tgt_vocab, EMBED_SIZE, NUM_HIDDENS, NUM_LAYERS, DROPOUT)
    bench_seq2seq(args, 'seq2seq-bahdanau', EncoderDecoder(encoder, decoder), args.src_vocab, args.tgt_vocab)


if __name__ == '__main__':
    main()
