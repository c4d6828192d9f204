import type { Tensor } from '@dl/tensor';
import { instanceNorm } from '../functional/normalization.js';
import { BatchNormBase } from './batch-norm.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * Instance normalisation (torch's _InstanceNorm): each sample's channel normalised over its own
 * positions. As in torch, `affine` and `trackRunningStats` default to false; with running statistics,
 * training updates them (num_batches_tracked is kept but not counted, as torch) and eval mode uses them.
 * An unbatched input ([C, *]) is taken as a batch of one.
 */
abstract class InstanceNormBase extends BatchNormBase {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  protected static override readonly affineByDefault: boolean = false;
  protected static override readonly trackingByDefault: boolean = false;

  protected abstract readonly positionDims: number;

  protected checkInput(input: Tensor): void {
    const dims = this.positionDims;
    if (input.ndim !== dims + 1 && input.ndim !== dims + 2)
      throw new Error(
        `${this.constructor.name}: expected ${dims + 1}D (unbatched) or ${dims + 2}D (batched) input, got ${input.ndim}D [${input.shape.join(', ')}]`,
      );
    const channels = input.shape[input.ndim - dims - 1];
    if (channels !== this.numFeatures)
      throw new Error(
        `${this.constructor.name}: expected input's size at dim ${input.ndim - dims - 1} to match numFeatures (${this.numFeatures}), but got ${channels}`,
      );
  }

  override forward(input: Tensor): Tensor {
    this.checkInput(input);
    const batched = input.ndim === this.positionDims + 2;
    const output = instanceNorm(batched ? input : input.unsqueeze(0), {
      runningMean: this.runningMean,
      runningVar: this.runningVar,
      weight: this.weight,
      bias: this.bias,
      useInputStats: this.training || !this.trackRunningStats,
      momentum: this.momentum ?? 0.1,
      eps: this.eps,
    });
    return batched ? output : output.squeeze(0);
  }
}

/**
 * Instance normalisation of [N, C, L] (torch.nn.InstanceNorm1d).
 * @example
 * new InstanceNorm1d(16).call(randn([4, 16, 100]));
 */
export class InstanceNorm1d extends InstanceNormBase {
  protected readonly positionDims = 1;
}

/**
 * Instance normalisation of [N, C, H, W] (torch.nn.InstanceNorm2d), as style-transfer and CycleGAN
 * generators use it.
 * @example
 * new InstanceNorm2d(64, { affine: true }).call(features);
 */
export class InstanceNorm2d extends InstanceNormBase {
  protected readonly positionDims = 2;
}

/**
 * Instance normalisation of volumes [N, C, D, H, W] (torch.nn.InstanceNorm3d), as 3-d segmentation
 * networks use it.
 * @example
 * new InstanceNorm3d(32, { affine: true }).call(randn([1, 32, 8, 16, 16]));
 */
export class InstanceNorm3d extends InstanceNormBase {
  protected readonly positionDims = 3;
}
