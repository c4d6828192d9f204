/**
 * Uniform parameters of a kernel: a flat list of 32-bit words read in WGSL through `parameter(i)`
 * (as i32; `bitcast` gives u32 or f32). Stored as array<vec4<i32>> because uniform arrays need a
 * 16-byte element stride.
 */
export class Parameters {
  private readonly words: number[] = [];
  private readonly floats = new Map<number, number>();

  /** Appends integers (shapes, strides, offsets; negative strides are fine). */
  int(...values: number[]): this {
    for (const value of values) {
      if (!Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 32)
        throw new Error(`webgpu: kernel parameter ${value} does not fit 32 bits`);
      this.words.push(value);
    }
    return this;
  }

  /** Appends a float, read in WGSL as `bitcast<f32>(parameter(i))`. */
  float(value: number): this {
    this.floats.set(this.words.length, value);
    this.words.push(0);
    return this;
  }

  get length(): number {
    return this.words.length;
  }

  toArray(): Int32Array {
    const padded = new Int32Array(Math.max(4, Math.ceil(this.words.length / 4) * 4));
    this.words.forEach((word, index) => (padded[index] = word | 0));
    const asFloats = new Float32Array(padded.buffer);
    for (const [index, value] of this.floats) asFloats[index] = value;
    return padded;
  }
}

/** WGSL declaration of the uniform block at `binding` holding `count` words, and its accessor. */
export function parameterDeclaration(binding: number, count: number): string {
  const vectors = Math.max(1, Math.ceil(count / 4));
  return `struct Parameters { values: array<vec4<i32>, ${vectors}> }
@group(0) @binding(${binding}) var<uniform> parameters: Parameters;
fn parameter(i: u32) -> i32 { return parameters.values[i / 4u][i % 4u]; }`;
}
