/** Inputs and data shared by the convolution exercises' checks (19, 20, 24). */
import * as fc from 'fast-check';
import { dim, quarters } from './arbitraries';
import { TensorData } from './tensor-data';

/** An input of 1 to 7 rows and columns and a kernel no larger than it (at most 4 × 4). */
export const inputAndKernel = fc
  .tuple(dim(1, 7), dim(1, 7))
  .chain(([h, w]) => fc.tuple(quarters([h, w]), quarters([dim(1, Math.min(h, 4)), dim(1, Math.min(w, 4))])));

/** d2l's image for edge detection: 6 × 8 ones with columns 2 to 5 black (0). */
export const d2lEdges = TensorData.float(
  [6, 8],
  Array.from({ length: 48 }, (_, i) => (i % 8 >= 2 && i % 8 < 6 ? 0 : 1)),
);
/** Its edges, corr2d(X, [[1, -1]]): 1 where white meets black (column 1), -1 where black meets white (column 5). */
export const d2lEdgeMap = TensorData.float(
  [6, 7],
  Array.from({ length: 42 }, (_, i) => (i % 7 === 1 ? 1 : i % 7 === 5 ? -1 : 0)),
);

/** A matrix transposed. */
export const transpose = (t: TensorData): TensorData =>
  TensorData.float(
    [t.shape[1]!, t.shape[0]!],
    t.rows()[0]!.flatMap((_, j) => t.rows().map((row) => row[j]!)),
  );
