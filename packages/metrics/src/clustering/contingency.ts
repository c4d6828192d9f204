import { checkOptions } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import { readClusterings, type ClusterLabels, type EncodedLabels } from './cluster-labels.js';
import { refuseExtraArguments } from '../input/extra-arguments.js';

/**
 * The contingency table of two labelings, kept sparse as scikit-learn keeps it internally: the
 * non-zero cells n_ij in row-major order, with the row sums aᵢ = Σⱼ n_ij (samples per true class) and
 * column sums bⱼ = Σᵢ n_ij (samples per predicted cluster).
 */
export interface Contingency {
  readonly rowSums: Float64Array;
  readonly columnSums: Float64Array;
  /** Row, column and count of each non-zero cell, row-major. */
  readonly cellRows: Int32Array;
  readonly cellColumns: Int32Array;
  readonly cellCounts: Float64Array;
  /** N = Σᵢⱼ n_ij. */
  readonly total: number;
}

/** n_ij = #{samples of class i (in the true labeling) and cluster j (in the predicted one)}. */
export function contingencyOf(labelsTrue: EncodedLabels, labelsPred: EncodedLabels): Contingency {
  const columns = labelsPred.classes;
  const cells = new Map<number, number>();
  const rowSums = new Float64Array(labelsTrue.classes);
  const columnSums = new Float64Array(columns);
  for (let sample = 0; sample < labelsTrue.codes.length; sample++) {
    const row = labelsTrue.codes[sample]!;
    const column = labelsPred.codes[sample]!;
    const key = row * columns + column;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rowSums[row]!++;
    columnSums[column]!++;
  }
  const keys = Float64Array.from(cells.keys()).sort();
  return {
    rowSums,
    columnSums,
    cellRows: Int32Array.from(keys, (key) => Math.floor(key / columns)),
    cellColumns: Int32Array.from(keys, (key) => key % columns),
    cellCounts: Float64Array.from(keys, (key) => cells.get(key)!),
    total: labelsTrue.codes.length,
  };
}

/** A dense `[rows, columns]` table (a precomputed contingency) in the sparse form. */
export function contingencyFromDense(values: Float64Array, rows: number, columns: number): Contingency {
  const rowSums = new Float64Array(rows);
  const columnSums = new Float64Array(columns);
  const cellRows: number[] = [];
  const cellColumns: number[] = [];
  const cellCounts: number[] = [];
  let total = 0;
  for (let row = 0; row < rows; row++)
    for (let column = 0; column < columns; column++) {
      const count = values[row * columns + column]!;
      rowSums[row]! += count;
      columnSums[column]! += count;
      total += count;
      if (count === 0) continue;
      cellRows.push(row);
      cellColumns.push(column);
      cellCounts.push(count);
    }
  return {
    rowSums,
    columnSums,
    cellRows: Int32Array.from(cellRows),
    cellColumns: Int32Array.from(cellColumns),
    cellCounts: Float64Array.from(cellCounts),
    total,
  };
}

/** Reads, checks and tabulates two labelings: what every label-based metric starts with. */
export async function readContingency(metric: string, labelsTrue: ClusterLabels, labelsPred: ClusterLabels): Promise<Contingency> {
  const [encodedTrue, encodedPred] = await readClusterings(metric, labelsTrue, labelsPred);
  return contingencyOf(encodedTrue, encodedPred);
}

export interface ContingencyMatrixOptions {
  /** Added to every cell (scikit-learn's `eps`, to keep logarithms of empty cells finite); default none. */
  eps?: number;
}

/**
 * The contingency matrix of two labelings (scikit-learn's `contingency_matrix`, dense):
 * C[i][j] = #{samples in class i of `labelsTrue` and cluster j of `labelsPred`}, classes and clusters in
 * the order of their sorted distinct labels; `eps` is added to every cell.
 * @example
 * await contingencyMatrix([0, 0, 1, 1], ['b', 'a', 'a', 'a']); // [[1, 1], [2, 0]]
 * await contingencyMatrix([0, 1], [0, 0], { eps: 0.5 }); // [[1.5], [1.5]]
 */
export async function contingencyMatrix(
  labelsTrue: ClusterLabels,
  labelsPred: ClusterLabels,
  options: ContingencyMatrixOptions = {},
  ...extra: never[]
): Promise<number[][]> {
  refuseExtraArguments('contingencyMatrix', ['labelsTrue', 'labelsPred', 'options?'], extra);
  const metric = 'contingencyMatrix';
  checkOptions(metric, options, ['eps']);
  const eps = options.eps ?? 0;
  check(typeof eps === 'number' && Number.isFinite(eps), metric, `eps must be a finite number, got ${String(eps)}`);
  const contingency = await readContingency(metric, labelsTrue, labelsPred);
  const matrix = Array.from(contingency.rowSums, () => new Array<number>(contingency.columnSums.length).fill(eps));
  contingency.cellCounts.forEach((count, cell) => {
    matrix[contingency.cellRows[cell]!]![contingency.cellColumns[cell]!] = count + eps;
  });
  return matrix;
}
