import { availableParallelism } from 'node:os';
import { setDefaultDtype, setGradEnabled, setNumThreads, setRngState, setWarningFilter } from '@dl/tensor';

/**
 * Setup file of the test projects that share one worker process between test files
 * (vitest.config.ts, `isolate: false`): before each file it puts back the process-wide settings a
 * fresh process starts with, so no file depends on what the files before it in that worker changed.
 * Each value below is what @dl/tensor starts with:
 * - the generator: random/generator.ts's initial seed (0x2545f4914f6cdd1d) at offset 0, so a file
 *   that draws before its first `manualSeed` draws what it drew in a process of its own;
 * - the default dtype float32, gradients recorded, the warning filter 'default' (which also forgets
 *   the warnings already shown, so a file that checks a warning is shown once sees it);
 * - one CPU thread per core (thread-count.ts).
 * Files that count the process's live tensors and bytes, or load a second copy of the modules, run in
 * a process of their own instead (the `isolated` project).
 */
setRngState({ seed: 0x2545f4914f6cdd1dn, offset: 0n });
setDefaultDtype('float32');
setGradEnabled(true);
setWarningFilter('default');
setNumThreads(availableParallelism());
