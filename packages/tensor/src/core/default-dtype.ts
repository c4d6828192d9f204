import { refuseArgumentsPast } from './options.js';
import type { DType } from './dtype.js';
import { sharedState } from './shared-state.js';

// torch's default floating-point dtype: what factories make without a dtype (zeros, rand, tensor of
// fractional numbers, the parameters of a new layer) and what integers become where an op needs a
// float (sqrt of an int32 tensor, true division, an int32 tensor times 2.5). One per process, shared
// by every copy of @dl/tensor as the generator is.

/** The dtypes that may be the default (torch also allows half precision; here float16 is storage-only). */
export type DefaultDType = 'float32' | 'float64';

const state = sharedState('default-dtype@1', (): { dtype: DefaultDType } => ({ dtype: 'float32' }));

/**
 * The default floating-point dtype (torch.get_default_dtype): 'float32' unless `setDefaultDtype` chose
 * 'float64'.
 * @example
 * getDefaultDtype(); // 'float32'
 */
export function getDefaultDtype(): DefaultDType {
  if (arguments.length > 0) refuseArgumentsPast('getDefaultDtype', [], arguments);
  return state.dtype;
}

/**
 * Sets the default floating-point dtype (torch.set_default_dtype): factories without a dtype and
 * integer-to-float promotions then give it, and new layers' parameters take it. A webgpu device has no
 * float64: keep the default float32 for models that run there.
 * @example
 * setDefaultDtype('float64');
 * zeros([2]).dtype; // 'float64'
 * new Linear(2, 3).weight.dtype; // 'float64'
 */
export function setDefaultDtype(dtype: DType): void {
  if (arguments.length > 1) refuseArgumentsPast('setDefaultDtype', ['dtype'], arguments);
  if (dtype !== 'float32' && dtype !== 'float64')
    throw new Error(
      `setDefaultDtype: only floating-point types are supported as the default type ('float32' or 'float64'), got '${String(dtype)}'`,
    );
  state.dtype = dtype;
}
