import { cat, checkOptions, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { ReLU } from '../activations/relu.js';
import { Sequential } from '../containers/sequential.js';
import { AvgPool2d } from '../layers/avg-pool2d.js';
import { BatchNorm2d } from '../layers/batch-norm2d.js';
import { Conv2d } from '../layers/conv2d.js';
import { Linear } from '../layers/linear.js';
import { MaxPool2d } from '../layers/max-pool2d.js';
import { constant, kaimingNormal } from '../init/init.js';
import { skipInit } from '../init/skip-init.js';
import { Module } from '../module/module.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * DenseNet's bottleneck layer (torchvision's _DenseLayer): BN → ReLU → 1×1 conv (bnSize·growth) →
 * BN → ReLU → 3×3 conv (growth). Names: norm1, relu1, conv1, norm2, relu2, conv2.
 */
export class DenseLayer extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  norm1: BatchNorm2d;
  relu1 = new ReLU();
  conv1: Conv2d;
  norm2: BatchNorm2d;
  relu2 = new ReLU();
  conv2: Conv2d;

  constructor(inChannels: number, growthRate: number, bottleneckSize: number, ...extra: never[]) {
    super();
    if (extra.length > 0) refuseExtraArguments('DenseLayer', ['inChannels', 'growthRate', 'bottleneckSize'], extra);
    this.norm1 = new BatchNorm2d(inChannels);
    this.conv1 = new Conv2d(inChannels, bottleneckSize * growthRate, 1, { bias: false });
    this.norm2 = new BatchNorm2d(bottleneckSize * growthRate);
    this.conv2 = new Conv2d(bottleneckSize * growthRate, growthRate, 3, { padding: 1, bias: false });
  }

  forward(input: Tensor): Tensor {
    const bottleneck = this.conv1.call(this.relu1.call(this.norm1.call(input)));
    return this.conv2.call(this.relu2.call(this.norm2.call(bottleneck)));
  }
}

/**
 * A dense block (Huang et al., 2017; torchvision's _DenseBlock): layer i sees the concatenation of
 * the block input and every earlier layer's output, and adds `growthRate` channels:
 * [N, C, H, W] → [N, C + layers·growthRate, H, W]. Names: denselayer1 … denselayerN.
 * @example
 * new DenseBlock(6, 64, 32).call(zeros([1, 64, 8, 8])).shape; // [1, 256, 8, 8]
 */
export class DenseBlock extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(numLayers: number, inChannels: number, growthRate: number, bottleneckSize = 4, ...extra: never[]) {
    super();
    if (extra.length > 0) refuseExtraArguments('DenseBlock', ['numLayers', 'inChannels', 'growthRate', 'bottleneckSize'], extra);
    for (let index = 0; index < numLayers; index++)
      this.registerModule(`denselayer${index + 1}`, new DenseLayer(inChannels + index * growthRate, growthRate, bottleneckSize));
  }

  forward(input: Tensor): Tensor {
    const features = [input];
    for (const layer of this.children()) features.push((layer as DenseLayer).call(cat(features, 1)));
    return cat(features, 1);
  }
}

/** Between dense blocks: BN → ReLU → 1×1 conv → 2×2 average pool (names norm, relu, conv, pool). */
export class Transition extends Sequential {
  constructor(inChannels: number, outChannels: number, ...extra: never[]) {
    super({
      norm: new BatchNorm2d(inChannels),
      relu: new ReLU(),
      conv: new Conv2d(inChannels, outChannels, 1, { bias: false }),
      pool: new AvgPool2d(2, { stride: 2 }),
    });
    if (extra.length > 0) refuseExtraArguments('Transition', ['inChannels', 'outChannels'], extra);
  }
}

/**
 * DenseNet-121 as torchvision's `densenet121`: growth 32, blocks (6, 12, 24, 16), 64 initial
 * features, bottleneck 4; 7,978,856 parameters with 1000 classes. Names: features.conv0,
 * features.denseblock1.denselayer1.norm1.weight, …, features.norm5, classifier.
 */
export class DenseNet extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  features: Sequential;
  classifier: Linear;

  constructor(
    options: {
      growthRate?: number;
      blocks?: readonly number[];
      initialFeatures?: number;
      bottleneckSize?: number;
      numClasses?: number;
    } = {},
    ...extra: never[]
  ) {
    super();
    if (extra.length > 0) refuseExtraArguments('DenseNet', ['options'], extra);
    checkOptions('DenseNet', options, ['growthRate', 'blocks', 'initialFeatures', 'bottleneckSize', 'numClasses']);
    const growthRate = options.growthRate ?? 32;
    const blocks = options.blocks ?? [6, 12, 24, 16];
    let channels = options.initialFeatures ?? 64;
    // built without the layers' default initialisation, then initialised once as torchvision
    const stages: Record<string, Module> = skipInit(() => ({
      conv0: new Conv2d(3, channels, 7, { stride: 2, padding: 3, bias: false }),
      norm0: new BatchNorm2d(channels),
      relu0: new ReLU(),
      pool0: new MaxPool2d(3, { stride: 2, padding: 1 }),
    }));
    skipInit(() =>
      blocks.forEach((layers, index) => {
        stages[`denseblock${index + 1}`] = new DenseBlock(layers, channels, growthRate, options.bottleneckSize ?? 4);
        channels += layers * growthRate;
        if (index !== blocks.length - 1) {
          stages[`transition${index + 1}`] = new Transition(channels, Math.floor(channels / 2));
          channels = Math.floor(channels / 2);
        }
      }),
    );
    stages.norm5 = new BatchNorm2d(channels);
    this.features = new Sequential(stages);
    this.classifier = new Linear(channels, options.numClasses ?? 1000);
    for (const module of this.modules()) {
      if (module instanceof Conv2d) kaimingNormal(module.weight);
      else if (module instanceof BatchNorm2d) module.resetParameters();
      else if (module instanceof Linear && module.bias) constant(module.bias, 0);
    }
  }

  forward(input: Tensor): Tensor {
    const features = this.features.call(input).relu();
    return this.classifier.call(features.mean([2, 3]));
  }
}

/** DenseNet-121: 7,978,856 parameters. */
export function densenet121(options: { numClasses?: number } = {}, ...extra: never[]): DenseNet {
  refuseExtraArguments('densenet121', ['options'], extra);
  return new DenseNet(options);
}
