import { isModule, type Module } from '@dl/nn';
import type { Tensor } from '@dl/tensor';

/** A critic/discriminator: a module called with one batch, or any function of a batch (close over labels for a conditional one). */
export type Critic = Module | ((batch: Tensor) => Tensor);

export function scoreWith(critic: Critic, batch: Tensor): Tensor {
  if (isModule(critic)) return (critic as unknown as { call(batch: Tensor): Tensor }).call(batch);
  return critic(batch);
}
