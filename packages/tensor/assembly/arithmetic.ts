// Elementwise arithmetic on two dense float32 arrays, four lanes per step. Each operation is the
// IEEE single-precision one, as JavaScript's computed in double and rounded (for + − × ÷ of two
// floats the double result rounds to the same float), so results agree with the JavaScript loops.

const FLOAT_BYTES: i32 = 4;

/** The operations, numbered as the caller passes them (cpu/kernels/arithmetic-wasm.ts). */
const ADD: i32 = 0;
const SUBTRACT: i32 = 1;
const MULTIPLY: i32 = 2;
const DIVIDE: i32 = 3;

/** out[i] = a[i] op b[i] for i < count; out may be a or b. */
export function arithmetic(operation: i32, a: usize, b: usize, out: usize, count: i32): void {
  const vectorBytes = <usize>((count & ~3) * FLOAT_BYTES);
  let offset: usize = 0;
  // one loop per operation: the operation is not decided per element
  if (operation == ADD) for (; offset < vectorBytes; offset += 16) v128.store(out + offset, f32x4.add(v128.load(a + offset), v128.load(b + offset)));
  else if (operation == SUBTRACT) for (; offset < vectorBytes; offset += 16) v128.store(out + offset, f32x4.sub(v128.load(a + offset), v128.load(b + offset)));
  else if (operation == MULTIPLY) for (; offset < vectorBytes; offset += 16) v128.store(out + offset, f32x4.mul(v128.load(a + offset), v128.load(b + offset)));
  else if (operation == DIVIDE) for (; offset < vectorBytes; offset += 16) v128.store(out + offset, f32x4.div(v128.load(a + offset), v128.load(b + offset)));
  for (let index = count & ~3; index < count; index++) {
    const at = <usize>(index * FLOAT_BYTES);
    const x = load<f32>(a + at), y = load<f32>(b + at);
    store<f32>(out + at, operation == ADD ? x + y : operation == SUBTRACT ? x - y : operation == MULTIPLY ? x * y : x / y);
  }
}

/**
 * out[r, c] = a[r, c] op b[c] for `rows` rows of `columns` (a bias added to every row of a Linear's
 * product); out may be a.
 */
export function arithmeticRows(operation: i32, a: usize, b: usize, out: usize, rows: i32, columns: i32): void {
  const rowBytes = <usize>(columns * FLOAT_BYTES);
  for (let row = 0; row < rows; row++) {
    const offset = <usize>row * rowBytes;
    arithmetic(operation, a + offset, b, out + offset, columns);
  }
}
