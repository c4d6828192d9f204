// One timing for compare-trees.mjs, in a fresh process: imports the built packages of ROOT and
// prints the median milliseconds of a moons epoch, a CNN training step or a W4b LSTM step (forward, loss, backward,
// Adam step, loss read back; no dispose, as a user writes it). moons-early is moons-mlp.mjs's first figure: the
// median of ten blocks of 20 epochs after 40 warm-up epochs, per epoch (V8 still compiling), in wall time;
// moons-early-cpu the same in process CPU time (V8's compiler threads included), the figure moons-mlp.mjs
// compares with PyTorch.
//   node bench/compare-trees-worker.mjs ROOT moons|moons-early|moons-early-cpu|cnn|w4b [THREADS|default]
const [root, workload, threads = 'default'] = process.argv.slice(2);
const { Adam, CrossEntropyLoss, Linear, ReLU, Sequential } = await import(`${root}/packages/nn/dist/index.js`);
const { manualSeed, randint, randn, setNumThreads } = await import(`${root}/packages/tensor/dist/index.js`);
if (threads !== 'default') setNumThreads(Number(threads));
const { makeCnn } = await import(`${root}/examples/mnist-cnn/model.mjs`);

manualSeed(0);
const [model, inputs, targets, warmup, measured] = workload.startsWith('moons')
  ? [new Sequential(new Linear(2, 16), new ReLU(), new Linear(16, 2)), randn([800, 2]), randint(0, 2, [800]), 2000, 1000]
  : workload === 'w4b'
    ? [await lstmClassifier(), randn([32, 64, 128]), randint(0, 2, [32]), 3, 9]
    : [makeCnn(), randn([64, 1, 28, 28]), randint(0, 10, [64]), 5, 15];
/** W4b of rnn-workloads.mjs: LSTM(128, 256, batch first) → Linear(256, 2) on the last step. */
async function lstmClassifier() {
  const { LSTM } = await import(`${root}/packages/rnn/dist/index.js`);
  const { Module } = await import(`${root}/packages/nn/dist/index.js`);
  class Classifier extends Module {
    constructor() {
      super();
      this.rnn = new LSTM(128, 256, { batchFirst: true });
      this.fc = new Linear(256, 2);
    }
    forward(x) {
      const [output] = this.rnn.call(x);
      return this.fc.call(output.select(1, output.shape[1] - 1));
    }
  }
  return new Classifier();
}

const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
const lossFunction = new CrossEntropyLoss();
const step = () => {
  optimizer.zeroGrad();
  const loss = lossFunction.call(model.call(inputs), targets);
  loss.backward();
  optimizer.step();
  loss.itemSync();
};
if (workload === 'moons-early' || workload === 'moons-early-cpu') {
  const processMilliseconds = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const now = workload === 'moons-early-cpu' ? processMilliseconds : () => performance.now();
  for (let index = 0; index < 40; index++) step();
  const blocks = [];
  for (let block = 0; block < 10; block++) {
    const started = now();
    for (let index = 0; index < 20; index++) step();
    blocks.push((now() - started) / 20);
  }
  console.log([...blocks].sort((a, b) => a - b)[5]);
  process.exit(0);
}
for (let index = 0; index < warmup; index++) step();
const times = [];
for (let index = 0; index < measured; index++) {
  const started = performance.now();
  step();
  times.push(performance.now() - started);
}
console.log([...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]);
