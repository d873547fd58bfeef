#!/usr/bin/python3
"""d2l's small BERT pretraining step (d2l-zh / d2l-en 0.17 sections 14.8-14.10, PyTorch).

BERTEncoder (token + segment embeddings + the positional embedding parameter, transformer.py's EncoderBlock
with biases), MaskLM (MLP on the encodings at the prediction positions), NextSentencePred (on the <cls>
encoding after the hidden Linear + Tanh), BERTModel, and _get_batch_loss_bert's MLM + NSP loss, trained with
Adam lr 0.01 and no gradient clipping as train_bert does. d2l's sizes: num_hiddens 128, ffn 256, 2 heads,
2 layers, dropout 0.2, max_len 64; batch 32 and a vocabulary of 1000 here (d2l: 512 and WikiText-2's ~20k).
"""
import torch
from torch import nn

from common import parse_args, run
from transformer import EncoderBlock

NUM_HIDDENS, NORM_SHAPE, FFN_NUM_INPUT, FFN_NUM_HIDDENS = 128, [128], 128, 256
NUM_HEADS, NUM_LAYERS, DROPOUT, LR = 2, 2, 0.2, 0.01
BATCH_SIZE, MAX_LEN, VOCAB = 32, 64, 1000
MAX_NUM_MLM_PREDS = round(MAX_LEN * 0.15)  # 10 prediction slots per example, padded
UNK, PAD, MASK, CLS, SEP = 0, 1, 2, 3, 4  # d2l's Vocab with reserved_tokens=['<pad>', '<mask>', '<cls>', '<sep>']


class BERTEncoder(nn.Module):
    def __init__(self, vocab_size, num_hiddens, norm_shape, ffn_num_input, ffn_num_hiddens, num_heads,
                 num_layers, dropout, max_len=1000, key_size=768, query_size=768, value_size=768):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab_size, num_hiddens)
        self.segment_embedding = nn.Embedding(2, num_hiddens)
        self.blks = nn.Sequential()
        for i in range(num_layers):
            self.blks.add_module(f"{i}", EncoderBlock(key_size, query_size, value_size, num_hiddens, norm_shape,
                                                      ffn_num_input, ffn_num_hiddens, num_heads, dropout, True))
        # Learnable in BERT; but d2l-zh / d2l-en 0.17 add pos_embedding.data in forward, so no gradient reaches
        # it and Adam skips it. Kept as written (d2l-en 1.0 adds the parameter itself and trains it).
        self.pos_embedding = nn.Parameter(torch.randn(1, max_len, num_hiddens))

    def forward(self, tokens, segments, valid_lens):
        X = self.token_embedding(tokens) + self.segment_embedding(segments)
        X = X + self.pos_embedding.data[:, :X.shape[1], :]
        for blk in self.blks:
            X = blk(X, valid_lens)
        return X


class MaskLM(nn.Module):
    def __init__(self, vocab_size, num_hiddens, num_inputs=768):
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(num_inputs, num_hiddens), nn.ReLU(), nn.LayerNorm(num_hiddens),
                                 nn.Linear(num_hiddens, vocab_size))

    def forward(self, X, pred_positions):
        num_pred_positions = pred_positions.shape[1]
        pred_positions = pred_positions.reshape(-1)
        batch_size = X.shape[0]
        batch_idx = torch.arange(0, batch_size)
        # batch_idx = [0, 0, ..., 1, 1, ...]: each example's row repeated once per prediction position
        batch_idx = torch.repeat_interleave(batch_idx, num_pred_positions)
        masked_X = X[batch_idx, pred_positions]
        masked_X = masked_X.reshape((batch_size, num_pred_positions, -1))
        mlm_Y_hat = self.mlp(masked_X)
        return mlm_Y_hat


class NextSentencePred(nn.Module):
    def __init__(self, num_inputs):
        super().__init__()
        self.output = nn.Linear(num_inputs, 2)

    def forward(self, X):
        return self.output(X)


class BERTModel(nn.Module):
    def __init__(self, vocab_size, num_hiddens, norm_shape, ffn_num_input, ffn_num_hiddens, num_heads, num_layers,
                 dropout, max_len=1000, key_size=768, query_size=768, value_size=768, hid_in_features=768,
                 mlm_in_features=768, nsp_in_features=768):
        super().__init__()
        self.encoder = BERTEncoder(vocab_size, num_hiddens, norm_shape, ffn_num_input, ffn_num_hiddens, num_heads,
                                   num_layers, dropout, max_len=max_len, key_size=key_size, query_size=query_size,
                                   value_size=value_size)
        self.hidden = nn.Sequential(nn.Linear(hid_in_features, num_hiddens), nn.Tanh())
        self.mlm = MaskLM(vocab_size, num_hiddens, mlm_in_features)
        self.nsp = NextSentencePred(nsp_in_features)

    def forward(self, tokens, segments, valid_lens=None, pred_positions=None):
        encoded_X = self.encoder(tokens, segments, valid_lens)
        if pred_positions is not None:
            mlm_Y_hat = self.mlm(encoded_X, pred_positions)
        else:
            mlm_Y_hat = None
        # The NSP head reads the encoding of <cls>, position 0.
        nsp_Y_hat = self.nsp(self.hidden(encoded_X[:, 0, :]))
        return encoded_X, mlm_Y_hat, nsp_Y_hat


