import { refuseArgumentsPast } from '../core/options.js';
import { scope } from '../core/scope.js';
import { formatShape, shapesEqual } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { onesLike } from '../ops/creation.js';
import { runBackward, type BackwardOptions } from './engine.js';
import { asList } from './tensor-list.js';

function seedFor(operation: string, output: Tensor, gradient: Tensor | undefined): Tensor {
  if (!output.requiresGrad) throw new Error(`${operation}: element 0 of tensors does not require grad and does not have a grad_fn`);
  if (gradient === undefined) {
    if (output.numel() !== 1)
      throw new Error(
        `${operation}: grad can be implicitly created only for scalar outputs (got shape ${formatShape(output.shape)}); pass a gradient`,
      );
    return onesLike(output);
  }
  if (!shapesEqual(gradient.shape, output.shape))
    throw new Error(
      `${operation}: mismatch in shape: gradient has shape ${formatShape(gradient.shape)} and output has shape ${formatShape(output.shape)}`,
    );
  return gradient;
}

/**
 * `output.backward(gradient?)`. The implicit seed (ones) is created inside a scope, so it is freed
 * afterwards unless it became a `.grad` (kept) — a scalar loss's seed is not left to the collector.
 */
export function backward(output: Tensor, gradient: Tensor | undefined, options: BackwardOptions): void {
  scope(() => void runBackward([output], [seedFor('backward', output, gradient)], options));
}

export interface GradOptions extends BackwardOptions {
  /** Seeds for non-scalar outputs (PyTorch's grad_outputs). */
  gradOutputs?: (Tensor | undefined)[];
  /** Return null for inputs the outputs do not depend on, instead of throwing. */
  allowUnused?: boolean;
}

/**
 * Gradients of `outputs` with respect to `inputs`, returned rather than accumulated in `.grad`
 * (torch.autograd.grad). With `createGraph` the results are differentiable again.
 * @example
 * const x = tensor([3], { requiresGrad: true });
 * const [dy] = grad(x.pow(3), [x], { createGraph: true }); // 3x² = 27
 * const [d2y] = grad(dy!, [x]);                            // 6x = 18
 */
export function grad(outputs: Tensor | Tensor[], inputs: Tensor | Tensor[], options: GradOptions = {}): (Tensor | null)[] {
  if (arguments.length > 3) refuseArgumentsPast('grad', ['outputs', 'inputs', 'options'], arguments);
  const [, outputList] = asList(outputs, 'outputs', 'grad');
  const [, inputList] = asList(inputs, 'inputs', 'grad');
  for (const input of inputList) if (!input.requiresGrad) throw new Error('grad: one of the differentiated Tensors does not require grad');
  // the implicit seeds (ones) are freed with the pass; the gradients escape as the scope's result
  const captured = scope(() => {
    const seeds = outputList.map((output, index) => seedFor('grad', output, options.gradOutputs?.[index]));
    return runBackward(outputList, seeds, options, inputList);
  }, 'the end of grad()');
  return inputList.map((input, index) => {
    const value = captured.get(input.gradFn ?? input) ?? null;
    if (value === null && !options.allowUnused)
      throw new Error(
        `grad: one of the differentiated Tensors (input ${index}) appears to not have been used in the graph; pass allowUnused: true`,
      );
    return value;
  });
}
