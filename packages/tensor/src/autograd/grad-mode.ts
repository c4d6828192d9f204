import { sharedState } from '../core/shared-state.js';
import { checkFunction, refuseArgumentsPast } from '../core/options.js';

/**
 * Whether ops record the graph (PyTorch's grad mode). Shared by every copy of @dl/tensor in the
 * process: `noGrad()` reached through @dl/nn's copy must stop the app's copy from recording too.
 */
const mode = sharedState('gradMode@1', () => ({ enabled: true }));

export function isGradEnabled(): boolean {
  if (arguments.length > 0) refuseArgumentsPast('isGradEnabled', [], arguments);
  return mode.enabled;
}

function withMode<T>(enabled: boolean, body: () => T): T {
  const previous = mode.enabled;
  mode.enabled = enabled;
  let result: T;
  try {
    result = body();
  } catch (error) {
    mode.enabled = previous;
    throw error;
  }
  if (result instanceof Promise) {
    // async bodies keep the mode until they settle (concurrent async bodies share the global mode)
    return result.finally(() => (mode.enabled = previous)) as T;
  }
  mode.enabled = previous;
  return result;
}

/**
 * Runs `body` without recording the graph (PyTorch's `torch.no_grad()`).
 * @example
 * const y = noGrad(() => w.mul(2)); // y.requiresGrad === false
 */
export function noGrad<T>(body: () => T): T {
  if (arguments.length > 1) refuseArgumentsPast('noGrad', ['body'], arguments);
  checkFunction('noGrad', 'body', body);
  return withMode(false, body);
}

/** Runs `body` with graph recording on, even inside `noGrad`. */
export function enableGrad<T>(body: () => T): T {
  if (arguments.length > 1) refuseArgumentsPast('enableGrad', ['body'], arguments);
  checkFunction('enableGrad', 'body', body);
  return withMode(true, body);
}
