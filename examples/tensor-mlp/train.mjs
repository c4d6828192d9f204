import { manualSeed, noGrad, randn, zeros } from '@dl/tensor';
import { makeSpirals } from './spirals.mjs';

/**
 * One linear layer's parameters. He initialisation (normal, std sqrt(2 / inputs)) keeps the scale of
 * ReLU activations steady through the layers. Weight is `[inputs, outputs]` so that `x.matmul(weight)`.
 */
function linearParameters(inputs, outputs) {
  return {
    weight: randn([inputs, outputs])
      .mul(Math.sqrt(2 / inputs))
      .requiresGrad_(),
    bias: zeros([outputs], { requiresGrad: true }),
  };
}

/** Softmax cross-entropy composed by hand: mean over the batch of -log p(label). */
function crossEntropy(logits, labels) {
  return logits.logSoftmax(1).gather(1, labels.unsqueeze(1)).mean().neg();
}

/**
 * Trains a 2-H-H-2 ReLU MLP on two spirals with full-batch SGD written by hand.
 * @param {{ steps?: number, hidden?: number, learningRate?: number, pointsPerClass?: number,
 *   seed?: number, logEvery?: number, onLog?: (step: number, loss: number) => void }} [options]
 * @returns {{ losses: { step: number, loss: number }[], accuracy: number, seconds: number }}
 *   losses at step 0, every `logEvery` steps and at the last step; accuracy on the training set
 * @example
 * const { losses, accuracy } = train({ steps: 200 });
 */
export function train(options = {}) {
  const { steps = 500, hidden = 32, learningRate = 0.3, pointsPerClass = 100, seed = 0, logEvery = 100, onLog = () => {} } = options;
  manualSeed(seed);
  const { inputs, labels } = makeSpirals({ pointsPerClass });
  const layers = [linearParameters(2, hidden), linearParameters(hidden, hidden), linearParameters(hidden, 2)];
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
      const value = loss.itemSync();
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
  const accuracy = noGrad(() => forward(inputs).argmax(1).eq(labels).float().mean().itemSync());
  return { losses, accuracy, seconds: (performance.now() - started) / 1000 };
}
