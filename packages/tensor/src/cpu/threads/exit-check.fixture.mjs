// Run by threads.test.ts in a child process, on the built package (the test command builds first):
// multiplies on two threads and returns; the process must then exit by itself (the helper threads
// are unref'd, blocked in Atomics.wait).
import { getNumThreads, matmul, ones, setNumThreads } from '@dl/tensor';

setNumThreads(2);
const product = matmul(ones([256, 512]), ones([512, 256])).dataSync();
console.log(`threads ${getNumThreads()}, product ${product.every((value) => value === 512) ? 'ok' : 'wrong'}`);
