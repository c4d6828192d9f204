import { empty, Tensor, type DType } from '@dl/tensor';
import { buffer, parameter } from './parameter.js';

/** Where a placeholder keeps the name of what it stands for (`LazyLinear.weight`), for its errors. */
const ownerKey = Symbol('uninitializedOwner');

type Placeholder = Tensor & { [ownerKey]: string };

/**
 * The class of a placeholder tensor (PyTorch's UninitializedParameter / UninitializedBuffer): every
 * read goes through `assertAlive`, so overriding it turns each read, copy or save into an error that
 * names the module. A placeholder is made as an ordinary empty tensor and given this prototype;
 * `materialize` gives it `Tensor`'s back, as torch swaps `__class__` to `Parameter`.
 */
class UninitializedTensor extends Tensor {
  override assertAlive(operation: string): void {
    throw new Error(
      `${operation}: ${(this as unknown as Placeholder)[ownerKey]} is not initialized yet: a lazy module infers its shape from its ` +
        'first input. Call the module once (on a sample batch) or load a state dict before reading, copying or saving it',
    );
  }

  override toString(): string {
    return `<uninitialized ${(this as unknown as Placeholder)[ownerKey]}>`;
  }

  /** Another placeholder handle: torch's state_dict lists uninitialized entries, and `Module.to` detaches what it moves. */
  override detach(): Tensor {
    return markPlaceholder(new Tensor(this.storage, this.shape, this.strides, this.offset), this);
  }

  /**
   * Itself when nothing changes, else a placeholder on the target device or with the target dtype
   * (torch moves uninitialized parameters too): `model.to('webgpu')` may come before the first call.
   * The move is made by an empty tensor, which has no values to read.
   */
  override to(...target: Parameters<Tensor['to']>): Tensor {
    const stand = empty([0], { device: this.device, dtype: this.dtype });
    const moved = stand.to(...target);
    if (moved !== stand) stand.dispose();
    if (moved.device === this.device && moved.dtype === this.dtype) {
      moved.dispose();
      return this;
    }
    return markPlaceholder(moved, this);
  }
}

/** Makes `tensor` a placeholder for what `like` stands for. */
function markPlaceholder(tensor: Tensor, like: Tensor): Tensor {
  return placeholderFor(tensor, (like as unknown as Placeholder)[ownerKey]);
}

function placeholderFor(tensor: Tensor, owner: string): Tensor {
  Object.defineProperty(tensor, ownerKey, { value: owner, configurable: true });
  return Object.setPrototypeOf(tensor, UninitializedTensor.prototype) as Tensor;
}

/** Where a placeholder is made: the device and dtype its values will have. */
export interface PlaceholderFactory {
  /** Device of the future values. Required. */
  device: string;
  /** dtype of the future values. Required. */
  dtype: DType;
}

function placeholder(owner: string, factory: PlaceholderFactory): Tensor {
  return placeholderFor(empty([0], factory), owner);
}

/**
 * A parameter whose shape is not known yet (PyTorch's UninitializedParameter), named `owner` in
 * errors (`'LazyLinear.weight'`). `Module.parameters()` lists it, so an optimizer may be built
 * before the first call; `materialize` later gives the same object its values.
 * @example
 * this.weight = uninitializedParameter('MyLazyLayer.weight', { device: 'cpu', dtype: 'float32' });
 */
export function uninitializedParameter(owner: string, factory: PlaceholderFactory): Tensor {
  return parameter(placeholder(owner, factory));
}

/**
 * A buffer whose shape is not known yet (PyTorch's UninitializedBuffer), such as a lazy batch norm's
 * running statistics; see `uninitializedParameter`.
 * @example
 * this.registerBuffer('running_mean', uninitializedBuffer('MyLazyNorm.running_mean', { device: 'cpu', dtype: 'float32' }));
 */
export function uninitializedBuffer(owner: string, factory: PlaceholderFactory): Tensor {
  return buffer(placeholder(owner, factory));
}

/**
 * Whether `value` is a parameter or buffer still waiting for its shape (PyTorch's
 * `torch.nn.parameter.is_lazy`).
 * @example
 * isUninitialized(new LazyLinear(3).weight); // true until the first call
 */
export function isUninitialized(value: unknown): boolean {
  return value instanceof UninitializedTensor;
}

/**
 * Gives the placeholder `tensor` values of `shape` (uninitialised memory, on its device and with its
 * dtype) in place, as PyTorch's `UninitializedParameter.materialize`: the object stays the same, so
 * an optimizer that already holds it trains the values.
 */
export function materialize(tensor: Tensor, shape: readonly number[]): void {
  if (!isUninitialized(tensor)) throw new Error('materialize: the tensor is already initialized');
  const values = empty([...shape], { device: tensor.device, dtype: tensor.dtype });
  tensor.replaceData(values);
  values.dispose();
  Object.setPrototypeOf(tensor, Tensor.prototype);
  delete (tensor as unknown as Partial<Placeholder>)[ownerKey];
}
