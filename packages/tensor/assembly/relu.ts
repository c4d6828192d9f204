// ReLU and its gradient on float32, four elements per SIMD step, selecting bits so that every value
// is copied exactly (NaN payloads included) and a dropped one is +0, as the JavaScript kernels:
//
//   relu(x)             = x where x > 0 or x is NaN, else +0          (torch.relu keeps NaN)
//   reluGradient(g, y)  = +0 where y ≤ 0, else g                      (y = relu(x); a NaN y keeps g, as torch)

const FLOAT_BYTES: i32 = 4;

/** y[i] = relu(x[i]) for i < count (y may be x). */
export function reluForward(x: usize, y: usize, count: i32): void {
  const zero = f32x4.splat(0);
  let index = 0;
  for (; index + 4 <= count; index += 4) {
    const offset = <usize>(index * FLOAT_BYTES);
    const value = v128.load(x + offset);
    const keep = v128.or(f32x4.gt(value, zero), f32x4.ne(value, value));
    v128.store(y + offset, v128.and(value, keep));
  }
  for (; index < count; index++) {
    const offset = <usize>(index * FLOAT_BYTES);
    const value = load<f32>(x + offset);
    store<f32>(y + offset, value > 0 || value != value ? value : 0);
  }
}

/** out[i] = y[i] ≤ 0 ? +0 : g[i] for i < count (out may be g or y); NaN ≤ 0 is false, so NaN keeps g. */
export function reluBackward(g: usize, y: usize, out: usize, count: i32): void {
  const zero = f32x4.splat(0);
  let index = 0;
  for (; index + 4 <= count; index += 4) {
    const offset = <usize>(index * FLOAT_BYTES);
    v128.store(out + offset, v128.andnot(v128.load(g + offset), f32x4.le(v128.load(y + offset), zero)));
  }
  for (; index < count; index++) {
    const offset = <usize>(index * FLOAT_BYTES);
    store<f32>(out + offset, load<f32>(y + offset) <= 0 ? 0 : load<f32>(g + offset));
  }
}
