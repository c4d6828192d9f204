import type { Tensor } from '@dl/tensor';
import type { Module } from '../module/module.js';
import { applyPruning, checkShapeOf } from './pruned-parameter.js';

/**
 * Prunes `name` with a mask you give (of the parameter's shape; bool or numbers, zeros prune), as
 * torch's `prune.custom_from_mask`; pruning again multiplies it into the current mask. Returns the
 * module.
 * @example
 * prune.customFromMask(layer, 'bias', tensor([0, 1, 0, 1]));
 */
export function customFromMask<M extends Module>(module: M, name: string, mask: Tensor): M {
  const owner = 'prune.customFromMask';
  return applyPruning(owner, module, name, (target) => {
    checkShapeOf(owner, 'mask', mask, target.mask, name);
    // torch's CustomFromMask: default_mask · mask, in the default mask's dtype
    return target.mask.mul(mask.to(target.mask.dtype));
  });
}
