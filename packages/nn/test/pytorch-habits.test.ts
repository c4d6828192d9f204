// The table of PyTorch habits (issue #14): each row is a PyTorch program as a new user ports it.
// Either it matches torch's value (tools/fixtures/pytorch_habits_reference.py → nn_pytorch_habits.json)
// or it throws an Error whose message names the function and the option — never an engine message.
import { describe, expect, it } from 'vitest';
import { arange, gather, manualSeed, noGrad, ones, randn, remainder, softmax, tensor, zeros, type Tensor } from '@dl/tensor';
import { Generator, MnistDataset, ToTensor, Compose, Normalize } from '@dl/data';
import {
  Adam,
  AvgPool2d,
  BCELoss,
  BCEWithLogitsLoss,
  Conv2d,
  CosineAnnealingLR,
  CrossEntropyLoss,
  Embedding,
  ExponentialLR,
  F,
  Flatten,
  HuberLoss,
  LeakyReLU,
  Linear,
  MaxPool2d,
  MSELoss,
  ReduceLROnPlateau,
  ReLU,
  Sequential,
  SGD,
  Softmax,
  StepLR,
  init,
  AlexNet,
  densenet121,
  EarlyStopping,
  LeNet5,
  resnet18,
  summary,
  vgg11,
} from '../src/index.js';
import { readFixture } from './helpers/nn-fixtures.js';

const torch = readFixture<Record<string, unknown>>('nn_pytorch_habits.json');
const engineMessages = [
  'Cannot read properties',
  'is not iterable',
  'is not a function',
  '[object Object]',
  'Invalid typed array length',
  'undefined',
];

/** A row that works: its result, compared with torch's value. */
interface Works {
  habit: string;
  run: () => unknown;
  torch: string;
  tolerance?: number;
}
/** A row that torch rejects too, or that we reject: the message must name these (function, option). */
interface Throws {
  habit: string;
  run: () => unknown;
  names: (string | RegExp)[];
}

const values = (x: Tensor) => Array.from(x.dataSync());
const parameter = (data: number[]) => tensor(data, { requiresGrad: true });

function sgdStep(make: (w: Tensor) => SGD | Adam, steps: number, start = [1, 2]): number[] {
  const w = parameter(start);
  const optimizer = make(w);
  for (let step = 0; step < steps; step++) {
    optimizer.zeroGrad();
    w.mul(w).sum().backward();
    optimizer.step();
  }
  return values(w);
}

function schedule(make: (optimizer: SGD) => { step(): void }, steps: number): number[] {
  const optimizer = new SGD([parameter([0])], { lr: 1 });
  const scheduler = make(optimizer);
  const rates: number[] = [];
  for (let step = 0; step < steps; step++) {
    rates.push(optimizer.paramGroups[0]!.lr);
    optimizer.step();
    scheduler.step();
  }
  return rates;
}

const probabilities = tensor([[0.9], [0.2], [0.7], [0.4]]);
const targets = tensor([[1], [0], [1], [0]]);
const logits = tensor([
  [1, 2, 0.5],
  [0.1, 0.2, 3],
]);
const labels = tensor([1, 2], { dtype: 'int32' });

/** The rows the keyword habits run on (the fixture's v). */
const grid = () =>
  tensor([
    [1, 2, 4],
    [3, -1, 0.5],
  ]);
/** The fixture's img and kernel: sin and cos of counts (offset by ½ for the image), an image [1, 2, 4, 4] and a filter [1, 2, 3, 3]. */
const image = () => arange(32).add(0.5).reshape([1, 2, 4, 4]).sin();
const imageKernel = () => arange(18).reshape([1, 2, 3, 3]).cos();
/** The fixture's gamma and beta: an affine per feature of the grid. */
const gamma = () => tensor([0.5, -2, 1.5]);
const beta = () => tensor([0.25, 0, -1]);
const pairs = tensor([
  [1, -2],
  [3, 4],
]);
/** Sequential(lin, act, lin, act) with the fixture's weights. */
function repeated(): Sequential {
  const linear = new Linear(2, 2);
  noGrad(() => {
    linear.weight.copy_(
      tensor([
        [1, -1],
        [0.5, 2],
      ]),
    );
    linear.bias!.copy_(tensor([-3, 0.25]));
  });
  const activation = new ReLU();
  return new Sequential(linear, activation, linear, activation);
}

