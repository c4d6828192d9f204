import { init } from '@dl/gpu';
import { manualSeed, noGrad, randn, zeros } from '@dl/tensor';
import { prepareDevice } from '../shared/device.mjs';
import { makeSpirals } from './spirals.mjs';

/**
 * One linear layer's parameters. He initialisation (normal, std sqrt(2 / inputs)) keeps the scale of
 * ReLU activations steady through the layers. Weight is `[inputs, outputs]` so that `x.matmul(weight)`.
 */
function linearParameters(inputs, outputs, device) {
  return {
    // the GPU draws the same Philox stream as the CPU: the same initial weights on every device
    weight: randn([inputs, outputs], { device })
      .mul(Math.sqrt(2 / inputs))
      .requiresGrad_(),
    bias: zeros([outputs], { device, requiresGrad: true }),
  };
}

/** Softmax cross-entropy composed by hand: mean over the batch of -log p(label). */
function crossEntropy(logits, labels) {
  return logits.logSoftmax(1).gather(1, labels.unsqueeze(1)).mean().neg();
}

/**
 * Trains a 2-H-H-2 ReLU MLP on two spirals with full-batch SGD written by hand, on `device`.
 * @param {{ steps?: number, device?: string, hidden?: number, learningRate?: number, pointsPerClass?: number,
 *   seed?: number, logEvery?: number, onLog?: (step: number, loss: number) => void }} [options]
 * @returns {Promise<{ losses: { step: number, loss: number }[], accuracy: number, seconds: number }>}
 *   losses at step 0, every `logEvery` steps and at the last step; accuracy on the training set
 * @example
 * const { losses, accuracy } = await train({ steps: 200 });
 */
export async function train(options = {}) {
  const {
    steps = 500,
    device = 'cpu',
    hidden = 32,
    learningRate = 0.3,
    pointsPerClass = 100,
    seed = 0,
    logEvery = 100,
    onLog = () => {},
  } = options;
  await prepareDevice(device, { init });
  manualSeed(seed);
  const spirals = makeSpirals({ pointsPerClass });
  const [inputs, labels] = [spirals.inputs.to(device), spirals.labels.to(device)];
  const layers = [linearParameters(2, hidden, device), linearParameters(hidden, hidden, device), linearParameters(hidden, 2, device)];
  const parameters = layers.flatMap((layer) => [layer.weight, layer.bias]);

  const forward = (x) =>
    layers.reduce((activation, layer, index) => {
      const output = activation.matmul(layer.weight).add(layer.bias);
      return index === layers.length - 1 ? output : output.relu();
    }, x);

  const losses = [];
  const started = performance.now();
  for (let step = 0; step <= steps; step += 1) {
    const loss = crossEntropy(forward(inputs), labels);
    if (step % logEvery === 0 || step === steps) {
      const value = await loss.item();
      losses.push({ step, loss: value });
      onLog(step, value);
    }
    // the last iteration only measures the loss of the final weights
    if (step === steps) break;
    loss.backward();
    noGrad(() => {
      for (const parameter of parameters) {
        parameter.sub_(parameter.grad.mul(learningRate));
        parameter.grad = null;
      }
    });
  }
  const accuracy = await noGrad(() => forward(inputs).argmax(1).eq(labels).float().mean()).item();
  return { losses, accuracy, seconds: (performance.now() - started) / 1000 };
}
