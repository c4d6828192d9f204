// A large convolution and matrix product whose tensors are gone, then emptyCache(), as a user would
// call it: prints the resident set (MiB) before, at the peak and after. No --expose-gc, no timer.
import { conv2d, emptyCache, randn } from '../../dist/index.js';

const residentMiB = () => process.memoryUsage().rss / 2 ** 20;
const before = residentMiB();
function largeWork() {
  const images = randn([32, 32, 64, 64]);
  const weight = randn([64, 32, 3, 3]);
  const features = conv2d(images, weight, null, { padding: 1 });
  const product = randn([2048, 2048]).matmul(randn([2048, 2048]));
  const checksum = features.sum().itemSync() + product.sum().itemSync();
  for (const tensor of [images, weight, features, product]) tensor.dispose();
  return checksum;
}
largeWork();
const peak = residentMiB();
emptyCache();
// the program goes on with small work while the engine's background threads hand the memory back
const until = performance.now() + 300;
while (performance.now() < until) randn([8, 8]).add(1).dispose();
console.log(JSON.stringify({ before, peak, after: residentMiB() }));