const works: Works[] = [
  { habit: 'new SGD(params, 0.1): lr second', torch: 'sgd_positional_lr', run: () => sgdStep((w) => new SGD([w], 0.1), 1) },
  {
    habit: 'new SGD(params, lr, momentum, dampening, weight_decay)',
    torch: 'sgd_positional_all',
    run: () => sgdStep((w) => new SGD([w], 0.1, 0.9, 0, 0.1), 2),
  },
  {
    habit: 'new Adam(params, lr, betas)',
    torch: 'adam_positional',
    run: () => sgdStep((w) => new Adam([w], 0.01, [0.8, 0.9]), 3, [1, -2]),
  },
  { habit: 'new Conv2d(1, 8, 3, 2): stride 2', torch: 'conv_stride', run: () => new Conv2d(1, 8, 3, 2).call(zeros(1, 1, 8, 8)).shape },
  {
    habit: 'new Conv2d(1, 8, 3, 1, 1): padding 1',
    torch: 'conv_padding',
    run: () => new Conv2d(1, 8, 3, 1, 1).call(zeros(1, 1, 8, 8)).shape,
  },
  {
    habit: 'new Linear(2, 3, false): no bias',
    torch: 'linear_no_bias_parameters',
    run: () => [...new Linear(2, 3, false).parameters()].reduce((n, p) => n + p.numel(), 0),
  },
  { habit: 'new MaxPool2d(2, 1): stride 1', torch: 'maxpool_stride', run: () => new MaxPool2d(2, 1).call(zeros(1, 1, 4, 4)).shape },
  { habit: 'new AvgPool2d(3, 2, 1)', torch: 'avgpool_stride_padding', run: () => new AvgPool2d(3, 2, 1).call(zeros(1, 1, 6, 6)).shape },
  {
    habit: 'new Embedding(10, 4, 0): padding index 0',
    torch: 'embedding_padding_row',
    run: () => values(new Embedding(10, 4, 0).weight.select(0, 0)),
  },
  { habit: 'new StepLR(opt, 10, 0.5)', torch: 'steplr_positional', run: () => schedule((o) => new StepLR(o, 10, 0.5), 25) },
  // keywords (PyTorch's keyword arguments as an options object) that were once read as the default
  { habit: 'x.var(1, { unbiased: false })', torch: 'var_unbiased_false', run: () => values(grid().var(1, { unbiased: false })) },
  { habit: 'x.std(0, { unbiased: false })', torch: 'std_unbiased_false', run: () => values(grid().std(0, { unbiased: false })) },
  { habit: "F.gelu(x, { approximate: 'tanh' })", torch: 'gelu_tanh_keyword', run: () => values(F.gelu(grid(), { approximate: 'tanh' })) },
  {
    habit: 'F.oneHot(labels, { numClasses: 4 })',
    torch: 'one_hot_keyword',
    run: () => F.oneHot(tensor([0, 1], { dtype: 'int32' }), { numClasses: 4 }).shape,
  },
  {
    habit: 'F.dropout(x, { p: 0.5, training: false })',
    torch: 'dropout_training_false',
    run: () => values(F.dropout(grid(), { p: 0.5, training: false })),
  },
  {
    habit: 'F.leakyRelu(x, { negativeSlope: 0.2 })',
    torch: 'leaky_relu_keyword',
    run: () => values(F.leakyRelu(grid(), { negativeSlope: 0.2 })),
  },
  {
    habit: 'F.batchNorm(x, null, null, null, null, { training: true })',
    torch: 'batch_norm_training_keyword',
    run: () => values(F.batchNorm(grid(), null, null, null, null, { training: true })),
  },
  // the normalisations' weight, bias and eps by keyword (refused before: "weight must be a tensor or null, got an object")
  {
    habit: 'F.layerNorm(x, [3], { weight, bias, eps: 1e-3 })',
    torch: 'layer_norm_keywords',
    run: () => values(F.layerNorm(grid(), [3], { weight: gamma(), bias: beta(), eps: 1e-3 })),
  },
  {
    habit: 'F.groupNorm(x, 1, { weight, eps: 0.5 })',
    torch: 'group_norm_keywords',
    run: () => values(F.groupNorm(grid().reshape([2, 3, 1]), 1, { weight: gamma(), eps: 0.5 })),
  },
  {
    habit: 'F.batchNorm(x, null, null, { weight, bias, training: true })',
    torch: 'batch_norm_weight_keyword',
    run: () => values(F.batchNorm(grid(), null, null, { weight: gamma(), bias: beta(), training: true })),
  },
  // torch.nn.functional's positional order (threw "expected an options object, got 2" before)
  { habit: 'F.maxPool2d(x, 2, 1)', torch: 'max_pool2d_positional', run: () => values(F.maxPool2d(image(), 2, 1)) },
  {
    habit: 'F.avgPool2d(x, 3, 2, 1, false, false)',
    torch: 'avg_pool2d_positional',
    run: () => values(F.avgPool2d(image(), 3, 2, 1, false, false)),
  },
  { habit: 'F.maxPool1d(x, 3, 2, 1)', torch: 'max_pool1d_positional', run: () => values(F.maxPool1d(image().reshape([1, 4, 8]), 3, 2, 1)) },
  {
    habit: 'F.conv2d(x, w, b, 2, 1)',
    torch: 'conv2d_positional',
    run: () => values(F.conv2d(image(), imageKernel(), tensor([0.5]), 2, 1)),
  },
  {
    habit: 'F.convTranspose2d(x, w, null, 2, 1, 1)',
    torch: 'conv_transpose2d_positional',
    run: () => values(F.convTranspose2d(image(), imageKernel().reshape([2, 1, 3, 3]), null, 2, 1, 1)),
  },
  {
    habit: 'F.crossEntropy(x, y, weight)',
    torch: 'functional_cross_entropy_weight_positional',
    run: () => values(F.crossEntropy(grid(), tensor([2, 0], { dtype: 'int32' }), tensor([1, 2, 0.5]))),
  },
  { habit: 'F.normalize(x, 1, 0)', torch: 'normalize_positional', run: () => values(F.normalize(grid(), 1, 0)) },
  {
    habit: 'F.cosineSimilarity(a, b, 0)',
    torch: 'cosine_similarity_positional',
    run: () => values(F.cosineSimilarity(grid(), grid().flip(0), 0)),
  },
  {
    habit: "F.interpolate(x, null, 2, 'bilinear', false)",
    torch: 'interpolate_positional',
    run: () => values(F.interpolate(image(), null, 2, 'bilinear', false)),
  },
  { habit: 'F.unfold(x, 2, 1, 0, 2)', torch: 'unfold_positional', run: () => values(F.unfold(image(), 2, 1, 0, 2)) },
  {
    habit: 'F.tripletMarginLoss(a, p, n, 0.5, 1, 1e-6, true)',
    torch: 'triplet_margin_positional',
    run: () => values(F.tripletMarginLoss(grid(), grid().flip(0), grid().mul(0.5), 0.5, 1, 1e-6, true)),
  },
  {
    habit: 'F.marginRankingLoss(a, b, y, 0.5)',
    torch: 'margin_ranking_positional',
    run: () => values(F.marginRankingLoss(grid().select(0, 0), grid().select(0, 1), tensor([1, -1, 1]), 0.5)),
  },
  // softmax's dtype keyword casts the input first (a third argument was once ignored)
  {
    habit: "softmax(intCounts, 1, { dtype: 'float64' })",
    torch: 'softmax_int_dtype',
    run: () =>
      float64Values(
        softmax(
          tensor(
            [
              [1, 2],
              [3, 5],
            ],
            { dtype: 'int32' },
          ),
          1,
          { dtype: 'float64' },
        ),
      ),
  },
  {
    habit: "F.logSoftmax(x, { dim: 0, dtype: 'float64' })",
    torch: 'log_softmax_dim_dtype_keywords',
    run: () => float64Values(F.logSoftmax(grid(), { dim: 0, dtype: 'float64' })),
  },
  {
    habit: "F.softmin(x, 1, { dtype: 'float64' })",
    torch: 'softmin_dtype',
    run: () => float64Values(F.softmin(grid(), 1, { dtype: 'float64' })),
  },
  // one activation instance at two positions runs at both, and counts twice
  { habit: 'new Sequential(lin, act, lin, act)', torch: 'sequential_repeated_module', run: () => values(repeated().call(pairs)) },
  { habit: 'new Sequential(lin, act, lin, act).length', torch: 'sequential_repeated_length', run: () => repeated().length },
  { habit: 'new CosineAnnealingLR(opt, 10)', torch: 'cosine_positional', run: () => schedule((o) => new CosineAnnealingLR(o, 10), 12) },
  { habit: 'new ExponentialLR(opt, 0.9)', torch: 'exponential_positional', run: () => schedule((o) => new ExponentialLR(o, 0.9), 5) },
  { habit: 'BCELoss with matching shapes', torch: 'bce_matching_shapes', run: () => new BCELoss().call(probabilities, targets).itemSync() },
  { habit: "new MSELoss('sum')", torch: 'mse_sum_positional', run: () => new MSELoss('sum').call(probabilities, targets).itemSync() },
  {
    habit: "new HuberLoss('sum', 0.5)",
    torch: 'huber_positional',
    run: () => new HuberLoss('sum', 0.5).call(probabilities.mul(3), targets).itemSync(),
  },
  {
    habit: 'new CrossEntropyLoss(weight)',
    torch: 'cross_entropy_weight_positional',
    run: () => new CrossEntropyLoss(tensor([1, 2, 0.5])).call(logits, labels).itemSync(),
  },
  {
    habit: 'CrossEntropyLoss({ labelSmoothing: 0.5 })',
    torch: 'cross_entropy_label_smoothing',
    run: () => new CrossEntropyLoss({ labelSmoothing: 0.5 }).call(logits, labels).itemSync(),
  },
  {
    habit: "init.kaimingUniform(w, { mode: 'fan_in', nonlinearity: 'relu' }): fan-in bound",
    torch: 'kaiming_bound_fan_in',
    tolerance: 0.02,
    run: () => init.kaimingUniform(zeros(400, 10), { mode: 'fan_in', nonlinearity: 'relu' }).abs().amax().itemSync(),
  },
  {
    habit: "init.kaimingUniform(w, 0, 'fan_out', 'relu'): fan-out bound",
    torch: 'kaiming_bound_fan_out',
    tolerance: 0.02,
    run: () => init.kaimingUniform(zeros(400, 10), 0, 'fan_out', 'relu').abs().amax().itemSync(),
  },
  { habit: 'randn(2, 3): sizes as arguments', torch: 'randn_varargs', run: () => randn(2, 3).shape },
  { habit: 'ones(4, 1): sizes as arguments', torch: 'ones_varargs', run: () => ones(4, 1).shape },
  { habit: "tensor([2, 0.5], { dtype: 'bool' })", torch: 'bool_cast', run: () => values(tensor([2, 0.5], { dtype: 'bool' })).map(Boolean) },
  { habit: 'clamp({ min, max })', torch: 'clamp_keywords', run: () => values(tensor([1, -2, 3]).clamp({ min: -1, max: 2 })) },
  { habit: 'new Softmax({ dim: 1 })', torch: 'softmax_dim', run: () => values(new Softmax({ dim: 1 }).call(logits)) },
  { habit: 'new LeakyReLU(0.2)', torch: 'leaky_relu_positional', run: () => values(new LeakyReLU(0.2).call(tensor([1, -2, 3]))) },
  { habit: 'new Flatten(0, 1)', torch: 'flatten_positional', run: () => new Flatten(0, 1).call(zeros(2, 3, 4)).shape },
  {
    habit: 'backward({ retainGraph: true }) then backward()',
    torch: 'backward_retain_graph',
    run: () => {
      const a = parameter([1, 2]);
      const loss = a.mul(a).sum();
      loss.backward({ retainGraph: true });
      loss.backward();
      return values(a.grad!);
    },
  },
  { habit: 'remainder of floats', torch: 'remainder_float', run: () => values(remainder(tensor([5, -5]), 3)) },
];

