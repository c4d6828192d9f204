import { webgpuBackend } from '../src/index.js';

/**
 * Runs `run` (and awaits it, when it returns a promise) with elementwise fusion off: every op is its
 * own dispatch, what fused results and dispatch counts are compared against.
 */
export function withoutFusion<T>(run: () => T): T {
  const runtime = webgpuBackend()?.runtime;
  if (!runtime) throw new Error('withoutFusion: init() the webgpu backend first');
  const saved = runtime.fuse;
  const restore = () => {
    runtime.fuse = saved;
  };
  runtime.materialiseDeferred();
  runtime.fuse = false;
  try {
    const result = run();
    if (result instanceof Promise) return result.finally(restore) as T;
    restore();
    return result;
  } catch (error) {
    restore();
    throw error;
  }
}
