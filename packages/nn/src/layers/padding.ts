import { describeValue, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { pad, type PaddingMode } from '../functional/padding.js';
import { Module } from '../module/module.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * The padding layers of torch.nn (`ReflectionPad2d`, `ReplicationPad1d`, `ZeroPad2d`, `ConstantPad2d`, …):
 * F.pad with a fixed padding and mode. `padding` is one number for every side or, as in torch,
 * [left, right] (1-d), [left, right, top, bottom] (2-d) or [left, right, top, bottom, front, back] (3-d). They have no parameters.
 */
export abstract class PaddingLayer extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  /** [left, right], [left, right, top, bottom] or [left, right, top, bottom, front, back]. */
  readonly padding: number[];

  constructor(
    name: string,
    dims: 1 | 2 | 3,
    padding: number | readonly number[],
    readonly mode: PaddingMode,
    readonly value = 0,
  ) {
    super();
    const sides = 2 * dims;
    const given = typeof padding === 'number' ? new Array<number>(sides).fill(padding) : [...padding];
    if (given.length !== sides || !given.every((amount) => Number.isInteger(amount)))
      throw new Error(
        `${name}: padding must be an integer or ${sides} integers (${['left, right', 'left, right, top, bottom', 'left, right, top, bottom, front, back'][dims - 1]}), got ${describeValue(padding)}`,
      );
    if (typeof value !== 'number') throw new Error(`${name}: value must be a number, got ${describeValue(value)}`);
    this.padding = given;
  }

  forward(input: Tensor): Tensor {
    return pad(input, this.padding, { mode: this.mode, value: this.mode === 'constant' ? this.value : undefined });
  }

  override extraRepr(): string {
    const sides = `(${this.padding.join(', ')})`;
    return this.mode === 'constant' ? `padding=${sides}, value=${this.value}` : sides;
  }
}

/**
 * Mirrors the last dim without repeating its edge (torch.nn.ReflectionPad1d): [N, C, W] or [C, W].
 * @example
 * new ReflectionPad1d(2).call(tensor([[[0, 1, 2, 3]]])).toArraySync(); // [[[2, 1, 0, 1, 2, 3, 2, 1]]]
 */
export class ReflectionPad1d extends PaddingLayer {
  constructor(padding: number | readonly [number, number], ...extra: never[]) {
    super('ReflectionPad1d', 1, padding, 'reflect');
    if (extra.length > 0) refuseExtraArguments('ReflectionPad1d', ['padding'], extra);
  }
}

/**
 * Mirrors the last two dims without repeating their edges (torch.nn.ReflectionPad2d), as CycleGAN's and
 * pix2pix's generators pad before each convolution: [N, C, H, W] or [C, H, W].
 * @example
 * new ReflectionPad2d(3).call(images); // H + 6, W + 6
 */
export class ReflectionPad2d extends PaddingLayer {
  constructor(padding: number | readonly [number, number, number, number], ...extra: never[]) {
    super('ReflectionPad2d', 2, padding, 'reflect');
    if (extra.length > 0) refuseExtraArguments('ReflectionPad2d', ['padding'], extra);
  }
}

/** Repeats the edge of the last dim (torch.nn.ReplicationPad1d). */
export class ReplicationPad1d extends PaddingLayer {
  constructor(padding: number | readonly [number, number], ...extra: never[]) {
    super('ReplicationPad1d', 1, padding, 'replicate');
    if (extra.length > 0) refuseExtraArguments('ReplicationPad1d', ['padding'], extra);
  }
}

/** Repeats the edges of the last two dims (torch.nn.ReplicationPad2d). */
export class ReplicationPad2d extends PaddingLayer {
  constructor(padding: number | readonly [number, number, number, number], ...extra: never[]) {
    super('ReplicationPad2d', 2, padding, 'replicate');
    if (extra.length > 0) refuseExtraArguments('ReplicationPad2d', ['padding'], extra);
  }
}

/** Pads the last dim with `value` (torch.nn.ConstantPad1d); negative padding crops. */
export class ConstantPad1d extends PaddingLayer {
  constructor(padding: number | readonly [number, number], value: number, ...extra: never[]) {
    super('ConstantPad1d', 1, padding, 'constant', value);
    if (extra.length > 0) refuseExtraArguments('ConstantPad1d', ['padding', 'value'], extra);
  }
}

