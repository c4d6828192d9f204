import { checkOptions, describeValue, readArguments, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { ReLU } from '../activations/relu.js';
import { Sequential } from '../containers/sequential.js';
import { AdaptiveAvgPool2d } from '../layers/adaptive-avg-pool2d.js';
import { BatchNorm2d } from '../layers/batch-norm2d.js';
import { Conv2d } from '../layers/conv2d.js';
import { Linear } from '../layers/linear.js';
import { MaxPool2d } from '../layers/max-pool2d.js';
import { kaimingNormal } from '../init/init.js';
import { skipInit } from '../init/skip-init.js';
import { isModule, Module } from '../module/module.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/** A module from one tensor to one tensor: the norm layers and the shortcut. */
type TensorModule = Module & { forward(input: Tensor): Tensor };

/** torchvision's keywords of BasicBlock after (inplanes, planes), in its positional order. */
export interface BasicBlockOptions {
  /** The first convolution's and the shortcut's stride (default 1). */
  stride?: number;
  /** The shortcut module; null for the identity. Left out: a 1×1 convolution + norm when the stride or the channel count changes, else the identity. */
  downsample?: TensorModule | null;
  /** Only 1, as torchvision's BasicBlock. */
  groups?: number;
  /** Only 64, as torchvision's BasicBlock. */
  baseWidth?: number;
  /** Only 1 (torchvision's BasicBlock raises for more). */
  dilation?: number;
  /** The norm layer's class, made with the channel count (default BatchNorm2d). */
  normLayer?: new (
    channels: number,
  ) => TensorModule;
}

const basicBlockArguments = ['stride', 'downsample', 'groups', 'baseWidth', 'dilation', 'normLayer'];

/**
 * The residual block of ResNet-18/34 (torchvision's BasicBlock): relu(bn2(conv2(relu(bn1(conv1(x))))) + s(x)),
 * where the shortcut s is the identity, or `downsample` (1×1 convolution + BatchNorm) when the stride
 * or the channel count changes. Names: conv1, bn1, conv2, bn2, downsample.0/.1. torchvision's
 * arguments after the channels, `(stride, downsample, groups, baseWidth, dilation, normLayer)`, are read
 * positionally or as options: a given `downsample` (or null) replaces the one made here.
 * @example
 * new BasicBlock(64, 128, 2).call(zeros([1, 64, 8, 8])).shape; // [1, 128, 4, 4]
 */
export class BasicBlock extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  conv1: Conv2d;
  bn1: TensorModule;
  relu = new ReLU();
  conv2: Conv2d;
  bn2: TensorModule;
  downsample: TensorModule | null = null;

  constructor(
    inChannels: number,
    channels: number,
    ...rest:
      | [
          stride?: number,
          downsample?: TensorModule | null,
          groups?: number,
          baseWidth?: number,
          dilation?: number,
          normLayer?: new (channels: number) => TensorModule,
        ]
      | [options?: BasicBlockOptions]
      | [stride: number, options?: Omit<BasicBlockOptions, 'stride'>]
  ) {
    super();
    const options = readArguments<BasicBlockOptions>('BasicBlock', rest, basicBlockArguments, basicBlockArguments);
    const { stride = 1, groups = 1, baseWidth = 64, dilation = 1 } = options;
    const Norm: new (channels: number) => TensorModule = options.normLayer ?? BatchNorm2d;
    if (groups !== 1 || baseWidth !== 64)
      throw new Error(`BasicBlock only supports groups=1 and baseWidth=64, got groups=${groups} and baseWidth=${baseWidth}`);
    if (dilation !== 1) throw new Error(`BasicBlock: dilation > 1 is not supported, got ${dilation}`);
    this.conv1 = new Conv2d(inChannels, channels, 3, { stride, padding: 1, bias: false });
    this.bn1 = new Norm(channels);
    this.conv2 = new Conv2d(channels, channels, 3, { padding: 1, bias: false });
    this.bn2 = new Norm(channels);
    if (options.downsample !== undefined) {
      if (options.downsample !== null && !isModule(options.downsample))
        throw new Error(`BasicBlock: downsample must be a Module or null, got ${describeValue(options.downsample)}`);
      this.downsample = options.downsample;
    } else if (stride !== 1 || inChannels !== channels)
      this.downsample = new Sequential(new Conv2d(inChannels, channels, 1, { stride, bias: false }), new Norm(channels));
  }

  forward(input: Tensor): Tensor {
    const residual = this.bn2.call(this.conv2.call(this.relu.call(this.bn1.call(this.conv1.call(input)))));
    const shortcut = this.downsample ? this.downsample.call(input) : input;
    return residual.add(shortcut).relu();
  }
}

