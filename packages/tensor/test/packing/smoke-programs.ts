import type { PublishedPackage } from './workspace-tarballs.js';

/**
 * What each package's user runs first, three ways: an ES module, a CommonJS file that `require()`s
 * the package, and a TypeScript file type-checked against the published declarations. Each ESM
 * program prints one JSON line whose `ok` entries must all be true; each CommonJS program also
 * checks that `require()` and `import()` give the same module (one copy: no dual-package hazard).
 */
export interface SmokeProgram {
  esm: string;
  commonjs: string;
  typescript: string;
}

/**
 * CommonJS: `require()` works and returns the very module `import()` returns. Every exported class
 * keeps its name: a class that names itself in its body is bundled as `var Linear = class _Linear`,
 * and `String(model)` and the error messages would then say '_Linear'.
 */
function commonjsProgram(specifier: string, member: string): string {
  return `
const required = require('${specifier}');
import('${specifier}').then((imported) => {
  const isClass = (value) => typeof value === 'function' && /^class\\b/.test(Function.prototype.toString.call(value));
  // the exported classes, and those of exported namespaces (distributions, distributions.transforms)
  const classes = (namespace, path, depth) =>
    Object.entries(namespace).flatMap(([name, value]) =>
      isClass(value) ? [[path + name, name, value]]
      : depth < 2 && typeof value === 'object' && value !== null && !Array.isArray(value) ? classes(value, path + name + '.', depth + 1)
      : []);
  const renamed = classes(imported, '', 0).filter(([, name, value]) => value.name !== name);
  if (renamed.length > 0) console.error('renamed classes: ' + renamed.map(([path, , value]) => path + ' is ' + value.name).join(', '));
  console.log(JSON.stringify({ ok: {
    member: typeof required.${member} === 'function',
    sameModule: required.${member} === imported.${member},
    classNames: renamed.length === 0,
  } }));
});
`;
}

const tensor: SmokeProgram = {
  esm: `
import { isTensor, manualSeed, noGrad, randn, tensor } from '@dl/tensor';
import { allclose, gradcheck } from '@dl/tensor/testing';

manualSeed(0);
// least squares for y = x [2, -3]: plain gradient descent on the mean squared error
const inputs = randn([64, 2]);
const targets = inputs.matmul(tensor([[2], [-3]]));
const weight = randn([2, 1], { requiresGrad: true });
const losses = [];
for (let step = 0; step < 100; step += 1) {
  const loss = inputs.matmul(weight).sub(targets).square().mean();
  losses.push(loss.itemSync());
  loss.backward();
  noGrad(() => weight.sub_(weight.grad.mul(0.1)));
  weight.grad = null;
}
const cube = (x) => x.mul(x).mul(x).sum();
console.log(JSON.stringify({ ok: {
  trained: losses[losses.length - 1] < losses[0] * 0.01,
  weightIsTensor: isTensor(weight),
  plainObjectIsNot: !isTensor({ shape: [2, 1] }),
  weightClose: await allclose(weight.detach(), [[2], [-3]], { atol: 1e-2 }),
  gradcheck: gradcheck(cube, [tensor([0.5, -1, 2], { dtype: 'float64', requiresGrad: true })]),
} }));
`,
  commonjs: `
const required = require('@dl/tensor');
const testing = require('@dl/tensor/testing');
Promise.all([import('@dl/tensor'), import('@dl/tensor/testing')]).then(([imported, importedTesting]) => {
  console.log(JSON.stringify({ ok: {
    computes: required.tensor([1, 2, 3]).sum().itemSync() === 6,
    sameModule: required.Tensor === imported.Tensor && testing.gradcheck === importedTesting.gradcheck,
    sharedBrand: required.isTensor(imported.tensor([1])),
    tensorClassName: imported.tensor([1]).constructor.name === 'Tensor',
  } }));
});
`,
  typescript: `
import { tensor, type Tensor } from '@dl/tensor';
import { gradcheck } from '@dl/tensor/testing';
const x: Tensor = tensor([1, 2, 3], { requiresGrad: true });
const checked: true = gradcheck((input: Tensor) => input.square().sum(), [x.double()]);
// Tensor[Symbol.dispose] (what \`using\` calls) must type-check without the esnext.disposable lib
tensor([1])[Symbol.dispose]();
// @ts-expect-error a Tensor is not a number: proves the types are real, not \`any\`
const wrong: number = x;
export { checked, wrong };
`,
};

