import { describeValue, readArguments, scope } from '@dl/tensor';
import { applyTransform, Transform, type TransformLike } from './transform.js';

/** What freed a stage's result, for the use-after-free error (a constant: stored, not formatted). */
const PIPELINE_END = 'the end of Compose.forward (Compose frees what its transforms create and it does not return)';

/**
 * Transforms applied one after another (torchvision's `Compose`).
 * @example
 * const transform = new Compose([new ToTensor(), new Normalize([0.5], [0.5])]);
 * const x = transform.forward({ data: pixels, height: 28, width: 28, channels: 1 });
 */
export class Compose<Input = any, Output = any> extends Transform<Input, Output> {
  constructor(transforms: readonly TransformLike<any, any>[]);
  constructor(
    readonly transforms: readonly TransformLike<any, any>[],
    ...rest: unknown[]
  ) {
    super();
    readArguments('Compose', rest, [], []); // torchvision's Compose(transforms) takes nothing else
  }

  /**
   * Runs the transforms in order in a scope, as `Module.call` runs `forward`: each stage's result is
   * released once the pipeline returns (torch frees it as soon as the next stage has read it), so a
   * transform that must hold a tensor it made keeps it with `keep(t)`.
   */
  forward(input: Input): Output {
    return scope(
      () => this.transforms.reduce((value, transform) => applyTransform(transform, value), input as unknown) as Output,
      PIPELINE_END,
    );
  }
}

/**
 * A function as a transform (torchvision's `Lambda`).
 * @example
 * const invert = new Lambda((x: Tensor) => x.neg().add(1));
 */
export class Lambda<Input = any, Output = any> extends Transform<Input, Output> {
  constructor(lambda: (input: Input) => Output);
  constructor(
    readonly lambda: (input: Input) => Output,
    ...rest: unknown[]
  ) {
    super();
    readArguments('Lambda', rest, [], []);
    if (typeof lambda !== 'function') throw new Error(`Lambda: expects a function, got ${describeValue(lambda)}`);
  }

  forward(input: Input): Output {
    return this.lambda(input);
  }
}
