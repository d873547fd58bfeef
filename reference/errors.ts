/**
 * Typed errors for bad input to the course's functions: one class per mistake, so a caller can
 * tell them apart (`e instanceof EmptyCorpusError`), each with a message saying what was wrong.
 * Every exercise may import them: `import { EmptyCorpusError } from 'd2l-ts/reference/errors'`.
 */

/** tokenize was asked for a token type other than 'word' or 'char'. */
export class UnknownTokenTypeError extends Error {
  override name = 'UnknownTokenTypeError';
}

/** A corpus (or a text, a list of tokens) with nothing in it. */
export class EmptyCorpusError extends Error {
  override name = 'EmptyCorpusError';
}

/** A vocabulary left with no token besides <unk> and the reserved ones (min_freq above every count). */
export class EmptyVocabularyError extends Error {
  override name = 'EmptyVocabularyError';
}

/** A corpus too short for even one subsequence of num_steps tokens and its label. */
export class SequenceTooShortError extends Error {
  override name = 'SequenceTooShortError';
}

/** A downloaded or cached file whose SHA-1 is not the expected one. */
export class ChecksumError extends Error {
  override name = 'ChecksumError';
}

/** A convolution or pooling kernel larger than its (padded) input, so that no window fits. */
export class KernelTooLargeError extends Error {
  override name = 'KernelTooLargeError';
}

/** A linear system without a unique solution: XᵀX (or R of X = QR) is singular, the columns of X linearly dependent. */
export class SingularMatrixError extends Error {
  override name = 'SingularMatrixError';
}

/** A hyper-parameter outside its range: a negative learning rate, a dropout p outside [0, 1], K > n in K-fold. */
export class HyperparameterError extends Error {
  override name = 'HyperparameterError';
}

/** A downloaded data archive that cannot be extracted: not a .zip, damaged, or with an entry that would land outside the cache folder. */
export class DataArchiveError extends Error {
  override name = 'DataArchiveError';
}

/** An index outside its range: a label or token index not in [0, V) for a vocabulary of V tokens. */
export class IndexOutOfRangeError extends Error {
  override name = 'IndexOutOfRangeError';
}

/**
 * Valid lengths (of attention's keys, d2l's valid_lens) that cannot be: negative, not whole, longer
 * than the number of keys, or of a shape that fits neither [batch] nor [batch, queries].
 */
export class ValidLengthError extends Error {
  override name = 'ValidLengthError';
}

/** Tensors whose shapes do not fit together: a kernel for another number of channels than its input has, an upstream gradient not shaped as the output, queries and keys of different depth. */
export class ShapeMismatchError extends Error {
  override name = 'ShapeMismatchError';
}

/** A token index outside the vocabulary [0, vocabSize) given to an embedding. */
export class TokenIndexError extends Error {
  override name = 'TokenIndexError';
}

/** A token outside the vocabulary where its vector is needed: a similarity or analogy query for a word never seen. */
export class UnknownTokenError extends Error {
  override name = 'UnknownTokenError';
}

/** A word for byte-pair encoding that does not end in the end-of-word symbol '_' (d2l's 'fast_', 'taller_'). */
export class EndOfWordError extends Error {
  override name = 'EndOfWordError';
}

/** A paragraph of fewer than two sentences, from which no next-sentence pair can be made. */
export class ParagraphTooShortError extends Error {
  override name = 'ParagraphTooShortError';
}
