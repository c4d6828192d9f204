// A large convolution and matrix product whose tensors are gone, then emptyCache(), as a user would
// call it, while weights used before it stay alive and unused after it (a model between training and
// inference): prints the resident set (MiB) before, at the peak and after, with the engine's JavaScript
// heap at the same moments (its garbage is collected on V8's schedule, not released by emptyCache). No
// --expose-gc, no timer.
import { conv2d, emptyCache, randn } from '../../dist/index.js';

const mebibytes = (bytes) => bytes / 2 ** 20;
/** The resident set and the JavaScript heap V8 has reserved, in MiB. */
function memory() {
  const { rss, heapTotal } = process.memoryUsage();
  return { resident: mebibytes(rss), heap: mebibytes(heapTotal) };
}
const before = memory();
// a large and a small weight, each through a forward and backward pass before the large work
const weights = [randn([256, 256], { requiresGrad: true }), randn([16, 2], { requiresGrad: true })];
for (const weight of weights) randn([4, weight.shape[0]]).matmul(weight).square().sum().backward();
function largeWork() {
  const images = randn([64, 32, 64, 64]);
  const weight = randn([64, 32, 3, 3]);
  const features = conv2d(images, weight, null, { padding: 1 });
  const product = randn([2048, 2048]).matmul(randn([2048, 2048]));
  const checksum = features.sum().itemSync() + product.sum().itemSync();
  for (const tensor of [images, weight, features, product]) tensor.dispose();
  return checksum;
}
largeWork();
const peak = memory();
emptyCache();
// the program goes on with small work while the engine's background threads hand the memory back
const until = performance.now() + 300;
while (performance.now() < until) randn([8, 8]).add(1).dispose();
const gradients = weights.map((weight) => weight.grad?.shape.join('×'));
console.log(JSON.stringify({ before, peak, after: memory(), gradients }));
