import { refuseArgumentsPast } from '../core/options.js';
import { sharedState } from '../core/shared-state.js';
import { enableGrad, noGrad } from './grad-mode.js';

/** grad-mode.ts's process-wide mode, reached through the same shared slot (its layout `@1`). */
const mode = sharedState('gradMode@1', () => ({ enabled: true }));

/**
 * Turns graph recording on or off (torch.set_grad_enabled). With a body, as torch's context-manager
 * form (`with torch.set_grad_enabled(mode):`), it runs the body in that mode and restores the previous
 * one afterwards (`enableGrad` or `noGrad`, async bodies included); without one, as the function form,
 * it sets the mode until it is set again.
 * @example
 * setGradEnabled(false); // as torch.set_grad_enabled(False)
 * const y = setGradEnabled(isTraining, () => model.forward(x));
 */
export function setGradEnabled(enabled: boolean): void;
export function setGradEnabled<T>(enabled: boolean, body: () => T): T;
export function setGradEnabled<T>(enabled: boolean, body?: () => T): T | undefined {
  if (arguments.length > 2) refuseArgumentsPast('setGradEnabled', ['enabled', 'body'], arguments);
  if (typeof enabled !== 'boolean') throw new Error(`setGradEnabled: mode must be true or false, got ${String(enabled)}`);
  if (body === undefined) {
    mode.enabled = enabled;
    return undefined;
  }
  if (typeof body !== 'function') throw new Error('setGradEnabled: the body must be a function');
  return enabled ? enableGrad(body) : noGrad(body);
}

/**
 * Runs `body` in inference mode (torch.inference_mode): here, exactly `noGrad(body)`; with
 * `mode` false, as torch's inference_mode(False), graph recording is on (`enableGrad(body)`).
 * Unlike torch, tensors made inside are ordinary tensors: they may later take part in autograd
 * (torch raises for "inference tensors"), and nothing beyond noGrad's savings is gained.
 * @example
 * const logits = inferenceMode(() => model.forward(batch));
 */
export function inferenceMode<T>(body: () => T): T;
export function inferenceMode<T>(mode: boolean, body: () => T): T;
export function inferenceMode<T>(modeOrBody: boolean | (() => T), body?: () => T): T {
  if (arguments.length > 2) refuseArgumentsPast('inferenceMode', ['modeOrBody', 'body'], arguments);
  if (typeof modeOrBody === 'function') return noGrad(modeOrBody);
  if (typeof modeOrBody !== 'boolean' || typeof body !== 'function')
    throw new Error('inferenceMode: expected (body) or (mode, body) with mode true or false and body a function');
  return setGradEnabled(!modeOrBody, body);
}
