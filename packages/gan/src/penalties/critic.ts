import { isModule, type Module } from '@dl/nn';
import { describeValue, type Tensor } from '@dl/tensor';

/** A critic/discriminator: a module called with one batch, or any function of a batch (close over labels for a conditional one). */
export type Critic = Module | ((batch: Tensor) => Tensor);

/** A critic is a module or a function of a batch: anything else is named for `caller` before it is called. */
export function checkCritic(caller: string, name: string, critic: unknown): void {
  if (!isModule(critic) && typeof critic !== 'function')
    throw new Error(`${caller}: ${name} must be a module or a function of a batch, got ${describeValue(critic)}`);
}

export function scoreWith(critic: Critic, batch: Tensor): Tensor {
  if (isModule(critic)) return (critic as unknown as { call(batch: Tensor): Tensor }).call(batch);
  return critic(batch);
}
