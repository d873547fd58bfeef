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
