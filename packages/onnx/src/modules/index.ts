import { activationMappings } from './activation-mappings.js';
import {
  conv1dMapping,
  conv2dMapping,
  conv3dMapping,
  convTranspose1dMapping,
  convTranspose2dMapping,
  convTranspose3dMapping,
} from './convolution-mappings.js';
import { linearMapping } from './linear-mapping.js';
import { lpPoolMapping } from './lp-pool-mapping.js';
import type { ModuleMapping } from './module-mapping.js';
import { batchNormMapping, instanceNormMapping } from './normalization-mappings.js';
import { paddingMapping } from './padding-mapping.js';
import { passthroughMappings } from './passthrough-mappings.js';
import {
  adaptiveAvgPool2dMapping,
  adaptiveAvgPool3dMapping,
  avgPool2dMapping,
  avgPool3dMapping,
  maxPool2dMapping,
  maxPool3dMapping,
} from './pooling-mappings.js';
import { adaptiveAvgPool1dMapping, avgPool1dMapping, maxPool1dMapping } from './pooling1d-mappings.js';
import { recurrentMapping } from './recurrent-mapping.js';
import { upsampleMapping } from './upsample-mapping.js';

/**
 * Layers mapped whole. Every other module (containers, Flatten, LayerNorm, GroupNorm, GELU, user
 * models) is traced through the primitives its forward runs.
 */
export const moduleMappings: ModuleMapping[] = [
  linearMapping,
  conv1dMapping,
  conv2dMapping,
  conv3dMapping,
  convTranspose2dMapping,
  convTranspose1dMapping,
  convTranspose3dMapping,
  maxPool2dMapping,
  avgPool2dMapping,
  adaptiveAvgPool2dMapping,
  maxPool3dMapping,
  avgPool3dMapping,
  adaptiveAvgPool3dMapping,
  maxPool1dMapping,
  avgPool1dMapping,
  adaptiveAvgPool1dMapping,
  lpPoolMapping,
  instanceNormMapping,
  batchNormMapping,
  recurrentMapping,
  paddingMapping,
  upsampleMapping,
  ...activationMappings,
  ...passthroughMappings,
];
