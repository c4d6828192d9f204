// Run by resident.test.ts in a child process, in one of two environments a browser page can be in:
//   node --no-harmony-sharedarraybuffer this.mjs   no SharedArrayBuffer at all
//   node this.mjs refuse                           an engine that refuses a shared WebAssembly.Memory
// Prints whether a large tensor lives in shared memory, a product's checksum and the reason given.
if (process.argv[2] === 'refuse') {
  const Original = WebAssembly.Memory;
  WebAssembly.Memory = function Memory(descriptor) {
    if (descriptor?.shared) throw new RangeError('shared memories are refused here');
    return new Original(descriptor);
  };
}
const { getNumThreads, manualSeed, matmul, randn, threadsUnavailableReason } = await import('@dl/tensor');
manualSeed(4);
const a = randn([256, 300]);
const b = randn([300, 200]);
const product = matmul(a, b).dataSync();
let checksum = 0;
for (let index = 0; index < product.length; index++) checksum += product[index] * ((index % 7) + 1);
console.log(
  JSON.stringify({
    shared: typeof SharedArrayBuffer === 'function' && a.storage.buffer.buffer instanceof SharedArrayBuffer,
    checksum,
    threads: getNumThreads(),
    reason: threadsUnavailableReason(),
  }),
);
