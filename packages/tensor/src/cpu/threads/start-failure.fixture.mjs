// Run by threads.test.ts in a child process under Node's permission model without --allow-worker:
// helper threads cannot start, so the product must still be right, on one thread, with the reason said.
import { getNumThreads, matmul, ones, setNumThreads, threadsUnavailableReason } from '@dl/tensor';

setNumThreads(2);
const product = matmul(ones([256, 512]), ones([512, 256])).dataSync();
console.log(JSON.stringify({ threads: getNumThreads(), ok: product.every((value) => value === 512), reason: threadsUnavailableReason() }));