def _get_batch_loss_bert(net, loss, vocab_size, tokens_X, segments_X, valid_lens_x, pred_positions_X,
                         mlm_weights_X, mlm_Y, nsp_y):
    _, mlm_Y_hat, nsp_Y_hat = net(tokens_X, segments_X, valid_lens_x.reshape(-1), pred_positions_X)
    # As d2l: loss is reduction='mean', so this is the mean over all slots times (sum of weights) / (sum of
    # weights), i.e. padded slots count too; kept as written, it costs the same.
    mlm_l = loss(mlm_Y_hat.reshape(-1, vocab_size), mlm_Y.reshape(-1)) * mlm_weights_X.reshape(-1, 1)
    mlm_l = mlm_l.sum() / (mlm_weights_X.sum() + 1e-8)
    nsp_l = loss(nsp_Y_hat, nsp_y)
    l = mlm_l + nsp_l
    return mlm_l, nsp_l, l


def synthetic_batch(gen, vocab_size):
    """One minibatch shaped as d2l's _WikiTextDataset gives it: <cls> a <sep> b <sep> <pad>..., segments 0/1,
    15% of the non-special tokens chosen for prediction (80% <mask>, 10% random token, 10% kept), their
    positions, weights and labels padded to MAX_NUM_MLM_PREDS, and a random IsNext label."""
    rand = lambda hi, lo=0: int(torch.randint(lo, hi, (1,), generator=gen))
    tokens, segments, valid_lens, positions, weights, labels, nsp = [], [], [], [], [], [], []
    for _ in range(BATCH_SIZE):
        n = rand(MAX_LEN + 1, 8)  # tokens with <cls> and both <sep>
        len_a = rand(n - 3, 1) if n > 4 else 1
        words = torch.randint(5, vocab_size, (n - 3,), generator=gen).tolist()
        seq = [CLS] + words[:len_a] + [SEP] + words[len_a:] + [SEP]
        seg = [0] * (len_a + 2) + [1] * (n - len_a - 2)
        candidates = [i for i, t in enumerate(seq) if t not in (CLS, SEP)]
        num_preds = max(1, round(len(seq) * 0.15))
        chosen = sorted(candidates[int(i)] for i in torch.randperm(len(candidates), generator=gen)[:num_preds])
        label = [seq[i] for i in chosen]
        for i in chosen:
            r = float(torch.rand(1, generator=gen))
            seq[i] = MASK if r < 0.8 else (rand(vocab_size, 5) if r < 0.9 else seq[i])
        pad = MAX_NUM_MLM_PREDS - len(chosen)
        tokens.append(seq + [PAD] * (MAX_LEN - n))
        segments.append(seg + [0] * (MAX_LEN - n))
        valid_lens.append(float(n))
        positions.append(chosen + [0] * pad)
        weights.append([1.0] * len(chosen) + [0.0] * pad)
        labels.append(label + [0] * pad)
        nsp.append(rand(2))
    return (torch.tensor(tokens), torch.tensor(segments), torch.tensor(valid_lens), torch.tensor(positions),
            torch.tensor(weights), torch.tensor(labels), torch.tensor(nsp))


def main():
    args = parse_args(__doc__.splitlines()[0], lambda p: p.add_argument('--vocab', type=int, default=VOCAB))
    net = BERTModel(args.vocab, num_hiddens=NUM_HIDDENS, norm_shape=NORM_SHAPE, ffn_num_input=FFN_NUM_INPUT,
                    ffn_num_hiddens=FFN_NUM_HIDDENS, num_heads=NUM_HEADS, num_layers=NUM_LAYERS, dropout=DROPOUT,
                    key_size=128, query_size=128, value_size=128, hid_in_features=128, mlm_in_features=128,
                    nsp_in_features=128)
    net.train()
    loss = nn.CrossEntropyLoss()
    trainer = torch.optim.Adam(net.parameters(), lr=LR)

    def train_step(batch):
        trainer.zero_grad()
        mlm_l, nsp_l, l = _get_batch_loss_bert(net, loss, args.vocab, *batch)
        l.backward()
        trainer.step()
        return float(l)

    gen = torch.Generator().manual_seed(args.seed)
    batches = [synthetic_batch(gen, args.vocab) for _ in range(1 if args.check else 4)]
    run(args, 'bert-small', 'tokens/s', BATCH_SIZE * MAX_LEN, batches, train_step,
        extra={'batch': BATCH_SIZE, 'max_len': MAX_LEN, 'vocab': args.vocab, 'num_hiddens': NUM_HIDDENS,
               'valid_token_share': round(sum(float(b[2].sum()) for b in batches) / (len(batches) * BATCH_SIZE * MAX_LEN), 3)})


if __name__ == '__main__':
    main()
