import type { Tensor } from '../core/tensor.js';
import type { CreationOptions } from './creation.js';
import { rand, randn } from './random.js';

const likeOptions = (x: Tensor, options: CreationOptions): CreationOptions => ({
  dtype: options.dtype ?? x.dtype,
  device: options.device ?? x.device,
  requiresGrad: options.requiresGrad,
});

export const randLike = (x: Tensor, options: CreationOptions = {}) => rand(x.shape, likeOptions(x, options));
export const randnLike = (x: Tensor, options: CreationOptions = {}) => randn(x.shape, likeOptions(x, options));
