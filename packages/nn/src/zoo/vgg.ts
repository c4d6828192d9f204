import { checkOptions, describeValue, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { ReLU } from '../activations/relu.js';
import { Sequential } from '../containers/sequential.js';
import { AdaptiveAvgPool2d } from '../layers/adaptive-avg-pool2d.js';
import { BatchNorm2d } from '../layers/batch-norm2d.js';
import { Conv2d } from '../layers/conv2d.js';
import { Dropout } from '../layers/dropout.js';
import { Linear } from '../layers/linear.js';
import { MaxPool2d } from '../layers/max-pool2d.js';
import { constant, kaimingNormal, normal } from '../init/init.js';
import { skipInit } from '../init/skip-init.js';
import { Module } from '../module/module.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/** Output channels of each 3×3 convolution, 'M' for a 2×2 max pool (torchvision's configurations). */
export const vggConfigurations = {
  vgg11: [64, 'M', 128, 'M', 256, 256, 'M', 512, 512, 'M', 512, 512, 'M'],
  vgg13: [64, 64, 'M', 128, 128, 'M', 256, 256, 'M', 512, 512, 'M', 512, 512, 'M'],
  vgg16: [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M'],
  vgg19: [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 256, 'M', 512, 512, 512, 512, 'M', 512, 512, 512, 512, 'M'],
} as const satisfies Record<string, readonly (number | 'M')[]>;

export interface VGGOptions {
  numClasses?: number;
  /** A BatchNorm2d after each convolution (torchvision's vgg11_bn …). */
  batchNorm?: boolean;
  dropout?: number;
}

/**
 * VGG (Simonyan & Zisserman, 2014) as torchvision: `features` (3×3 convolutions + ReLU, max pools)
 * → adaptive average pool 7×7 → classifier 25088 → 4096 → 4096 → classes. Parameters: VGG-11
 * 132,863,336, VGG-16 138,357,544 (1000 classes). Initialisation as torchvision: convolutions
 * kaiming_normal(fan_out, relu) with zero bias, linear N(0, 0.01²) with zero bias.
 * @example
 * const model = skipInit(() => new VGG('vgg16')); // no 553 MB of random numbers
 */
export class VGG extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  features!: Sequential;
  avgpool = new AdaptiveAvgPool2d([7, 7]);
  classifier!: Sequential;

  constructor(configuration: keyof typeof vggConfigurations | readonly (number | 'M')[], options: VGGOptions = {}, ...extra: never[]) {
    super();
    if (extra.length > 0) refuseExtraArguments('VGG', ['configuration', 'options'], extra);
    // built without the layers' default initialisation, then initialised once as torchvision
    skipInit(() => this.build(configuration, options));
    for (const module of this.modules()) {
      if (module instanceof Conv2d) {
        kaimingNormal(module.weight, { mode: 'fanOut', nonlinearity: 'relu' });
        if (module.bias) constant(module.bias, 0);
      } else if (module instanceof Linear) {
        normal(module.weight, 0, 0.01);
        if (module.bias) constant(module.bias, 0);
      } else if (module instanceof BatchNorm2d) module.resetParameters();
    }
  }

  private build(configuration: keyof typeof vggConfigurations | readonly (number | 'M')[], options: VGGOptions): void {
    checkOptions('VGG', options, ['numClasses', 'batchNorm', 'dropout']);
    const layers: Module[] = [];
    let channels = 3;
    const plan = typeof configuration === 'string' ? vggConfigurations[configuration] : configuration;
    if (!Array.isArray(plan) || plan.some((entry) => entry !== 'M' && !(Number.isInteger(entry) && entry > 0)))
      throw new Error(
        `VGG: unknown configuration ${describeValue(configuration)}; expected one of ${Object.keys(vggConfigurations).join(', ')} or a list of channel counts and 'M' (max pooling)`,
      );
    for (const entry of plan) {
      if (entry === 'M') {
        layers.push(new MaxPool2d(2, { stride: 2 }));
        continue;
      }
      layers.push(new Conv2d(channels, entry, 3, { padding: 1 }));
      if (options.batchNorm) layers.push(new BatchNorm2d(entry));
      layers.push(new ReLU());
      channels = entry;
    }
    this.features = new Sequential(...layers);
    const p = options.dropout ?? 0.5;
    this.classifier = new Sequential(
      new Linear(512 * 7 * 7, 4096),
      new ReLU(),
      new Dropout(p),
      new Linear(4096, 4096),
      new ReLU(),
      new Dropout(p),
      new Linear(4096, options.numClasses ?? 1000),
    );
  }

  forward(input: Tensor): Tensor {
    return this.classifier.call(this.avgpool.call(this.features.call(input)).flatten(1));
  }
}

/** VGG-11 (configuration A): 132,863,336 parameters. */
export function vgg11(options: VGGOptions = {}, ...extra: never[]): VGG {
  refuseExtraArguments('vgg11', ['options'], extra);
  return new VGG('vgg11', options);
}
/** VGG-16 (configuration D): 138,357,544 parameters. */
export function vgg16(options: VGGOptions = {}, ...extra: never[]): VGG {
  refuseExtraArguments('vgg16', ['options'], extra);
  return new VGG('vgg16', options);
}