/** Pads the last two dims with `value` (torch.nn.ConstantPad2d); negative padding crops. */
export class ConstantPad2d extends PaddingLayer {
  constructor(padding: number | readonly [number, number, number, number], value: number, ...extra: never[]) {
    super('ConstantPad2d', 2, padding, 'constant', value);
    if (extra.length > 0) refuseExtraArguments('ConstantPad2d', ['padding', 'value'], extra);
  }
}

/** Pads the last two dims with zeros (torch.nn.ZeroPad2d). */
export class ZeroPad2d extends PaddingLayer {
  constructor(padding: number | readonly [number, number, number, number], ...extra: never[]) {
    super('ZeroPad2d', 2, padding, 'constant', 0);
    if (extra.length > 0) refuseExtraArguments('ZeroPad2d', ['padding'], extra);
  }

  /** torch prints only the padding of the zero paddings. */
  override extraRepr(): string {
    return `(${this.padding.join(', ')})`;
  }
}

/**
 * Pads the last dim with zeros (torch.nn.ZeroPad1d): [N, C, W] or [C, W]; negative padding crops.
 * @example
 * new ZeroPad1d([1, 2]).call(tensor([[[1, 2]]])).toArraySync(); // [[[0, 1, 2, 0, 0]]]
 */
export class ZeroPad1d extends PaddingLayer {
  constructor(padding: number | readonly [number, number], ...extra: never[]) {
    super('ZeroPad1d', 1, padding, 'constant', 0);
    if (extra.length > 0) refuseExtraArguments('ZeroPad1d', ['padding'], extra);
  }

  /** torch prints only the padding of the zero paddings. */
  override extraRepr(): string {
    return `(${this.padding.join(', ')})`;
  }
}

/**
 * Pads the last three dims with zeros (torch.nn.ZeroPad3d): [N, C, D, H, W] or [C, D, H, W]; negative padding crops.
 * @example
 * new ZeroPad3d(1).call(volumes); // D + 2, H + 2, W + 2
 */
export class ZeroPad3d extends PaddingLayer {
  constructor(padding: number | readonly [number, number, number, number, number, number], ...extra: never[]) {
    super('ZeroPad3d', 3, padding, 'constant', 0);
    if (extra.length > 0) refuseExtraArguments('ZeroPad3d', ['padding'], extra);
  }

  /** torch prints only the padding of the zero paddings. */
  override extraRepr(): string {
    return `(${this.padding.join(', ')})`;
  }
}

/**
 * Pads the last three dims with `value` (torch.nn.ConstantPad3d); negative padding crops.
 * @example
 * new ConstantPad3d([1, 1, 0, 0, 2, 0], 3.5).call(volumes); // W + 2, D + 2
 */
export class ConstantPad3d extends PaddingLayer {
  constructor(padding: number | readonly [number, number, number, number, number, number], value: number, ...extra: never[]) {
    super('ConstantPad3d', 3, padding, 'constant', value);
    if (extra.length > 0) refuseExtraArguments('ConstantPad3d', ['padding', 'value'], extra);
  }
}

/**
 * Mirrors the last three dims without repeating their edges (torch.nn.ReflectionPad3d): [N, C, D, H, W]
 * or [C, D, H, W]; each padding must be smaller than the dim it pads.
 * @example
 * new ReflectionPad3d(1).call(volumes); // D + 2, H + 2, W + 2
 */
export class ReflectionPad3d extends PaddingLayer {
  constructor(padding: number | readonly [number, number, number, number, number, number], ...extra: never[]) {
    super('ReflectionPad3d', 3, padding, 'reflect');
    if (extra.length > 0) refuseExtraArguments('ReflectionPad3d', ['padding'], extra);
  }
}

/**
 * Repeats the edges of the last three dims (torch.nn.ReplicationPad3d): [N, C, D, H, W] or [C, D, H, W].
 * @example
 * new ReplicationPad3d([1, 1, 1, 1, 0, 0]).call(volumes); // H + 2, W + 2
 */
export class ReplicationPad3d extends PaddingLayer {
  constructor(padding: number | readonly [number, number, number, number, number, number], ...extra: never[]) {
    super('ReplicationPad3d', 3, padding, 'replicate');
    if (extra.length > 0) refuseExtraArguments('ReplicationPad3d', ['padding'], extra);
  }
}
