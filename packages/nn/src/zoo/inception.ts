import { cat, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { Sequential } from '../containers/sequential.js';
import { BatchNorm2d } from '../layers/batch-norm2d.js';
import { Conv2d, type Conv2dOptions } from '../layers/conv2d.js';
import { MaxPool2d } from '../layers/max-pool2d.js';
import { Module } from '../module/module.js';
import type { Pair } from '../layers/shared.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/** Convolution without bias → BatchNorm (ε = 0.001) → ReLU (torchvision's BasicConv2d: names conv, bn). */
export class BasicConv2d extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  conv: Conv2d;
  bn: BatchNorm2d;

  constructor(inChannels: number, outChannels: number, kernelSize: Pair, options: Omit<Conv2dOptions, 'bias'> = {}, ...extra: never[]) {
    super();
    if (extra.length > 0) refuseExtraArguments('BasicConv2d', ['inChannels', 'outChannels', 'kernelSize', 'options'], extra);
    this.conv = new Conv2d(inChannels, outChannels, kernelSize, { ...options, bias: false });
    this.bn = new BatchNorm2d(outChannels, { eps: 0.001 });
  }

  forward(input: Tensor): Tensor {
    return this.bn.call(this.conv.call(input)).relu();
  }
}

/**
 * GoogLeNet's Inception block (Szegedy et al., 2014) as torchvision's `Inception`: four parallel
 * branches concatenated on channels, [N, C, H, W] → [N, ch1x1 + ch3x3 + ch5x5 + poolProj, H, W]:
 * branch1 1×1; branch2 1×1 → 3×3; branch3 1×1 → "5×5" (a 3×3, as torchvision's implementation);
 * branch4 3×3 max pool (stride 1) → 1×1. Inception (3a) = new Inception(192, 64, 96, 128, 16, 32, 32):
 * 155,872 parameters.
 * @example
 * new Inception(192, 64, 96, 128, 16, 32, 32).call(zeros([1, 192, 28, 28])).shape; // [1, 256, 28, 28]
 */
export class Inception extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  branch1: BasicConv2d;
  branch2: Sequential;
  branch3: Sequential;
  branch4: Sequential;

  constructor(
    inChannels: number,
    ch1x1: number,
    ch3x3Reduce: number,
    ch3x3: number,
    ch5x5Reduce: number,
    ch5x5: number,
    poolProjection: number,
    ...extra: never[]
  ) {
    super();
    if (extra.length > 0)
      refuseExtraArguments('Inception', ['inChannels', 'ch1x1', 'ch3x3Reduce', 'ch3x3', 'ch5x5Reduce', 'ch5x5', 'poolProjection'], extra);
    this.branch1 = new BasicConv2d(inChannels, ch1x1, 1);
    this.branch2 = new Sequential(new BasicConv2d(inChannels, ch3x3Reduce, 1), new BasicConv2d(ch3x3Reduce, ch3x3, 3, { padding: 1 }));
    this.branch3 = new Sequential(new BasicConv2d(inChannels, ch5x5Reduce, 1), new BasicConv2d(ch5x5Reduce, ch5x5, 3, { padding: 1 }));
    this.branch4 = new Sequential(
      new MaxPool2d(3, { stride: 1, padding: 1, ceilMode: true }),
      new BasicConv2d(inChannels, poolProjection, 1),
    );
  }

  forward(input: Tensor): Tensor {
    return cat([this.branch1.call(input), this.branch2.call(input), this.branch3.call(input), this.branch4.call(input)], 1);
  }
}
