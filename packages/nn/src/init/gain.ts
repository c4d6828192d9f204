import { describeValue } from '@dl/tensor';
/** Nonlinearity names accepted by `calculateGain` (PyTorch's spelling, plus camelCase aliases). */
export type Nonlinearity =
  | 'linear'
  | 'conv1d'
  | 'conv2d'
  | 'conv3d'
  | 'conv_transpose1d'
  | 'conv_transpose2d'
  | 'conv_transpose3d'
  | 'convTranspose1d'
  | 'convTranspose2d'
  | 'convTranspose3d'
  | 'sigmoid'
  | 'tanh'
  | 'relu'
  | 'leaky_relu'
  | 'leakyRelu'
  | 'selu';

/**
 * The recommended gain for an initialiser followed by `nonlinearity` (torch.nn.init.calculate_gain):
 * 1 for linear/conv/sigmoid, 5/3 for tanh, √2 for relu, √(2 / (1 + slope²)) for leaky relu
 * (slope `param`, default 0.01), 3/4 for selu.
 * @example
 * calculateGain('relu');           // 1.4142…
 * calculateGain('leaky_relu', 0.2); // 1.3867…
 */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case 'linear':
    case 'conv1d':
    case 'conv2d':
    case 'conv3d':
    case 'conv_transpose1d':
    case 'conv_transpose2d':
    case 'conv_transpose3d':
    case 'convTranspose1d':
    case 'convTranspose2d':
    case 'convTranspose3d':
    case 'sigmoid':
      return 1;
    case 'tanh':
      return 5 / 3;
    case 'relu':
      return Math.SQRT2;
    case 'leaky_relu':
    case 'leakyRelu': {
      const slope = param ?? 0.01;
      if (!Number.isFinite(slope)) throw new Error(`calculateGain: negative_slope ${slope} not a valid number`);
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case 'selu':
      return 3 / 4; // empirical value from PyTorch, for self-normalising networks
    default:
      throw new Error(
        `calculateGain: unsupported nonlinearity ${describeValue(nonlinearity)}; expected one of 'linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'selu' (or the camelCase spellings)`,
      );
  }
}

/**
 * fan_in = shape[1]·receptive field, fan_out = shape[0]·receptive field, where the receptive field is
 * the product of shape[2:] (torch.nn.init._calculate_fan_in_and_fan_out). Needs at least 2 dims.
 */
export function calculateFanInAndFanOut(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length < 2)
    throw new Error(`init: fan in and fan out can not be computed for a tensor with fewer than 2 dimensions, got [${shape.join(', ')}]`);
  const receptiveField = shape.slice(2).reduce((product, extent) => product * extent, 1);
  return { fanIn: shape[1]! * receptiveField, fanOut: shape[0]! * receptiveField };
}
