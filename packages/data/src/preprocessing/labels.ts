import { isTensor, type Tensor } from '@dl/tensor';

/** Labels as a plain array (numbers or strings), from a tensor or any array. */
export function readLabels(labels: Tensor | ArrayLike<number | string>): (number | string)[] {
  return isTensor(labels) ? Array.from(labels.dataSync()) : Array.from(labels);
}

/** Sorted unique labels (numbers numerically, strings lexicographically), as numpy.unique. */
export function uniqueSorted(labels: readonly (number | string)[]): (number | string)[] {
  return [...new Set(labels)].sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0,
  );
}