const nn: SmokeProgram = {
  esm: `
import { manualSeed, randn } from '@dl/tensor';
import { F, Linear, SGD, Sequential, ReLU } from '@dl/nn';
manualSeed(0);
const inputs = randn([32, 4]);
const targets = inputs.sum(1, true);
const model = new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 1));
const optimizer = new SGD(model.parameters(), { lr: 0.05 });
const losses = [];
for (let step = 0; step < 60; step += 1) {
  optimizer.zeroGrad();
  const loss = F.mseLoss(model.call(inputs), targets);
  losses.push(loss.itemSync());
  loss.backward();
  optimizer.step();
}
console.log(JSON.stringify({ ok: { trained: losses.at(-1) < losses[0] * 0.2, stateDict: Object.keys(model.stateDict()).includes('0.weight') } }));
`,
  commonjs: commonjsProgram('@dl/nn', 'Linear'),
  typescript: `
import { randn } from '@dl/tensor';
import { F, Linear, type FileWriter } from '@dl/nn';
const layer = new Linear(3, 2);
const pooling: F.PoolOptions = { stride: 2, padding: 0 };
const pooled = F.maxPool2d(randn([1, 1, 4, 4]), 2, pooling);
const writer: FileWriter = async (file, bytes) => { await file.writeFile(bytes); };
// @ts-expect-error Linear's input size is a number
new Linear('3', 2);
export { layer, pooled, writer };
`,
};

const rnn: SmokeProgram = {
  esm: `
import { randn } from '@dl/tensor';
import { LSTM } from '@dl/rnn';
const lstm = new LSTM(3, 5, { batchFirst: true });
const [output, [hN, cN]] = lstm.call(randn([2, 7, 3]));
output.sum().backward();
console.log(JSON.stringify({ ok: {
  output: output.shape.join() === '2,7,5',
  state: hN.shape.join() === '1,2,5' && cN.shape.join() === '1,2,5',
  gradient: lstm.weight_ih_l0.grad !== null,
} }));
`,
  commonjs: commonjsProgram('@dl/rnn', 'LSTM'),
  typescript: `
import { randn, type Tensor } from '@dl/tensor';
import { GRU } from '@dl/rnn';
const gru = new GRU(3, 4);
const [output, hN]: [Tensor, Tensor] = gru.call(randn([5, 2, 3]));
export { output, hN };
`,
};

const gan: SmokeProgram = {
  esm: `
import { manualSeed, randn } from '@dl/tensor';
import { MlpDiscriminator, MlpGenerator, gradientPenalty } from '@dl/gan';
manualSeed(0);
const generator = new MlpGenerator({ latentDim: 8, hiddenSizes: [16], outFeatures: 12 });
const critic = new MlpDiscriminator({ inFeatures: 12, hiddenSizes: [16] });
const fake = generator.call(randn([4, 8]));
const penalty = gradientPenalty(critic, randn([4, 12]), fake.detach());
penalty.backward();
console.log(JSON.stringify({ ok: { fake: fake.shape.join() === '4,12', penalty: Number.isFinite(penalty.itemSync()) } }));
`,
  commonjs: commonjsProgram('@dl/gan', 'gradientPenalty'),
  typescript: `
import { MlpGenerator } from '@dl/gan';
const generator: MlpGenerator = new MlpGenerator({ latentDim: 8 });
const latent: number = generator.latentDim;
export { latent };
`,
};

const metrics: SmokeProgram = {
  esm: `
import { tensor } from '@dl/tensor';
import { accuracy, meanSquaredError } from '@dl/metrics';
console.log(JSON.stringify({ ok: {
  accuracy: (await accuracy([0, 1, 2, 3], [0, 2, 1, 3])) === 0.5,
  tensors: (await meanSquaredError(tensor([1, 2]), tensor([1, 4]))) === 2,
} }));
`,
  commonjs: commonjsProgram('@dl/metrics', 'accuracy'),
  typescript: `
import { accuracy } from '@dl/metrics';
const value: Promise<number> = accuracy([0, 1], [0, 1]);
export { value };
`,
};

const data: SmokeProgram = {
  esm: `
import { arange } from '@dl/tensor';
import { DataLoader, TensorDataset, makeMoons } from '@dl/data';
const dataset = new TensorDataset(arange(10).float().reshape([10, 1]), arange(10));
const batches = [];
for await (const [inputs, labels] of new DataLoader(dataset, { batchSize: 4 })) batches.push(labels.toArraySync());
const moons = makeMoons({ nSamples: 20, noise: 0.1, randomState: 0 });
console.log(JSON.stringify({ ok: {
  batches: JSON.stringify(batches) === '[[0,1,2,3],[4,5,6,7],[8,9]]',
  moons: moons.x.shape.join() === '20,2' && moons.y.shape.join() === '20',
} }));
`,
  commonjs: commonjsProgram('@dl/data', 'DataLoader'),
  typescript: `
import { arange } from '@dl/tensor';
import { DataLoader, TensorDataset } from '@dl/data';
const loader = new DataLoader(new TensorDataset(arange(4)), { batchSize: 2 });
export { loader };
`,
};

