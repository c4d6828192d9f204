import { describeValue } from '@dl/tensor';

/** Depth of open `skipInit` calls; initialisers leave tensors untouched while it is positive. */
let skipping = 0;

/**
 * Builds modules without running their initialisers (PyTorch's `torch.nn.utils.skip_init`): weights
 * stay zero. For counting parameters or reading state-dict names of big models, or before loading a
 * checkpoint that overwrites every weight anyway.
 * @example
 * const vgg = skipInit(() => vgg16());
 * vgg.loadStateDict(weights);
 */
export function skipInit<T>(build: () => T): T {
  if (typeof build !== 'function')
    throw new Error(`skipInit: build must be a function (skipInit(() => new Model())), got ${describeValue(build)}`);
  skipping++;
  try {
    return build();
  } finally {
    skipping--;
  }
}

/** Whether initialisers are currently skipped. */
export function isInitSkipped(): boolean {
  return skipping > 0;
}