const w = () => [parameter([1])];
const throws: Throws[] = [
  {
    habit: 'for p in features.parameters(): p.requires_grad = False  (freezing a layer)',
    run: () => {
      const features = new Linear(2, 3);
      for (const parameter of features.parameters()) (parameter as unknown as Record<string, boolean>).requires_grad = false;
    },
    names: ['requires_grad', 'requiresGrad'],
  },
  {
    habit: 'optimizer.zero_grad()',
    run: () => (new SGD(w(), { lr: 0.1 }) as unknown as Record<string, () => void>).zero_grad!(),
    names: ['zero_grad', 'zeroGrad'],
  },
  {
    habit: 'model.state_dict()',
    run: () => (new Linear(2, 3) as unknown as Record<string, () => void>).state_dict!(),
    names: ['state_dict', 'stateDict'],
  },
  {
    habit: 'for name, p in model.named_parameters()',
    run: () => (new Linear(2, 3) as unknown as Record<string, () => void>).named_parameters!(),
    names: ['named_parameters', 'namedParameters'],
  },
  {
    habit: 'scheduler.get_last_lr()',
    run: () => (new StepLR(new SGD(w(), { lr: 0.1 }), { stepSize: 2 }) as unknown as Record<string, () => void>).get_last_lr!(),
    names: ['get_last_lr', 'getLastLr'],
  },
  {
    habit: "for g in optimizer.param_groups: g['lr'] = 0.01",
    run: () => (new SGD(w(), { lr: 0.1 }) as unknown as Record<string, unknown>).param_groups,
    names: ['param_groups', 'paramGroups'],
  },
  {
    habit: 'scheduler.last_epoch',
    run: () => (new StepLR(new SGD(w(), { lr: 0.1 }), { stepSize: 2 }) as unknown as Record<string, unknown>).last_epoch,
    names: ['last_epoch', 'lastEpoch'],
  },
  {
    habit: 'plateau.num_bad_epochs',
    run: () => (new ReduceLROnPlateau(new SGD(w(), { lr: 0.1 })) as unknown as Record<string, unknown>).num_bad_epochs,
    names: ['num_bad_epochs', 'numBadEpochs'],
  },
  {
    habit: 'x.masked_fill(mask, 0)',
    run: () => (ones([2]) as unknown as Record<string, () => void>).masked_fill!(),
    names: ['masked_fill', 'maskedFill'],
  },
  {
    habit: 'p.data = torch.zeros(3)',
    run: () => {
      (new Linear(2, 3).bias as unknown as Record<string, Tensor>).data = zeros([3]);
    },
    names: ['data', 'copy_'],
  },
  {
    habit: 'p.grad = torch.zeros(2)  (a gradient of the wrong shape)',
    run: () => {
      new Linear(2, 3).bias!.grad = zeros([2]);
    },
    names: ['grad', 'different size'],
  },
  {
    habit: '{ weight_decay: 0.1 }',
    run: () => new SGD(w(), { lr: 0.1, weight_decay: 0.1 } as never),
    names: ['SGD', '`weight_decay`', 'did you mean `weightDecay`?'],
  },
  {
    habit: '{ learningRate: 0.1 }',
    run: () => new Adam(w(), { learningRate: 0.1 } as never),
    names: ['Adam', '`learningRate`', 'did you mean `lr`?'],
  },
  {
    habit: '{ step_size: 2 }',
    run: () => new StepLR(new SGD(w(), 0.1), { step_size: 2 } as never),
    names: ['StepLR', '`step_size`', 'did you mean `stepSize`?'],
  },
  {
    habit: '{ T_max: 10 }',
    run: () => new CosineAnnealingLR(new SGD(w(), 0.1), { T_max: 10 } as never),
    names: ['CosineAnnealingLR', '`T_max`', 'did you mean `tMax`?'],
  },
  {
    habit: 'CosineAnnealingLR without tMax',
    run: () => new CosineAnnealingLR(new SGD(w(), 0.1), {} as never),
    names: ['CosineAnnealingLR', '`tMax`', 'required'],
  },
  {
    habit: '{ label_smoothing: 0.5 }',
    run: () => new CrossEntropyLoss({ label_smoothing: 0.5 } as never),
    names: ['CrossEntropyLoss', 'did you mean `labelSmoothing`?'],
  },
  {
    habit: "new Conv2d(1, 8, 3, { padding_mode: 'zeros' })",
    run: () => new Conv2d(1, 8, 3, { padding_mode: 'zeros' } as never),
    names: ['Conv2d', '`padding_mode`', 'Accepted options'],
  },
  {
    habit: "init.kaimingNormal(w, { mode: 'fan' })",
    run: () => init.kaimingNormal(zeros(4, 4), { mode: 'fan' } as never),
    names: ['init.kaimingNormal', 'mode', "'fan_in'"],
  },
  {
    habit: "new MSELoss({ reduction: 'avg' })",
    run: () => new MSELoss({ reduction: 'avg' } as never),
    names: ['MSELoss', 'reduction', "'mean'"],
  },
  {
    habit: "ReduceLROnPlateau mode 'maximum'",
    run: () => new ReduceLROnPlateau(new SGD(w(), 0.1), 'maximum' as never),
    names: ['ReduceLROnPlateau', 'mode', "'max'"],
  },
  {
    habit: 'BCELoss [4, 1] against [4]',
    run: () => new BCELoss().call(probabilities, tensor([1, 0, 1, 0])),
    names: ['binaryCrossEntropy', '[4]', '[4, 1]'],
  },
  {
    habit: 'MSELoss [4, 1] against [4]',
    run: () => new MSELoss().call(probabilities, tensor([1, 0, 1, 0])),
    names: ['mseLoss', '[4]', '[4, 1]'],
  },
  {
    habit: 'BCEWithLogitsLoss [4, 1] against [4]',
    run: () => new BCEWithLogitsLoss().call(probabilities, tensor([1, 0, 1, 0])),
    names: ['binaryCrossEntropyWithLogits', '[4]', '[4, 1]'],
  },
  {
    habit: 'BCELoss on logits outside [0, 1]',
    run: () => new BCELoss().call(tensor([1.5, -0.5]), tensor([1, 0])),
    names: ['binaryCrossEntropy', 'between 0 and 1'],
  },
  {
    habit: 'CrossEntropyLoss with float class indices',
    run: () => new CrossEntropyLoss().call(logits, tensor([1, 2])),
    names: ['crossEntropy', 'expected integer class indices (int32), got float32'],
  },
  {
    habit: 'NLLLoss with float class indices',
    run: () => F.nllLoss(logits, tensor([1, 2])),
    names: ['nllLoss', 'expected integer class indices (int32), got float32'],
  },
  { habit: 'new Linear(2.5, 4)', run: () => new Linear(2.5, 4), names: ['Linear', 'inFeatures', '2.5'] },
  { habit: 'Conv2d padding -1', run: () => new Conv2d(1, 8, 3, { padding: -1 }), names: ['Conv2d', 'padding', '-1'] },
  { habit: 'Conv2d stride 0', run: () => new Conv2d(1, 8, 3, 0), names: ['Conv2d', 'stride', '0'] },
  {
    habit: 'F.conv2d stride 0',
    run: () => F.conv2d(zeros(1, 1, 4, 4), zeros(1, 1, 3, 3), null, { stride: 0 }),
    names: ['conv2d', 'stride'],
  },
  {
    habit: 'Embedding index -1',
    run: () => new Embedding(10, 4).call(tensor([-1], { dtype: 'int32' })),
    names: ['embedding', 'index -1', 'out of bounds'],
  },
  {
    habit: 'gather index -1',
    run: () => gather(tensor([[1, 2, 3]]), 1, tensor([[-1]], { dtype: 'int32' })),
    names: ['gather', 'index -1', 'out of bounds'],
  },
  { habit: 'int32 remainder by 0', run: () => remainder(tensor([5], { dtype: 'int32' }), 0), names: ['remainder', 'division by zero'] },
  { habit: 'arange(0, 5, -1)', run: () => arange(0, 5, -1), names: ['arange', 'step'] },
  { habit: 'zeros(-1, 2)', run: () => zeros(-1, 2), names: ['zeros', 'non-negative integers', '-1'] },
  { habit: 'randn([2.5])', run: () => randn([2.5]), names: ['randn', 'non-negative integers', '2.5'] },
  {
    habit: "dtype 'int64'",
    run: () => zeros([2], { dtype: 'int64' as never }),
    names: ['zeros', "'int64'", 'float32, float64, int32, bool'],
  },
  { habit: "dtype 'long'", run: () => tensor([1, 2], { dtype: 'long' as never }), names: ['tensor', "'long'", 'int32'] },
  { habit: '.long()', run: () => tensor([1]).long(), names: ['long', 'int32'] },
  { habit: "to('int64')", run: () => tensor([1]).to('int64'), names: ['to', "'int64'", 'int32'] },
  { habit: 'new Softmax() without dim', run: () => new (Softmax as new () => Softmax)(), names: ['Softmax', 'dim'] },
  {
    habit: 'clamp({ minimum: 0 })',
    run: () => tensor([1]).clamp({ minimum: 0 } as never),
    names: ['clamp', '`minimum`', 'Accepted options: min, max'],
  },
  {
    habit: 'backward({ retain_graph: true })',
    run: () =>
      parameter([1])
        .sum()
        .backward({ retain_graph: true } as never),
    names: ['backward', 'did you mean `retainGraph`?'],
  },
  { habit: 'randn([2], { generator: 3 })', run: () => randnWith(3), names: ['generator', 'Generator'] },
  {
    habit: 'x.var(0, false): torch’s positional unbiased',
    run: () => grid().var(0, false as never),
    names: ['var', '{ unbiased: false }'],
  },
  { habit: "F.gelu(x, 'tahn')", run: () => F.gelu(grid(), 'tahn' as never), names: ['gelu', 'approximate', "'tahn'"] },
  { habit: "F.leakyRelu(x, '0.2')", run: () => F.leakyRelu(grid(), '0.2' as never), names: ['leakyRelu', 'negativeSlope'] },
  {
    habit: 'F.layerNorm(x, [3], { epsilon: 1e-6 })',
    run: () => F.layerNorm(grid(), [3], { epsilon: 1e-6 } as never),
    names: ['layerNorm', 'epsilon', 'eps'],
  },
  {
    habit: 'F.batchNorm(x, null, null, null, null, { trainig: true })',
    run: () => F.batchNorm(grid(), null, null, null, null, { trainig: true } as never),
    names: ['batchNorm', '`trainig`'],
  },
  { habit: 'F.dropout(x, { prob: 0.2 })', run: () => F.dropout(grid(), { prob: 0.2 } as never), names: ['dropout', '`prob`'] },
  {
    habit: 'ToTensor on float HWC bytes',
    run: () =>
      new ToTensor().forward(
        tensor([
          [
            [0, 255],
            [1, 2],
          ],
        ]),
      ),
    names: ['ToTensor', 'already converted'],
  },
  // these five took a snake_case keyword silently and built the default (1,000 classes, patience 5)
  {
    habit: 'resnet18({ num_classes: 10 })',
    run: () => resnet18({ num_classes: 10 } as never),
    names: ['ResNet', '`num_classes`', 'did you mean `numClasses`?'],
  },
  {
    habit: 'vgg11({ batch_norm: true })',
    run: () => vgg11({ batch_norm: true } as never),
    names: ['VGG', '`batch_norm`', 'did you mean `batchNorm`?'],
  },
  { habit: 'new LeNet5({ num_classes: 10 })', run: () => new LeNet5({ num_classes: 10 } as never), names: ['LeNet5', '`num_classes`'] },
  { habit: 'new AlexNet({ num_classes: 10 })', run: () => new AlexNet({ num_classes: 10 } as never), names: ['AlexNet', '`num_classes`'] },
  {
    habit: 'densenet121({ growth_rate: 12 })',
    run: () => densenet121({ growth_rate: 12 } as never),
    names: ['DenseNet', '`growth_rate`', 'did you mean `growthRate`?'],
  },
  {
    habit: 'new EarlyStopping({ min_delta: 0.01 })',
    run: () => new EarlyStopping({ min_delta: 0.01 } as never),
    names: ['EarlyStopping', '`min_delta`', 'did you mean `minDelta`?'],
  },
  {
    habit: "torchsummary's summary(model, { input_size })",
    run: () => summary(new Linear(2, 2), { input_size: [1, 2] } as never),
    names: ['summary', 'inputShape', 'batch included'],
  },
  {
    habit: 'softmax of an integer tensor without a dtype (torch refuses it too)',
    run: () => tensor([[1, 2]], { dtype: 'int32' }).softmax(1),
    names: ['softmax', 'int32', "{ dtype: 'float32' }"],
  },
  {
    habit: "F.logSoftmax(x, 1, { dtype: 'int32' })",
    run: () => F.logSoftmax(grid(), 1, { dtype: 'int32' }),
    names: ['logSoftmax', 'floating dtype', "'int32'"],
  },
  {
    habit: 'F.softmax(x, 1, { dtpye: ... })',
    run: () => F.softmax(grid(), 1, { dtpye: 'float64' } as never),
    names: ['softmax', '`dtpye`'],
  },
  {
    habit: 'summary(model, [1, 2], { verbose: 0 })',
    run: () => summary(new Linear(2, 2), [1, 2], { verbose: 0 } as never),
    names: ['summary', '`verbose`'],
  },
];

