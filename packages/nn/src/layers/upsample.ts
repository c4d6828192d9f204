import { checkOptions, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { interpolate, type InterpolateOptions, type InterpolationMode } from '../functional/interpolate.js';
import { Module } from '../module/module.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/** torch.nn.Upsample's arguments: `size` or `scaleFactor`, the mode and, for the linear modes, `alignCorners`. */
export type UpsampleOptions = Pick<InterpolateOptions, 'size' | 'scaleFactor' | 'mode' | 'alignCorners' | 'recomputeScaleFactor'>;

/**
 * Resizes [N, C, L] or [N, C, H, W] inputs (torch.nn.Upsample): F.interpolate with fixed options; no
 * parameters. A generator that upsamples then convolves (instead of a transposed convolution) uses it.
 * @example
 * new Upsample({ scaleFactor: 2 }).call(x); // nearest, [N, C, 2H, 2W]
 * new Upsample({ scaleFactor: 2, mode: 'bilinear', alignCorners: false });
 */
export class Upsample extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly options: UpsampleOptions;

  constructor(options: UpsampleOptions, ...extra: never[]) {
    super();
    if (extra.length > 0) refuseExtraArguments('Upsample', ['options'], extra);
    checkOptions('Upsample', options, ['size', 'scaleFactor', 'mode', 'alignCorners', 'recomputeScaleFactor']);
    if ((options?.size === undefined) === (options?.scaleFactor === undefined))
      throw new Error('Upsample: give exactly one of size and scaleFactor');
    this.options = { ...options };
  }

  forward(input: Tensor): Tensor {
    return interpolate(input, this.options);
  }

  override extraRepr(): string {
    const { size, scaleFactor, mode = 'nearest' } = this.options;
    return size !== undefined
      ? `size=${JSON.stringify(size)}, mode='${mode}'`
      : `scaleFactor=${JSON.stringify(scaleFactor)}, mode='${mode}'`;
  }
}

/** torch.nn.UpsamplingNearest2d: Upsample in mode 'nearest' (one of size and scaleFactor). */
export class UpsamplingNearest2d extends Upsample {
  constructor(options: Pick<InterpolateOptions, 'size' | 'scaleFactor'>, ...extra: never[]) {
    super({ ...checkOptions('UpsamplingNearest2d', options, ['size', 'scaleFactor']), mode: 'nearest' satisfies InterpolationMode });
    if (extra.length > 0) refuseExtraArguments('UpsamplingNearest2d', ['options'], extra);
  }
}

/** torch.nn.UpsamplingBilinear2d: Upsample in mode 'bilinear' with alignCorners true, as torch's. */
export class UpsamplingBilinear2d extends Upsample {
  constructor(options: Pick<InterpolateOptions, 'size' | 'scaleFactor'>, ...extra: never[]) {
    super({ ...checkOptions('UpsamplingBilinear2d', options, ['size', 'scaleFactor']), mode: 'bilinear', alignCorners: true });
    if (extra.length > 0) refuseExtraArguments('UpsamplingBilinear2d', ['options'], extra);
  }
}
