import { refuseArgumentsPast } from '../core/options.js';
import { floatTypeFor, isFloating } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { castTo } from './convert.js';
import { mul } from './elementwise.js';
import { checkLive } from '../core/tensor-arguments.js';

// torch's constants M_PI_180 and M_180_PI, as doubles
const RADIANS_PER_DEGREE = Math.PI / 180;
const DEGREES_PER_RADIAN = 180 / Math.PI;

function scaled(operation: string, x: Tensor, factor: number): Tensor {
  checkLive(operation, 'input', x);
  return composite(() => mul(isFloating(x.dtype) ? x : castTo(x, floatTypeFor(x.dtype)), factor));
}

/**
 * Degrees to radians, x·π/180 (torch.deg2rad); integer and bool inputs give float32.
 * @example
 * deg2rad(tensor([180, 90])); // [3.1416, 1.5708]
 */
export function deg2rad(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('deg2rad', ['x'], arguments);
  return scaled('deg2rad', x, RADIANS_PER_DEGREE);
}

/**
 * Radians to degrees, x·180/π (torch.rad2deg); integer and bool inputs give float32.
 * @example
 * rad2deg(tensor([Math.PI, 1])); // [180, 57.2958]
 */
export function rad2deg(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('rad2deg', ['x'], arguments);
  return scaled('rad2deg', x, DEGREES_PER_RADIAN);
}
