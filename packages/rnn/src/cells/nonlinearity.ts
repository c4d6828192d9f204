import type { RecurrentMode } from './recurrent-mode.js';

/** RNN's activation, checked: 'tanh' (the default) or 'relu'. */
export function rnnMode(moduleName: string, nonlinearity: 'tanh' | 'relu' | undefined): RecurrentMode {
  const value = nonlinearity ?? 'tanh';
  if (value !== 'tanh' && value !== 'relu')
    throw new Error(`${moduleName}: Unknown nonlinearity '${String(value)}'; expected 'tanh' or 'relu'`);
  return value === 'tanh' ? 'rnnTanh' : 'rnnRelu';
}

/** `, nonlinearity=relu` for a module's repr, nothing for the default. */
export function nonlinearityRepr(nonlinearity: 'tanh' | 'relu'): string {
  return nonlinearity === 'tanh' ? '' : `, nonlinearity=${nonlinearity}`;
}
