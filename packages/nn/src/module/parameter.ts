import { checkBoolean, checkTensor, isTensor, refuseExtraArguments, type Tensor } from '@dl/tensor';

/** Brands read by `Module` when it walks its fields; `Symbol.for` so two copies of @dl/nn agree. */
export const parameterBrand: unique symbol = Symbol.for('@dl/nn.Parameter') as never;
export const bufferBrand: unique symbol = Symbol.for('@dl/nn.Buffer') as never;

/** A tensor a module trains: `requiresGrad` is on and `Module.parameters()` finds it. */
export type Parameter = Tensor;

/**
 * Marks `tensor` as a trainable parameter (PyTorch's `nn.Parameter`) and turns `requiresGrad` on
 * (unless `requiresGrad: false`, for frozen weights). Returns the same tensor object.
 * @example
 * class Scale extends Module {
 *   factor = parameter(ones([1]));
 *   forward(x: Tensor) { return x.mul(this.factor); }
 * }
 */
export function parameter(tensor: Tensor, requiresGrad = true, ...extra: never[]): Parameter {
  refuseExtraArguments('parameter', ['tensor', 'requiresGrad'], extra);
  checkBoolean('parameter', 'requiresGrad', requiresGrad);
  // the brand only, not alive-and-readable: a lazy module's placeholder becomes a parameter before it has values
  checkTensor('parameter', 'data', tensor);
  if (!tensor.isLeaf) tensor = tensor.detach();
  (tensor as unknown as Record<symbol, unknown>)[parameterBrand] = true;
  tensor.requiresGrad = requiresGrad;
  return tensor;
}

/** Whether `value` is a tensor marked by `parameter()`. */
export function isParameter(value: unknown): value is Parameter {
  return isTensor(value) && (value as unknown as Record<symbol, unknown>)[parameterBrand] === true;
}

/**
 * Marks `tensor` as a buffer: state that is saved in the state dict and moved by `to(device)` but
 * not trained (BatchNorm's running statistics). Returns the same tensor object.
 * @example
 * class Counter extends Module {
 *   steps = buffer(zeros([], { dtype: 'int32' }));
 * }
 */
export function buffer(tensor: Tensor, ...extra: never[]): Tensor {
  refuseExtraArguments('buffer', ['tensor'], extra);
  checkTensor('buffer', 'tensor', tensor);
  (tensor as unknown as Record<symbol, unknown>)[bufferBrand] = true;
  return tensor;
}

/** Whether `value` is a tensor marked by `buffer()` (or `Module.registerBuffer`). */
export function isBuffer(value: unknown): value is Tensor {
  return isTensor(value) && (value as unknown as Record<symbol, unknown>)[bufferBrand] === true;
}
