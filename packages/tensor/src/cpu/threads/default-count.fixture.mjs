// Run by threads.test.ts in a fresh process, on the built package: the default thread count.
import { getNumThreads } from '@dl/tensor';

console.log(`threads ${getNumThreads()}`);
