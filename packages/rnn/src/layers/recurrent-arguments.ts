import { readArguments } from '@dl/tensor';
import type { RecurrentLayerOptions } from './recurrent-layer.js';

/** PyTorch's positional order after (input_size, hidden_size) of LSTM (then proj_size) and GRU. */
const positionals = ['numLayers', 'bias', 'batchFirst', 'dropout', 'bidirectional'];
const common = [...positionals, 'device', 'dtype'];

/**
 * A recurrent layer's options from PyTorch's positionals (`new LSTM(8, 32, 2)`: two layers), an
 * options object, or positionals then options; RNN puts `nonlinearity` after `numLayers`, as torch.
 * @example
 * recurrentArguments('LSTM', [2, true, { batchFirst: true }], ['projSize']); // { numLayers: 2, bias: true, batchFirst: true }
 */
export function recurrentArguments<Options extends RecurrentLayerOptions>(
  moduleName: string,
  rest: readonly unknown[],
  extra: readonly string[],
): Options {
  // RNN puts nonlinearity after numLayers; LSTM has proj_size last (torch's eighth argument)
  const order =
    moduleName === 'RNN'
      ? ['numLayers', 'nonlinearity', ...positionals.slice(1)]
      : moduleName === 'LSTM'
        ? [...positionals, 'projSize']
        : positionals;
  return readArguments<Options>(moduleName, rest, order, [...common, ...extra]);
}
