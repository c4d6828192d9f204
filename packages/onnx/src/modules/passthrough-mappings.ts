import { AlphaDropout, Dropout, Dropout1d, Dropout2d, Dropout3d, FeatureAlphaDropout } from '@dl/nn';
import { embeddingMapping } from './embedding-mapping.js';
import type { ModuleMapping } from './module-mapping.js';
import { singleTensorMapping } from './module-mapping.js';

/** The dropouts in eval mode are the identity: the output stands for the input's value, and no node is added. */
function identity(
  moduleClass: typeof Dropout | typeof Dropout1d | typeof Dropout2d | typeof Dropout3d | typeof AlphaDropout | typeof FeatureAlphaDropout,
): ModuleMapping {
  return singleTensorMapping(moduleClass, (context, _module, input, output) => context.bind(output, context.valueOf(input)));
}

export const passthroughMappings: ModuleMapping[] = [
  identity(Dropout),
  identity(Dropout2d),
  identity(Dropout1d),
  identity(Dropout3d),
  identity(AlphaDropout),
  identity(FeatureAlphaDropout),
  embeddingMapping,
];
