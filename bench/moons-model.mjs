// The tutorial's moons MLP as every moons benchmark here runs it: the data (800 standardised training
// points of makeMoons(1000, noise 0.2)), the model Linear(2, 16)-ReLU-Linear(16, 2), cross-entropy and
// Adam lr 0.01, and one full-batch epoch (forward, loss, backward, Adam step, the loss read back, as a
// training loop that logs would). Imports the built packages (run `pnpm build` first).

import { makeMoons, StandardScaler, trainTestSplit } from '@dl/data';
import { Adam, CrossEntropyLoss, Linear, ReLU, Sequential } from '@dl/nn';
import { manualSeed } from '@dl/tensor';

manualSeed(0);
const { x, y } = makeMoons({ nSamples: 1000, noise: 0.2, randomState: 42 });
const [xTrainRaw, , yTrain] = trainTestSplit([x, y], { testSize: 0.2, randomState: 42 });

/** The standardised training inputs [800, 2] and their labels [800]. */
export const xTrain = new StandardScaler().fit(xTrainRaw).transform(xTrainRaw);
export { yTrain };

/** A fresh model and optimizer; returns a function that trains them one epoch per call. */
export function moonsEpoch() {
  const model = new Sequential(new Linear(2, 16), new ReLU(), new Linear(16, 2));
  const optimizer = new Adam(model.parameters(), { lr: 0.01 });
  const lossFunction = new CrossEntropyLoss();
  return () => {
    optimizer.zeroGrad();
    const loss = lossFunction.call(model.call(xTrain), yTrain);
    loss.backward();
    optimizer.step();
    loss.itemSync();
    loss.dispose();
  };
}
