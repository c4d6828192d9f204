import { checkOptions, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { AvgPool2d } from '../layers/avg-pool2d.js';
import { Conv2d } from '../layers/conv2d.js';
import { Linear } from '../layers/linear.js';
import { MaxPool2d } from '../layers/max-pool2d.js';
import { Module } from '../module/module.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

export interface LeNet5Options {
  numClasses?: number;
  /** 'sigmoid' (the 1998 network, default) or 'relu' (trains faster). */
  activation?: 'sigmoid' | 'relu';
  /** 'avg' (default, as the original subsampling) or 'max'. */
  pooling?: 'avg' | 'max';
}

/**
 * LeNet-5 (LeCun et al., 1998) for 1×28×28 images: conv 5×5 (6, padding 2) → pool 2 → conv 5×5 (16)
 * → pool 2 → 400 → 120 → 84 → classes. 61,706 parameters with 10 classes.
 * Names: conv1, conv2, fc1, fc2, fc3.
 * @example
 * const model = new LeNet5();
 * model.call(zeros([1, 1, 28, 28])).shape; // [1, 10]
 */
export class LeNet5 extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  conv1 = new Conv2d(1, 6, 5, { padding: 2 });
  pool1: Module;
  conv2 = new Conv2d(6, 16, 5);
  pool2: Module;
  fc1 = new Linear(16 * 5 * 5, 120);
  fc2 = new Linear(120, 84);
  fc3: Linear;
  readonly activation: 'sigmoid' | 'relu';

  constructor(options: LeNet5Options = {}, ...extra: never[]) {
    checkOptions('LeNet5', options, ['numClasses', 'activation', 'pooling']);
    super();
    if (extra.length > 0) refuseExtraArguments('LeNet5', ['options'], extra);
    this.activation = options.activation ?? 'sigmoid';
    const pool = () => (options.pooling === 'max' ? new MaxPool2d(2) : new AvgPool2d(2));
    this.pool1 = pool();
    this.pool2 = pool();
    this.fc3 = new Linear(84, options.numClasses ?? 10);
  }

  forward(input: Tensor): Tensor {
    const act = (x: Tensor) => (this.activation === 'relu' ? x.relu() : x.sigmoid());
    let x = (this.pool1 as AvgPool2d).call(act(this.conv1.call(input)));
    x = (this.pool2 as AvgPool2d).call(act(this.conv2.call(x)));
    x = act(this.fc1.call(x.flatten(1)));
    x = act(this.fc2.call(x));
    return this.fc3.call(x);
  }
}
