import type { Tensor } from '../core/tensor.js';
import { likeArguments, type CreationOptions } from './creation.js';
import { rand, randn } from './random.js';

export const randLike = (x: Tensor, options: CreationOptions = {}) => rand(...likeArguments('randLike', x, options));
export const randnLike = (x: Tensor, options: CreationOptions = {}) => randn(...likeArguments('randnLike', x, options));
