import type { Tensor } from '../core/tensor.js';
import { likeOptions, type CreationOptions } from './creation.js';
import { rand, randn } from './random.js';

export const randLike = (x: Tensor, options: CreationOptions = {}) => rand(x.shape, likeOptions('randLike', x, options));
export const randnLike = (x: Tensor, options: CreationOptions = {}) => randn(x.shape, likeOptions('randnLike', x, options));
