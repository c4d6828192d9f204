import { checkOptions, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { ReLU } from '../activations/relu.js';
import { Sequential } from '../containers/sequential.js';
import { AdaptiveAvgPool2d } from '../layers/adaptive-avg-pool2d.js';
import { Conv2d } from '../layers/conv2d.js';
import { Dropout } from '../layers/dropout.js';
import { Linear } from '../layers/linear.js';
import { MaxPool2d } from '../layers/max-pool2d.js';
import { Module } from '../module/module.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * AlexNet (Krizhevsky et al., 2012) as torchvision's `alexnet`: features (5 convolutions, 3 max
 * pools) → adaptive average pool 6×6 → classifier (dropout, 9216 → 4096 → 4096 → classes).
 * 61,100,840 parameters with 1000 classes; state-dict names as torchvision (`features.0.weight`,
 * `classifier.6.bias`). Input [N, 3, 224, 224] (any size ≥ 63).
 * @example
 * const model = skipInit(() => new AlexNet());
 * model.loadStateDict(torchvisionWeights);
 */
export class AlexNet extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  features = new Sequential(
    new Conv2d(3, 64, 11, { stride: 4, padding: 2 }),
    new ReLU(),
    new MaxPool2d(3, { stride: 2 }),
    new Conv2d(64, 192, 5, { padding: 2 }),
    new ReLU(),
    new MaxPool2d(3, { stride: 2 }),
    new Conv2d(192, 384, 3, { padding: 1 }),
    new ReLU(),
    new Conv2d(384, 256, 3, { padding: 1 }),
    new ReLU(),
    new Conv2d(256, 256, 3, { padding: 1 }),
    new ReLU(),
    new MaxPool2d(3, { stride: 2 }),
  );
  avgpool = new AdaptiveAvgPool2d([6, 6]);
  classifier: Sequential;

  constructor(options: { numClasses?: number; dropout?: number } = {}, ...extra: never[]) {
    checkOptions('AlexNet', options, ['numClasses', 'dropout']);
    super();
    if (extra.length > 0) refuseExtraArguments('AlexNet', ['options'], extra);
    const p = options.dropout ?? 0.5;
    this.classifier = new Sequential(
      new Dropout(p),
      new Linear(256 * 6 * 6, 4096),
      new ReLU(),
      new Dropout(p),
      new Linear(4096, 4096),
      new ReLU(),
      new Linear(4096, options.numClasses ?? 1000),
    );
  }

  forward(input: Tensor): Tensor {
    return this.classifier.call(this.avgpool.call(this.features.call(input)).flatten(1));
  }
}
