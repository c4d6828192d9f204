// @dl/rnn: an LSTM regression step on the CPU
import { Adam, Linear, MSELoss } from '@dl/nn';
import { LSTM } from '@dl/rnn';
import { manualSeed, randn } from '@dl/tensor';
import { report } from './report.js';

report(async () => {
  manualSeed(2);
  const lstm = new LSTM(3, 8, { batchFirst: true });
  const head = new Linear(8, 1);
  const optimizer = new Adam([...lstm.parameters(), ...head.parameters()], { lr: 0.02 });
  const inputs = randn([8, 5, 3]);
  const targets = inputs.sum(1).sum(1, true);
  const losses = [];
  for (let step = 0; step < 15; step++) {
    optimizer.zeroGrad();
    const [outputs] = lstm.call(inputs);
    const loss = new MSELoss().call(head.call(outputs.select(1, 4)), targets);
    loss.backward();
    optimizer.step();
    losses.push(await loss.item());
  }
  return { first: losses[0], last: losses.at(-1), weightNames: Object.keys(lstm.stateDict()).sort() };
});