/** The values of a result that must be float64 (torch's dtype keyword). */
function float64Values(result: Tensor): number[] {
  expect(result.dtype).toBe('float64');
  return Array.from(result.dataSync());
}

/** randn with a generator that is not one. */
function randnWith(generator: unknown): Tensor {
  return randn([2], { generator: generator as never });
}

describe('PyTorch habits that work give torch’s values', () => {
  for (const row of works)
    it(row.habit, () => {
      manualSeed(0);
      const want = torch[row.torch];
      expect(want, `fixture ${row.torch}`).toBeDefined();
      const got = row.run();
      if (typeof want === 'number')
        expect(Math.abs((got as number) - want)).toBeLessThanOrEqual(row.tolerance ?? 1e-5 * Math.max(1, Math.abs(want)));
      else if (Array.isArray(want) && typeof want[0] === 'number' && !Number.isInteger(want[0]))
        (want as number[]).forEach((value, index) =>
          expect(Math.abs((got as number[])[index]! - value)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(value))),
        );
      else expect(Array.isArray(got) ? [...(got as unknown[])] : got).toEqual(want);
    });
});

describe('PyTorch habits that do not work throw, naming the function and the option', () => {
  for (const row of throws)
    it(row.habit, () => {
      let error: unknown;
      try {
        row.run();
      } catch (caught) {
        error = caught;
      }
      expect(error, 'expected an Error').toBeInstanceOf(Error);
      const message = (error as Error).message;
      for (const name of row.names) expect(message).toContain(name);
      for (const engine of engineMessages) expect(message).not.toContain(engine);
    });
});

