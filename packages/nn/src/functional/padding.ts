import {
  checkOptions,
  describeValue,
  pad as padOp,
  type PaddingMode as TensorPaddingMode,
  type PadOptions as TensorPadOptions,
  refuseExtraArguments,
  type Tensor,
} from '@dl/tensor';

// aliases, not re-exports: a bundled declaration file re-exports names without `type`, which a
// consumer's type check rejects for type-only names
/** How `pad` fills: 'constant', 'reflect', 'replicate' or 'circular' (@dl/tensor's `pad` modes). */
export type PaddingMode = TensorPaddingMode;
/** torch's keywords of F.pad: `F.pad(x, pad, mode='reflect')` is `F.pad(x, pad, { mode: 'reflect' })`. */
export type PadOptions = TensorPadOptions;

/**
 * Pads the last dims (torch.nn.functional.pad): `padding` is [left, right] for the last dim, then
 * [top, bottom] for the one before, …. A negative value crops that side, in every mode. Mode
 * 'constant' fills with `value`; 'reflect' mirrors without repeating the edge (x[1], x[0] | x[0],
 * x[1], …), 'replicate' repeats the edge, 'circular' wraps around. As in torch, the other modes pad the
 * last 1, 2 or 3 dims of a batched or unbatched input ([N, C, W] or [C, W] for 2 values, and so on) and
 * gradients flow to every element read. torch's positional form (mode, then value) or an options
 * object; @dl/tensor's `pad` does the padding.
 * @example
 * F.pad(images, [1, 1, 2, 2]); // W + 2, H + 4, zeros
 * F.pad(images, [1, 1, 1, 1], { mode: 'reflect' }); // CycleGAN's ReflectionPad2d(1)
 */
export function pad(
  input: Tensor,
  padding: readonly number[],
  mode: PaddingMode | PadOptions = 'constant',
  value?: number,
  ...extra: never[]
): Tensor {
  if (extra.length > 0) refuseExtraArguments('pad', ['input', 'padding', 'mode', 'value'], extra);
  const keywords = typeof mode === 'object' && mode !== null;
  if (keywords && value !== undefined)
    throw new Error(`pad: got an options object and then a value (${describeValue(value)}); give it as { value }`);
  const options: PadOptions = keywords ? checkOptions('pad', mode, ['mode', 'value']) : { mode, value };
  return padOp(input, padding, { mode: options.mode ?? 'constant', ...(options.value !== undefined && { value: options.value }) });
}