const datasets: SmokeProgram = {
  // the bundled files are found beside the installed package (new URL('../data/...', import.meta.url));
  // @dl/data alone has none and says where they are
  esm: `
import { loadMnist as loadFromRoot } from '@dl/data';
import { loadFortunes, loadMnist, loadSpamAssassin } from '@dl/datasets';
const test = await loadMnist({ train: false });
const fortunes = await loadFortunes();
const mails = await loadSpamAssassin();
const pointer = await loadFromRoot({}).then(() => '', (error) => error.message);
console.log(JSON.stringify({ ok: {
  mnist: test.images.shape.join() === '1996,1,28,28' && test.labels.shape.join() === '1996',
  firstLabels: Array.from(test.labels.dataSync().subarray(0, 6)).join() === '7,4,7,7,2,1',
  fortunes: fortunes.length === 1743,
  mails: mails.texts.length === 1500 && mails.labels.filter((label) => label === 1).length === 750,
  dataPointsHere: pointer.includes("import { loadMnist } from '@dl/datasets'"),
} }));
`,
  commonjs: commonjsProgram('@dl/datasets', 'loadMnist'),
  typescript: `
import type { Tensor } from '@dl/tensor';
import { MnistDataset, type MnistData } from '@dl/data';
import { loadFortunes, loadMnist, type LoadMnistOptions } from '@dl/datasets';
const options: LoadMnistOptions = { train: false };
async function load(): Promise<Tensor> {
  const data: MnistData = await loadMnist(options);
  const texts: string[] = await loadFortunes();
  return new MnistDataset(data).getItem(texts.length % 10)[0];
}
// @ts-expect-error train is a boolean
loadMnist({ train: 'no' });
export { load };
`,
};

const gpu: SmokeProgram = {
  // no `webgpu` (Dawn) is installed here: the package must load, and say so clearly when asked for a device
  esm: `
import { registeredDevices } from '@dl/tensor';
import { init, isWebGPUAvailable } from '@dl/gpu';
const available = await isWebGPUAvailable();
const failure = available ? null : await init().then(() => null, (error) => error.message);
console.log(JSON.stringify({ ok: {
  loads: typeof init === 'function',
  cpuStays: registeredDevices().includes('cpu'),
  clearError: available || /webgpu/i.test(failure ?? ''),
} }));
`,
  commonjs: commonjsProgram('@dl/gpu', 'init'),
  typescript: `
import { init, type WebGPUDeviceInfo } from '@dl/gpu';
async function start(): Promise<GPUDevice | null> {
  const info: WebGPUDeviceInfo = await init();
  return info ? null : null;
}
export { start };
`,
};

const onnx: SmokeProgram = {
  esm: `
import { manualSeed, zeros } from '@dl/tensor';
import { Linear, ReLU, Sequential } from '@dl/nn';
import { checkOnnxModel, exportOnnx } from '@dl/onnx';
manualSeed(0);
const model = new Sequential(new Linear(2, 4), new ReLU(), new Linear(4, 2));
const bytes = exportOnnx(model, [zeros([3, 2])], {
  inputNames: ['x'],
  outputNames: ['y'],
  dynamicAxes: { x: { 0: 'batch' }, y: { 0: 'batch' } },
});
const summary = checkOnnxModel(bytes);
console.log(JSON.stringify({ ok: {
  bytes: bytes instanceof Uint8Array && bytes.length > 100,
  operators: summary.operators.join() === 'Gemm,Relu', // the distinct operators
  initializers: summary.initializers.sort().join() === '0.bias,0.weight,2.bias,2.weight',
  dynamicBatch: summary.inputs[0].dims[0] === 'batch',
} }));
`,
  commonjs: commonjsProgram('@dl/onnx', 'exportOnnx'),
  typescript: `
import { zeros } from '@dl/tensor';
import { Linear } from '@dl/nn';
import { checkOnnxModel, exportOnnx, type ExportOnnxOptions } from '@dl/onnx';
const options: ExportOnnxOptions = { opsetVersion: 17, inputNames: ['x'] };
const bytes: Uint8Array = exportOnnx(new Linear(2, 3), [zeros([1, 2])], options);
const operators: string[] = checkOnnxModel(bytes).operators;
export { operators };
`,
};

/**
 * A CommonJS TypeScript file that `require()`s the package. TypeScript types `require()` of an ES
 * module under `module: nodenext` (TypeScript >= 5.8, as Node >= 20.19 runs it); `node16` models
 * Node 16, which could not, so this check runs under nodenext only.
 */
export function commonjsTypescript(name: PublishedPackage): string {
  return `
import loaded = require('@dl/${name}');
import core = require('@dl/tensor');
const names: string[] = Object.keys(loaded);
const made: core.Tensor = core.tensor([1, 2]);
export = { names, made };
`;
}

export const smokePrograms: Record<PublishedPackage, SmokeProgram> = { tensor, gpu, nn, rnn, gan, metrics, data, datasets, onnx };
