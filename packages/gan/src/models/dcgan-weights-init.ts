import { BatchNormBase, ConvolutionBase, init, type Module } from '@dl/nn';
import type { Tensor } from '@dl/tensor';

/**
 * DCGAN's initialisation (PyTorch's DCGAN example `weights_init`): the weights of every convolution
 * and transposed convolution, 1-d, 2-d or 3-d (the example matches any class name containing 'Conv')
 * ~ N(0, 0.02) (biases untouched); BatchNorm weights ~ N(1, 0.02), biases 0.
 * Other modules are left as they are. Use with `apply`, which visits every submodule.
 * @example
 * const generator = new DcganGenerator().apply(dcganWeightsInit);
 */
export function dcganWeightsInit(module: Module): void {
  if (module instanceof ConvolutionBase) {
    // a spectral-normalised convolution keeps its trained weight in `weight_orig`
    const original = (module as unknown as Record<string, Tensor | undefined>).weight_orig;
    init.normal(original ?? module.weight, 0, 0.02);
  } else if (module instanceof BatchNormBase) {
    if (module.weight) init.normal(module.weight, 1, 0.02);
    if (module.bias) init.zeros(module.bias);
  }
}
