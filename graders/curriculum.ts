/**
 * The map of the course (docs/curriculum.md): chapters, their section names in the notes,
 * and every exercise id in teaching order. An exercise listed here but without checks in
 * graders/checks/ is shown as "coming".
 */
export interface Chapter {
  number: number;
  title: string;
  /** The notes' section names (the study notes are in Chinese). */
  notes: string;
  exercises: string[];
}

export const chapters: Chapter[] = [
  {
    number: 1,
    title: 'Linear networks',
    notes: '线性回归 / SoftMax回归 / 损失函数 / 随机梯度下降 / 解析解',
    exercises: [
      '01-synthetic-data',
      '02-linear-closed-form',
      '03-squared-loss-sgd',
      '04-linear-regression-train',
      '05-softmax',
      '06-cross-entropy',
      '07-softmax-regression-train',
    ],
  },
  {
    number: 2,
    title: 'Multilayer perceptrons',
    notes: '多层感知机 / 激活函数',
    exercises: ['08-activations', '09-mlp-forward', '10-mlp-train'],
  },
  {
    number: 3,
    title: 'Training',
    notes: '模型训练',
    exercises: [
      '11-kfold',
      '12-weight-decay',
      '13-dropout',
      '14-autodiff',
      '15-mlp-backprop',
      '16-lr-schedules',
      '17-optimizers',
      '18-grad-clipping',
    ],
  },
  {
    number: 4,
    title: 'Convolutional networks',
    notes: '卷积神经网络',
    exercises: ['19-corr2d', '20-conv2d-layer', '21-padding-stride', '22-channels', '23-pooling', '24-conv-backward'],
  },
  {
    number: 5,
    title: 'Sequences, text and language models',
    notes: '循环神经网络',
    exercises: [
      '25-autoregressive',
      '26-tokenize',
      '27-vocab',
      '28-ngram-laplace',
      '29-seq-sampling',
      '30-rnn-scratch',
      '31-perplexity',
      '32-char-rnn-train',
    ],
  },
  {
    number: 6,
    title: 'Modern RNNs',
    notes: '现代循环神经网络',
    exercises: ['33-gru', '34-lstm', '35-deep-rnn', '36-bidirectional'],
  },
  {
    number: 7,
    title: 'Machine translation and seq2seq',
    notes: '机器翻译 / 编码器-解码器 / seq2seq / BLEU / 束搜索',
    exercises: [
      '37-nmt-preprocess',
      '38-nmt-batches',
      '39-encoder-decoder',
      '40-seq2seq-decoder',
      '41-masked-ce',
      '42-seq2seq-train',
      '43-greedy-predict',
      '44-bleu',
      '45-beam-search',
    ],
  },
  {
    number: 8,
    title: 'Attention',
    notes: '注意力机制',
    exercises: [
      '46-nadaraya-watson',
      '47-masked-softmax',
      '48-additive-attention',
      '49-dot-product-attention',
      '50-bahdanau',
      '51-multi-head',
      '52-positional-encoding',
      '53-ffn-addnorm',
      '54-transformer',
    ],
  },
  {
    number: 9,
    title: 'NLP pretraining',
    notes: '自然语言处理：预训练',
    exercises: [
      '55-word2vec-prob',
      '56-negative-sampling',
      '57-hierarchical-softmax',
      '58-glove',
      '59-subwords',
      '60-bpe',
      '61-similarity-analogy',
      '62-bert-input',
      '63-bert-pretrain-data',
    ],
  },
];

export const allExerciseIds: string[] = chapters.flatMap((c) => c.exercises);

export function chapterOf(id: string): Chapter | undefined {
  return chapters.find((c) => c.exercises.includes(id));
}
