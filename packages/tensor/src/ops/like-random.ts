import { refuseArgumentsPast } from '../core/options.js';
import type { Tensor } from '../core/tensor.js';
import { likeArguments, type CreationOptions } from './creation.js';
import { rand, randn } from './random.js';

export function randLike(x: Tensor, options: CreationOptions = {}) {
  if (arguments.length > 2) refuseArgumentsPast('randLike', ['x', 'options'], arguments);
  return rand(...likeArguments('randLike', x, options));
}
export function randnLike(x: Tensor, options: CreationOptions = {}) {
  if (arguments.length > 2) refuseArgumentsPast('randnLike', ['x', 'options'], arguments);
  return randn(...likeArguments('randnLike', x, options));
}
