import { manualSeed, noGrad, randn, tensor } from '@dl/tensor';

/** Linear regression with autograd and plain SGD on `device`: the first and last losses. */
export async function trainLinearRegression(device, steps = 40) {
  manualSeed(0);
  const inputs = randn([64, 3], { device });
  const targets = inputs.matmul(tensor([[1], [-2], [0.5]], { device }));
  const weight = tensor([[0], [0], [0]], { device, requiresGrad: true });
  const losses = [];
  for (let step = 0; step < steps; step++) {
    weight.grad = null;
    const loss = inputs.matmul(weight).sub(targets).square().mean();
    loss.backward();
    noGrad(() => weight.sub_(weight.grad.mul(0.1)));
    losses.push(await loss.item());
  }
  return { first: losses[0], last: losses.at(-1) };
}
