/** Whether ops record the graph (PyTorch's grad mode). */
let enabled = true;

export function isGradEnabled(): boolean {
  return enabled;
}

function withMode<T>(mode: boolean, body: () => T): T {
  const previous = enabled;
  enabled = mode;
  let result: T;
  try {
    result = body();
  } catch (error) {
    enabled = previous;
    throw error;
  }
  if (result instanceof Promise) {
    // async bodies keep the mode until they settle (concurrent async bodies share the global mode)
    return result.finally(() => (enabled = previous)) as T;
  }
  enabled = previous;
  return result;
}

/**
 * Runs `body` without recording the graph (PyTorch's `torch.no_grad()`).
 * @example
 * const y = noGrad(() => w.mul(2)); // y.requiresGrad === false
 */
export function noGrad<T>(body: () => T): T {
  return withMode(false, body);
}

/** Runs `body` with graph recording on, even inside `noGrad`. */
export function enableGrad<T>(body: () => T): T {
  return withMode(true, body);
}
