// One timing for compare-trees.mjs, in a fresh process: imports the built packages of ROOT and
// prints the median milliseconds of a moons epoch or a CNN training step (forward, loss, backward,
// Adam step, loss read back; no dispose, as a user writes it).
//   node bench/compare-trees-worker.mjs ROOT moons|cnn
const [root, workload] = process.argv.slice(2);
const { Adam, CrossEntropyLoss, Linear, ReLU, Sequential } = await import(`${root}/packages/nn/dist/index.js`);
const { manualSeed, randint, randn } = await import(`${root}/packages/tensor/dist/index.js`);
const { makeCnn } = await import(`${root}/examples/mnist-cnn/model.mjs`);

manualSeed(0);
const [model, inputs, targets, warmup, measured] =
  workload === 'moons'
    ? [new Sequential(new Linear(2, 16), new ReLU(), new Linear(16, 2)), randn([800, 2]), randint(0, 2, [800]), 2000, 1000]
    : [makeCnn(), randn([64, 1, 28, 28]), randint(0, 10, [64]), 5, 15];
const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
const lossFunction = new CrossEntropyLoss();
const step = () => {
  optimizer.zeroGrad();
  const loss = lossFunction.call(model.call(inputs), targets);
  loss.backward();
  optimizer.step();
  loss.itemSync();
};
for (let index = 0; index < warmup; index++) step();
const times = [];
for (let index = 0; index < measured; index++) {
  const started = performance.now();
  step();
  times.push(performance.now() - started);
}
console.log([...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]);
