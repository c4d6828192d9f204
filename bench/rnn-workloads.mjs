// The tutorial's recurrent sequence classifiers, @dl against PyTorch (one thread) in the same run:
//   W3  RNN(8, 32)     → Linear(32, 2) on the last step, 100 sequences × 10 steps, ms per full-batch epoch
//   W4  LSTM(8, 32)    → Linear(32, 2), 64 × 10, ms per epoch
//   W4b LSTM(128, 256) → Linear(256, 2), batch 32 × 64 steps, ms per training step
// An epoch / step is forward, cross-entropy, backward, Adam(0.01) step and reading the loss back.
//
//   npx --yes tsx --tsconfig tsconfig.sources.json rnn-workloads.mjs [W3 W4 W4b] [--rounds=3] [--no-pytorch]
//
// The machine's speed drifts (±25 %), so @dl and PyTorch are measured alternately, `rounds` times
// each, and every round's ratio is printed: ours / PyTorch of the same round. PyTorch runs in a child
// process with OPENBLAS_NUM_THREADS=1 and torch.set_num_threads(1) (Debian's torch does its matrix
// products in OpenBLAS, which would otherwise use both cores).
import { execFileSync } from 'node:child_process';
import { Adam, CrossEntropyLoss, Linear, Module } from '@dl/nn';
import { LSTM, RNN } from '@dl/rnn';
import { manualSeed, randint, randn, setNumThreads } from '@dl/tensor';
import { format, median, timeCalls } from './training-timing.mjs';

// one thread, as the PyTorch figures it is compared with (@dl's default is one per core)
setNumThreads(1);

export const workloads = {
  W3: { layer: 'RNN', inputSize: 8, hiddenSize: 32, batch: 100, steps: 10, block: 20, repetitions: 10, warmup: 100 },
  W4: { layer: 'LSTM', inputSize: 8, hiddenSize: 32, batch: 64, steps: 10, block: 20, repetitions: 10, warmup: 100 },
  W4b: { layer: 'LSTM', inputSize: 128, hiddenSize: 256, batch: 32, steps: 64, block: 1, repetitions: 7, warmup: 3 },
};

class Classifier extends Module {
  constructor(spec) {
    super();
    this.rnn = new (spec.layer === 'RNN' ? RNN : LSTM)(spec.inputSize, spec.hiddenSize, { batchFirst: true });
    this.fc = new Linear(spec.hiddenSize, 2);
  }
  forward(x) {
    const [output] = this.rnn.call(x);
    return this.fc.call(output.select(1, output.shape[1] - 1));
  }
}

/** A function running `spec.block` training steps of @dl on fresh data. */
export function oursSteps(spec) {
  manualSeed(0);
  const x = randn([spec.batch, spec.steps, spec.inputSize]);
  const y = randint(0, 2, [spec.batch], { dtype: 'int32' });
  const model = new Classifier(spec);
  const optimizer = new Adam(model.parameters(), { lr: 0.01 });
  const lossFunction = new CrossEntropyLoss();
  return () => {
    for (let step = 0; step < spec.block; step++) {
      optimizer.zeroGrad();
      const loss = lossFunction.call(model.call(x), y);
      loss.backward();
      optimizer.step();
      loss.itemSync();
    }
  };
}

const pytorchSource = `
import sys, time, torch, torch.nn as nn
torch.set_num_threads(1)
torch.manual_seed(0)
layer, input_size, hidden, batch, steps, block, repetitions, warmup = sys.argv[1], *map(int, sys.argv[2:])
class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = (nn.RNN if layer == "RNN" else nn.LSTM)(input_size, hidden, batch_first=True)
        self.fc = nn.Linear(hidden, 2)
    def forward(self, x):
        output, _ = self.rnn(x)
        return self.fc(output[:, -1])
x, y = torch.randn(batch, steps, input_size), torch.randint(0, 2, (batch,))
model = Classifier()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
loss_function = nn.CrossEntropyLoss()
def run():
    for _ in range(block):
        optimizer.zero_grad()
        loss = loss_function(model(x), y)
        loss.backward()
        optimizer.step()
        loss.item()
for _ in range(warmup):
    run()
times = []
for _ in range(repetitions):
    start = time.perf_counter()
    run()
    times.append((time.perf_counter() - start) * 1000 / block)
print(sorted(times)[len(times) // 2])
`;

/** PyTorch's median ms per step for the workload, measured now in a child process on one thread. */
export function pytorchMilliseconds(spec) {
  const { layer, inputSize, hiddenSize, batch, steps, block, repetitions, warmup } = spec;
  const output = execFileSync(
    '/usr/bin/python3',
    ['-c', pytorchSource, layer, ...[inputSize, hiddenSize, batch, steps, block, repetitions, Math.ceil(warmup / block)].map(String)],
    {
      encoding: 'utf8',
      env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' },
    },
  );
  return Number(output.trim());
}

async function main() {
  const names = process.argv.slice(2).filter((argument) => !argument.startsWith('--'));
  const roundsOption = process.argv.find((argument) => argument.startsWith('--rounds='));
  const rounds = roundsOption ? Number(roundsOption.split('=')[1]) : 3;
  const withPytorch = !process.argv.includes('--no-pytorch');
  for (const name of names.length ? names : Object.keys(workloads)) {
    const spec = workloads[name];
    if (!spec) throw new Error(`unknown workload ${name}; expected one of ${Object.keys(workloads).join(', ')}`);
    const ratios = [];
    for (let round = 1; round <= rounds; round++) {
      const run = oursSteps(spec);
      const ours = await timeCalls(run, { warmup: Math.ceil(spec.warmup / spec.block), repetitions: spec.repetitions });
      const oursMs = ours.wallMs / spec.block;
      const line = [`${name} round ${round}: @dl ${format(oursMs)} ms (CPU ${format(ours.cpuMs / spec.block)} ms)`];
      if (withPytorch) {
        const torchMs = pytorchMilliseconds(spec);
        ratios.push(oursMs / torchMs);
        line.push(`PyTorch ${format(torchMs)} ms`, `ratio ${format(oursMs / torchMs)}×`);
      }
      console.log(line.join(', '));
    }
    if (ratios.length) console.log(`${name}: median ratio @dl / PyTorch ${format(median(ratios))}× over ${ratios.length} rounds`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
