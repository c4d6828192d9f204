/**
 * numpy's `np.sum` of a float64 vector, rounding as numpy does: its pairwise summation (below 8
 * values a plain loop; up to 128, eight running sums combined as
 * ((r₀ + r₁) + (r₂ + r₃)) + ((r₄ + r₅) + (r₆ + r₇)) and the remainder added; above, both halves
 * recursively). Printed sums (a weighted support in a report) then show numpy's last digits.
 * @example
 * numpySum([0.1, 0.2, 0.3]); // 0.6000000000000001, as np.sum
 */
export function numpySum(values: readonly number[]): number {
  return pairwiseSum(values, 0, values.length);
}

function pairwiseSum(values: readonly number[], start: number, count: number): number {
  if (count < 8) {
    let sum = 0;
    for (let index = start; index < start + count; index++) sum += values[index]!;
    return sum;
  }
  if (count <= 128) {
    const partial = values.slice(start, start + 8);
    let index = 8;
    for (; index < count - (count % 8); index += 8) for (let lane = 0; lane < 8; lane++) partial[lane]! += values[start + index + lane]!;
    let sum = partial[0]! + partial[1]! + (partial[2]! + partial[3]!) + (partial[4]! + partial[5]! + (partial[6]! + partial[7]!));
    for (; index < count; index++) sum += values[start + index]!;
    return sum;
  }
  let half = Math.floor(count / 2);
  half -= half % 8;
  return pairwiseSum(values, start, half) + pairwiseSum(values, start + half, count - half);
}
