import { checkBoolean, checkInteger, checkNumber, describeValue, type Tensor } from '@dl/tensor';
import { gelu, relu } from '../functional/activation.js';
import { isModule, type Module } from '../module/module.js';
import type { FactoryOptions } from './shared.js';

/** The feed-forward block's activation: torch's 'relu' or 'gelu', a function, or an activation module. */
export type TransformerActivation = 'relu' | 'gelu' | ((x: Tensor) => Tensor) | Module;

/** What a Transformer encoder or decoder layer is built with (torch's arguments after d_model and nhead). */
export interface TransformerLayerOptions extends FactoryOptions {
  /** Width of the feed-forward block. Default 2048. */
  dimFeedforward?: number;
  /** Dropout probability after attention, inside and after the feed-forward block. Default 0.1. */
  dropout?: number;
  /** The feed-forward activation. Default 'relu'. */
  activation?: TransformerActivation;
  /** The layer norms' ε. Default 1e-5. */
  layerNormEps?: number;
  /** Inputs and outputs are [N, L, E] rather than [L, N, E]. Default false. */
  batchFirst?: boolean;
  /** Normalise before each block (pre-norm) rather than after the residual sum (post-norm). Default false. */
  normFirst?: boolean;
}

/** torch's positional order of those arguments. */
export const layerPositionals = ['dimFeedforward', 'dropout', 'activation', 'layerNormEps', 'batchFirst', 'normFirst'] as const;

/** The checked settings of a layer, with torch's defaults. */
export function layerSettings(owner: string, options: TransformerLayerOptions) {
  return {
    dimFeedforward: checkInteger(owner, 'dimFeedforward', options.dimFeedforward ?? 2048),
    dropout: checkNumber(owner, 'dropout', options.dropout ?? 0.1),
    activation: activationOf(owner, options.activation ?? 'relu'),
    layerNormEps: checkNumber(owner, 'layerNormEps', options.layerNormEps ?? 1e-5),
    batchFirst: checkBoolean(owner, 'batchFirst', options.batchFirst ?? false),
    normFirst: checkBoolean(owner, 'normFirst', options.normFirst ?? false),
    factory: { device: options.device, dtype: options.dtype },
  };
}

/** The activation as a callable or a module (a module becomes the layer's child `activation`, as in torch). */
function activationOf(owner: string, activation: unknown): ((x: Tensor) => Tensor) | Module {
  if (activation === 'relu') return relu;
  if (activation === 'gelu') return gelu;
  if (typeof activation === 'function' || isModule(activation)) return activation as ((x: Tensor) => Tensor) | Module;
  throw new Error(`${owner}: activation should be 'relu', 'gelu', a function or a module, got ${describeValue(activation)}`);
}

/** Applies a layer's activation, a function or a module. */
export function activate(activation: ((x: Tensor) => Tensor) | Module, x: Tensor): Tensor {
  return isModule(activation) ? (activation as Module & { call(x: Tensor): Tensor }).call(x) : (activation as (x: Tensor) => Tensor)(x);
}
