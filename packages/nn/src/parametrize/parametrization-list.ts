import { describeValue, isTensor, noGrad, type Tensor } from '@dl/tensor';
import { Module } from '../module/module.js';
import { isParameter } from '../module/parameter.js';

/**
 * A parametrization: a module whose `forward` maps the unconstrained tensor to the value the host
 * module sees (torch's parametrization module). The optional `rightInverse(value)` maps a value back
 * to an unconstrained tensor: `registerParametrization` uses it to initialise the original, and an
 * assignment `module[name] = value` needs it on every parametrization of the chain.
 */
export interface Parametrization extends Module {
  forward(value: Tensor): Tensor;
  rightInverse?(value: Tensor): Tensor;
}

function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/**
 * Throws unless `value`, what a parametrization computed from a tensor of `shape` and `dtype`, is a
 * tensor of that shape and dtype (torch's checks of a safe parametrization: f maps the space of the
 * unparametrized tensor into itself). `what` names the value in the message.
 */
export function checkSameSpace(owner: string, what: string, value: unknown, shape: readonly number[], dtype: string): Tensor {
  if (!isTensor(value)) throw new Error(`${owner}: ${what} must be a tensor, got ${describeValue(value)}`);
  if (value.dtype !== dtype)
    throw new Error(
      `${owner}: registering a parametrization may not change the dtype of the tensor, unless the unsafe option is true; unparametrized dtype ${dtype}, ${what} has dtype ${value.dtype}`,
    );
  const sameShape = value.ndim === shape.length && value.shape.every((extent, axis) => extent === shape[axis]);
  if (!sameShape)
    throw new Error(
      `${owner}: registering a parametrization may not change the shape of the tensor, unless the unsafe option is true; unparametrized shape ${formatShape(shape)}, ${what} has shape ${formatShape(value.shape)}`,
    );
  return value;
}

/**
 * Makes `original` hold `value` in place (torch's `original.set_(value)`): the same tensor object, so
 * whatever holds it (an optimizer built earlier, a state-dict entry) sees the new data, even of
 * another shape. The dtype must stay: the state dict and optimizers rely on it.
 */
function setData(owner: string, original: Tensor, value: unknown): void {
  if (!isTensor(value)) throw new Error(`${owner}: rightInverse must return a tensor, got ${describeValue(value)}`);
  if (value.dtype !== original.dtype)
    throw new Error(
      `${owner}: rightInverse may not change the dtype: the original has dtype ${original.dtype}, rightInverse returned ${value.dtype}`,
    );
  if (value !== original) original.replaceData(value.detach());
}

/**
 * The chain of parametrizations of one tensor (torch's `ParametrizationList`), held by the host module
 * under `parametrizations.<name>`: the unconstrained tensor is its parameter (or buffer) `original`,
 * the parametrizations its children `0`, `1`, … and calling it computes p_k(…p_1(p_0(original))).
 * State-dict keys are torch's: `parametrizations.weight.original`, `parametrizations.weight.0.…`.
 */
export class ParametrizationList extends Module {
  /** Whether the registration checks (shape and dtype kept) were skipped for one of the parametrizations. */
  unsafe: boolean;
  /** The unconstrained tensor: the host's former parameter or buffer object itself. */
  declare readonly original: Tensor;

  /**
   * Registers `first` and the original (torch's constructor): when `first` has a `rightInverse`, the
   * original takes `rightInverse(original)` in place, so it stays the same tensor object; unless
   * `unsafe`, p_0(original) must have the original's shape and dtype.
   */
  constructor(first: Parametrization, original: Tensor, unsafe: boolean) {
    super();
    this.unsafe = unsafe;
    this.registerModule('0', first);
    const { shape, dtype } = original;
    const owner = 'parametrize.registerParametrization';
    if (first.rightInverse) noGrad(() => setData(owner, original, first.rightInverse!(original)));
    if (isParameter(original)) this.registerParameter('original', original);
    else this.registerBuffer('original', original);
    if (!unsafe) checkSameSpace(owner, 'the parametrized value', (this as ParametrizationList).call(), shape, dtype);
  }

  /** The parametrizations, in the order they apply. */
  parametrizations(): Parametrization[] {
    const chain: Parametrization[] = [];
    for (let index = 0; this.getField(String(index)) !== undefined; index++) chain.push(this.getField(String(index)) as Parametrization);
    return chain;
  }

  /** Adds `parametrization` at the end of the chain (applied to what the others compute). */
  append(parametrization: Parametrization): void {
    this.registerModule(String(this.parametrizations().length), parametrization);
  }

  /** p_k(…p_1(p_0(original))), each parametrization run with `call` (its hooks run, as torch's). */
  forward(): Tensor {
    let value = this.original;
    for (const parametrization of this.parametrizations()) {
      value = parametrization.call(value);
      if (!isTensor(value))
        throw new Error(`${parametrization.constructor.name}: a parametrization must return a tensor, got ${describeValue(value)}`);
    }
    return value;
  }

  /**
   * Makes the chain compute `value` (torch's `ParametrizationList.right_inverse`, run by an assignment
   * `module[name] = value`): the original takes rightInverse_0(…rightInverse_k(value)) in place. Every
   * parametrization must have a `rightInverse`.
   */
  assign(value: Tensor, owner: string): void {
    noGrad(() => {
      let unconstrained = value;
      for (const parametrization of this.parametrizations().reverse()) {
        if (!parametrization.rightInverse)
          throw new Error(`${owner}: parametrization ${parametrization.constructor.name} does not implement rightInverse`);
        unconstrained = parametrization.rightInverse(unconstrained);
      }
      setData(owner, this.original, unconstrained);
    });
  }
}
