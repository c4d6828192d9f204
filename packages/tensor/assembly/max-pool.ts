// Max pooling's choice for the commonest window, 2×2 with stride 2 (MaxPool2d(2)), four outputs per
// SIMD step. For each window the flat position h·W + w of its maximum within the plane, as torch's
// indices: cells are visited in order (0,0), (0,1), (1,0), (1,1); a later cell wins when strictly
// greater, or when it is NaN and the best so far is not (the first NaN wins, as torch.max). The
// maxima are written too: they are what a gather of these positions reads, so the caller records
// them as that gather (whose gradient is a scatter-add into the chosen cells).

const FLOAT_BYTES: i32 = 4;

/**
 * x: `planes` float32 planes of height × width; indices: int32 [planes][outputHeight][outputWidth]
 * with outputHeight = ⌊height / 2⌋, outputWidth = ⌊width / 2⌋ (no padding, floor mode); values:
 * float32 of the same layout, the maxima.
 */
export function maxPool2x2(x: usize, planes: i32, height: i32, width: i32, indices: usize, values: usize): void {
  const outputHeight = height >> 1, outputWidth = width >> 1;
  const rowBytes = <usize>(width * FLOAT_BYTES);
  // lane l of a step covers output column ox + l, whose window starts at input column 2(ox + l)
  const laneColumns = i32x4(0, 2, 4, 6);
  let target = indices;
  let maxima = values;
  for (let plane = 0; plane < planes; plane++) {
    const planeStart = x + <usize>(plane * height * width * FLOAT_BYTES);
    for (let oy = 0; oy < outputHeight; oy++) {
      const top = planeStart + <usize>(2 * oy) * rowBytes;
      const bottom = top + rowBytes;
      const topIndex = 2 * oy * width;
      let ox = 0;
      for (; ox + 4 <= outputWidth; ox += 4, target += 4 * FLOAT_BYTES, maxima += 4 * FLOAT_BYTES) {
        const offset = <usize>(2 * ox * FLOAT_BYTES);
        const t0 = v128.load(top + offset), t1 = v128.load(top + offset, 16);
        const b0 = v128.load(bottom + offset), b1 = v128.load(bottom + offset, 16);
        let best = v128.shuffle<f32>(t0, t1, 0, 2, 4, 6);
        let bestIndex = i32x4.add(i32x4.splat(topIndex + 2 * ox), laneColumns);
        const topRight = v128.shuffle<f32>(t0, t1, 1, 3, 5, 7);
        const bottomLeft = v128.shuffle<f32>(b0, b1, 0, 2, 4, 6);
        const bottomRight = v128.shuffle<f32>(b0, b1, 1, 3, 5, 7);
        const one = i32x4.splat(1), down = i32x4.splat(width);
        // candidates in window order; each keeps its own index vector
        let take = wins(topRight, best);
        best = v128.bitselect(topRight, best, take);
        const topRightIndex = i32x4.add(bestIndex, one);
        const bottomLeftIndex = i32x4.add(bestIndex, down);
        const bottomRightIndex = i32x4.add(bottomLeftIndex, one);
        bestIndex = v128.bitselect(topRightIndex, bestIndex, take);
        take = wins(bottomLeft, best);
        best = v128.bitselect(bottomLeft, best, take);
        bestIndex = v128.bitselect(bottomLeftIndex, bestIndex, take);
        take = wins(bottomRight, best);
        best = v128.bitselect(bottomRight, best, take);
        bestIndex = v128.bitselect(bottomRightIndex, bestIndex, take);
        v128.store(target, bestIndex);
        v128.store(maxima, best);
      }
      for (; ox < outputWidth; ox++, target += FLOAT_BYTES, maxima += FLOAT_BYTES) {
        const column = 2 * ox;
        let bestAt = topIndex + column;
        let best = load<f32>(top + <usize>(column * FLOAT_BYTES));
        for (let cell = 1; cell < 4; cell++) {
          const at = topIndex + column + (cell >> 1) * width + (cell & 1);
          const value = load<f32>(planeStart + <usize>(at * FLOAT_BYTES));
          if (value > best || (value != value && best == best)) {
            best = value;
            bestAt = at;
          }
        }
        store<i32>(target, bestAt);
        store<f32>(maxima, best);
      }
    }
  }
}

/** All-ones lanes where `candidate` replaces `best`: strictly greater, or NaN over a number. */
// @ts-ignore: decorator
@inline function wins(candidate: v128, best: v128): v128 {
  const greater = f32x4.gt(candidate, best);
  const nanOverNumber = v128.and(f32x4.ne(candidate, candidate), f32x4.eq(best, best));
  return v128.or(greater, nanOverNumber);
}
