/** Area under a piecewise-linear curve: Σ (x_{i+1} − x_i)(y_{i+1} + y_i)/2 (numpy's `trapz`). */
export function trapezoid(x: readonly number[], y: readonly number[]): number {
  let area = 0;
  for (let index = 1; index < x.length; index++) area += ((x[index]! - x[index - 1]!) * (y[index]! + y[index - 1]!)) / 2;
  return area;
}