/**
 * ResNet with basic blocks (He et al., 2015) as torchvision's resnet18/resnet34: a 7×7/2 stem with
 * max pool, four stages of BasicBlocks (64, 128, 256, 512 channels; stride 2 from the second), global
 * average pool and `fc`. ResNet-18: 11,689,512 parameters; ResNet-34: 21,797,672 (1000 classes).
 * Convolutions kaiming_normal(fan_out, relu) as torchvision.
 * @example
 * const model = resnet18({ numClasses: 10 });
 * model.call(zeros([1, 3, 32, 32])).shape; // [1, 10]
 */
export class ResNet extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  conv1: Conv2d;
  bn1: BatchNorm2d;
  relu = new ReLU();
  maxpool = new MaxPool2d(3, { stride: 2, padding: 1 });
  layer1: Sequential;
  layer2: Sequential;
  layer3: Sequential;
  layer4: Sequential;
  avgpool = new AdaptiveAvgPool2d([1, 1]);
  fc: Linear;

  constructor(blocks: readonly [number, number, number, number], options: { numClasses?: number } = {}, ...extra: never[]) {
    checkOptions('ResNet', options, ['numClasses']);
    super();
    if (extra.length > 0) refuseExtraArguments('ResNet', ['blocks', 'options'], extra);
    // built without the layers' default initialisation, then initialised once as torchvision
    // (drawing every weight twice costs seconds for 11M parameters)
    const [conv1, bn1] = skipInit(() => [new Conv2d(3, 64, 7, { stride: 2, padding: 3, bias: false }), new BatchNorm2d(64)] as const);
    this.conv1 = conv1;
    this.bn1 = bn1;
    let inChannels = 64;
    const stage = (channels: number, count: number, stride: number) => {
      const layers = [new BasicBlock(inChannels, channels, stride)];
      inChannels = channels;
      for (let index = 1; index < count; index++) layers.push(new BasicBlock(channels, channels));
      return new Sequential(...layers);
    };
    [this.layer1, this.layer2, this.layer3, this.layer4] = skipInit(() => [
      stage(64, blocks[0], 1),
      stage(128, blocks[1], 2),
      stage(256, blocks[2], 2),
      stage(512, blocks[3], 2),
    ]);
    this.fc = new Linear(512, options.numClasses ?? 1000);
    for (const module of this.modules()) {
      if (module instanceof Conv2d) kaimingNormal(module.weight, { mode: 'fanOut', nonlinearity: 'relu' });
      else if (module instanceof BatchNorm2d) module.resetParameters();
    }
  }

  forward(input: Tensor): Tensor {
    let x = this.maxpool.call(this.relu.call(this.bn1.call(this.conv1.call(input))));
    x = this.layer4.call(this.layer3.call(this.layer2.call(this.layer1.call(x))));
    return this.fc.call(this.avgpool.call(x).flatten(1));
  }
}

/** ResNet-18: [2, 2, 2, 2] basic blocks, 11,689,512 parameters. */
export function resnet18(options: { numClasses?: number } = {}, ...extra: never[]): ResNet {
  refuseExtraArguments('resnet18', ['options'], extra);
  return new ResNet([2, 2, 2, 2], options);
}
/** ResNet-34: [3, 4, 6, 3] basic blocks, 21,797,672 parameters. */
export function resnet34(options: { numClasses?: number } = {}, ...extra: never[]): ResNet {
  refuseExtraArguments('resnet34', ['options'], extra);
  return new ResNet([3, 4, 6, 3], options);
}
