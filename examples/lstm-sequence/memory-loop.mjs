// An LSTM trained the way the LSTM chapter writes it, with no dispose, scope, keep, forced collection
// or timer: full-batch steps, or truncated BPTT with the state carried across chunks and detached.
// Prints one JSON line per reported step with the resident memory and @dl/tensor's counters. Run by
// the flat-memory test (few steps); for the W4b setting:
//   node examples/lstm-sequence/memory-loop.mjs --loop chunks --input 128 --hidden 256 --batch 32 --steps-per-chunk 64 --steps 1000 --report 100,1000
import { Adam, CrossEntropyLoss, Linear, Module } from '@dl/nn';
import { LSTM } from '@dl/rnn';
import { manualSeed, memory, randint, randn } from '@dl/tensor';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    loop: { type: 'string', default: 'full' },
    steps: { type: 'string', default: '1000' },
    report: { type: 'string', default: '' },
    input: { type: 'string', default: '8' },
    hidden: { type: 'string', default: '16' },
    batch: { type: 'string', default: '16' },
    'steps-per-chunk': { type: 'string', default: '10' },
  },
});
const [steps, inputSize, hiddenSize, batch, length] = ['steps', 'input', 'hidden', 'batch', 'steps-per-chunk'].map((key) =>
  Number(values[key]),
);
const reportAt = new Set(values.report.split(',').filter(Boolean).map(Number));
if (!['full', 'chunks'].includes(values.loop)) throw new Error(`--loop must be full or chunks, got ${values.loop}`);

class Classifier extends Module {
  lstm = new LSTM(inputSize, hiddenSize, { batchFirst: true });
  fc = new Linear(hiddenSize, 2);
  forward(x, state) {
    const [output, next] = this.lstm.call(x, state);
    return [this.fc.call(output.select(1, output.shape[1] - 1)), next];
  }
}

manualSeed(0);
const x = randn([batch, length, inputSize]);
const y = randint(0, 2, [batch], { dtype: 'int32' });
const model = new Classifier();
const lossFunction = new CrossEntropyLoss();
const optimizer = new Adam(model.parameters(), { lr: 0.01 });
let peak = 0;
let state = null;
for (let step = 1; step <= steps; step++) {
  optimizer.zeroGrad();
  const [logits, next] = model.call(x, state);
  const loss = lossFunction.call(logits, y);
  loss.backward();
  optimizer.step();
  // truncated BPTT: the next chunk starts from this one's state, cut from its graph
  if (values.loop === 'chunks') state = [next[0].detach(), next[1].detach()];
  const value = loss.itemSync();
  const rss = process.memoryUsage().rss;
  peak = Math.max(peak, rss);
  if (!reportAt.has(step)) continue;
  const { liveTensors, bytesInUse } = memory().cpu;
  console.log(JSON.stringify({ step, loss: value, rssMiB: rss / 2 ** 20, peakMiB: peak / 2 ** 20, liveTensors, bytesInUse }));
}