describe('habits of the data pipeline', () => {
  it("DataLoader({ batch_size: 4 }) suggests batchSize; DataLoader(dataset, 4, true) takes PyTorch's positionals", async () => {
    const { DataLoader, TensorDataset } = await import('@dl/data');
    const dataset = new TensorDataset(arange(0, 8, 1, { dtype: 'float32' }));
    expect(() => new DataLoader(dataset, { batch_size: 4 } as never)).toThrow(
      'DataLoader: unknown option `batch_size` (did you mean `batchSize`?)',
    );
    const batches: number[] = [];
    for await (const [x] of new DataLoader(dataset, 4, true, { generator: new Generator(0) })) batches.push((x as Tensor).shape[0]!);
    expect(batches).toEqual([4, 4]);
  });

  it('Compose([ToTensor(), Normalize(...)]) on an MNIST item leaves its shape and maps [0, 1] to the normalised range', () => {
    const images = tensor(
      Float32Array.from({ length: 2 * 28 * 28 }, (_, i) => (i % 256) / 255),
      { shape: [2, 1, 28, 28] },
    );
    const dataset = new MnistDataset(
      { images, labels: tensor([3, 7], { dtype: 'int32' }) } as never,
      new Compose([new ToTensor(), new Normalize([0.5], [0.5])]) as never,
    );
    const [image] = dataset.getItem(0);
    expect(image.shape).toEqual([1, 28, 28]);
    expect(image.amin().itemSync()).toBeCloseTo(-1, 5);
    expect(image.amax().itemSync()).toBeCloseTo(1, 5);
  });
});
