import { logSigmoid } from './composed-activations.js';

// Functions that torch.nn.functional spells otherwise than the camelCase of their name here, under
// torch's spelling too, so that code ported from PyTorch runs unchanged.

/**
 * log σ(x) = min(x, 0) − log(1 + e^−|x|), torch.nn.functional.logsigmoid's spelling of F.logSigmoid.
 * @example
 * F.logsigmoid(tensor([0])); // [−0.6931]
 */
export const logsigmoid: typeof logSigmoid = logSigmoid;
