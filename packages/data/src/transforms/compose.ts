import { applyTransform, Transform, type TransformLike } from './transform.js';

/**
 * Transforms applied one after another (torchvision's `Compose`).
 * @example
 * const transform = new Compose([new ToTensor(), new Normalize([0.5], [0.5])]);
 * const x = transform.forward({ data: pixels, height: 28, width: 28, channels: 1 });
 */
export class Compose<Input = any, Output = any> extends Transform<Input, Output> {
  constructor(readonly transforms: readonly TransformLike<any, any>[]) {
    super();
  }

  forward(input: Input): Output {
    return this.transforms.reduce((value, transform) => applyTransform(transform, value), input as unknown) as Output;
  }
}

/**
 * A function as a transform (torchvision's `Lambda`).
 * @example
 * const invert = new Lambda((x: Tensor) => x.neg().add(1));
 */
export class Lambda<Input = any, Output = any> extends Transform<Input, Output> {
  constructor(readonly lambda: (input: Input) => Output) {
    super();
  }

  forward(input: Input): Output {
    return this.lambda(input);
  }
}
