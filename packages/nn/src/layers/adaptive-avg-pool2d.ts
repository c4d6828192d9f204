import { adaptiveAvgPool2d, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { Module } from '../module/module.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * Adaptive average pooling to a fixed output size: [N, C, H, W] → [N, C, oh, ow] whatever H, W
 * (cell i averages rows ⌊i·H/oh⌋ … ⌈(i + 1)·H/oh⌉ − 1). `null` keeps that input dim. No parameters.
 * @example
 * new AdaptiveAvgPool2d([1, 1]).call(zeros([2, 512, 7, 7])).shape; // [2, 512, 1, 1]
 */
export class AdaptiveAvgPool2d extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly outputSize: readonly [number | null, number | null];

  constructor(outputSize: number | readonly [number | null, number | null], ...extra: never[]) {
    super();
    if (extra.length > 0) refuseExtraArguments('AdaptiveAvgPool2d', ['outputSize'], extra);
    this.outputSize = typeof outputSize === 'number' ? [outputSize, outputSize] : [outputSize[0], outputSize[1]];
  }

  forward(input: Tensor): Tensor {
    return adaptiveAvgPool2d(input, this.outputSize);
  }

  override extraRepr(): string {
    return `outputSize=(${this.outputSize.map((size) => size ?? 'None').join(', ')})`;
  }
}
