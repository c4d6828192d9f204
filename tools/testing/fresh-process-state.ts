import {
  type DefaultDType,
  type GeneratorState,
  getDefaultDtype,
  getNumThreads,
  getRngState,
  isGradEnabled,
  setDefaultDtype,
  setGradEnabled,
  setNumThreads,
  setRngState,
  setWarningFilter,
} from '@dl/tensor';

/**
 * Setup file of the test project whose files share one process (vitest.config.ts, `singleFork`,
 * `isolate: false`): before each file it puts back the process-wide settings a fresh process starts
 * with, so no file depends on what the files before it changed: the generator's seed and offset (a
 * file that draws before its first `manualSeed` draws what it drew in a process of its own), the
 * default dtype, grad mode and the thread count, and the warning filter 'default' (which also forgets
 * the warnings already shown, so a file that checks a warning is shown once sees it).
 * Files that count the process's live tensors and bytes, or load a second copy of the modules, run in
 * a process of their own instead (the `isolated` project).
 */
interface Settings {
  generator: GeneratorState;
  dtype: DefaultDType;
  grad: boolean;
  threads: number;
}

// Vitest runs this file again before each test file, with its own variables fresh but the modules it
// imports kept: the first run reads @dl/tensor's settings as loaded, and keeps them on globalThis.
const slot = Symbol.for('@dl/testing.fresh-process-settings');
const slots = globalThis as unknown as Record<symbol, Settings | undefined>;
const fresh = (slots[slot] ??= { generator: getRngState(), dtype: getDefaultDtype(), grad: isGradEnabled(), threads: getNumThreads() });

setRngState(fresh.generator);
setDefaultDtype(fresh.dtype);
setGradEnabled(fresh.grad);
setNumThreads(fresh.threads);
setWarningFilter('default');
