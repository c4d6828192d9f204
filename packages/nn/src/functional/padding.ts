import { checkOptions, composite, describeValue, indexSelect, pad as padOp, tensor, type Tensor } from '@dl/tensor';

/** How `pad` fills: a constant, the mirror image without the edge, the edge repeated, or wrapping around. */
export type PaddingMode = 'constant' | 'reflect' | 'replicate' | 'circular';

/** torch's keywords of F.pad: `F.pad(x, pad, mode='reflect')` is `F.pad(x, pad, { mode: 'reflect' })`. */
export interface PadOptions {
  /** Default 'constant'. */
  mode?: PaddingMode;
  /** The fill of mode 'constant'. Default 0. */
  value?: number;
}

const modes: readonly PaddingMode[] = ['constant', 'reflect', 'replicate', 'circular'];

/**
 * Pads the last dims (torch.nn.functional.pad): `padding` is [left, right] for the last dim, then
 * [top, bottom] for the one before, …. Mode 'constant' fills with `value` and takes negative values to
 * crop; 'reflect' mirrors without repeating the edge (x[1], x[0] | x[0], x[1], …), 'replicate'
 * repeats the edge, 'circular' wraps around. As in torch, the other modes pad the last 1, 2 or 3 dims
 * of a batched or unbatched input ([N, C, W] or [C, W] for 2 values, and so on) and gradients flow to
 * every element read.
 * @example
 * F.pad(images, [1, 1, 2, 2]); // W + 2, H + 4, zeros
 * F.pad(images, [1, 1, 1, 1], { mode: 'reflect' }); // CycleGAN's ReflectionPad2d(1)
 */
export function pad(input: Tensor, padding: readonly number[], mode: PaddingMode | PadOptions = 'constant', value?: number): Tensor {
  const keywords = typeof mode === 'object' && mode !== null;
  if (keywords && value !== undefined)
    throw new Error(`pad: got an options object and then a value (${describeValue(value)}); give it as { value }`);
  const options: PadOptions = keywords ? checkOptions('pad', mode, ['mode', 'value']) : { mode, value };
  const chosen = options.mode ?? 'constant';
  if (!modes.includes(chosen))
    throw new Error(`pad: mode must be one of ${modes.map((name) => `'${name}'`).join(', ')}, got ${describeValue(chosen)}`);
  if (chosen === 'constant') return padOp(input, padding, options.value ?? 0);
  if (options.value !== undefined && options.value !== 0)
    throw new Error(`pad: a fill value (${options.value}) is only used by mode 'constant', not '${chosen}'`);
  checkNonConstant(chosen, input, padding);
  // one index per output position along each padded dim, read through indexSelect (whose gradient
  // adds back into the positions read)
  return composite(() => {
    let result = input;
    for (let pair = 0; pair < padding.length / 2; pair++) {
      const axis = input.ndim - 1 - pair;
      const sources = sourceIndices(chosen, input.shape[axis]!, padding[2 * pair]!, padding[2 * pair + 1]!);
      result = indexSelect(result, axis, tensor(sources, { dtype: 'int32', device: input.device }));
    }
    return result;
  });
}

/** torch's rules for the non-constant modes: 2, 4 or 6 values for an input of one or two more dims, sizes that fit. */
function checkNonConstant(mode: PaddingMode, input: Tensor, padding: readonly number[]): void {
  const padded = padding.length / 2;
  if (![1, 2, 3].includes(padded) || (input.ndim !== padded + 1 && input.ndim !== padded + 2))
    throw new Error(
      `pad: mode '${mode}' pads the last 1, 2 or 3 dims of an input with one or two more (batch, channels): got ${padding.length} padding values for an input of shape [${input.shape.join(', ')}]`,
    );
  for (let pair = 0; pair < padded; pair++) {
    const axis = input.ndim - 1 - pair;
    const size = input.shape[axis]!;
    for (const amount of [padding[2 * pair]!, padding[2 * pair + 1]!]) {
      if (!Number.isInteger(amount) || amount < 0)
        throw new Error(`pad: mode '${mode}' takes non-negative integer padding, got ${describeValue(amount)} for dim ${axis}`);
      if (mode === 'reflect' && amount >= size)
        throw new Error(
          `pad: reflect padding must be smaller than the dim it pads: ${amount} for dim ${axis} of size ${size} in [${input.shape.join(', ')}]`,
        );
      if (mode === 'circular' && amount > size)
        throw new Error(
          `pad: circular padding must be at most the size of the dim it pads: ${amount} for dim ${axis} of size ${size} in [${input.shape.join(', ')}]`,
        );
      if (mode === 'replicate' && size === 0) throw new Error(`pad: replicate padding of dim ${axis}, which is empty`);
    }
  }
}

/** The input position each output position reads along one dim of `size`, padded by `before` and `after`. */
function sourceIndices(mode: PaddingMode, size: number, before: number, after: number): Int32Array {
  const indices = new Int32Array(before + size + after);
  for (let output = 0; output < indices.length; output++) {
    const position = output - before; // in the input's coordinates, −before … size + after − 1
    indices[output] =
      mode === 'reflect'
        ? position < 0
          ? -position
          : position >= size
            ? 2 * (size - 1) - position
            : position
        : mode === 'replicate'
          ? Math.min(size - 1, Math.max(0, position))
          : ((position % size) + size) % size;
  }
  return indices;
}
