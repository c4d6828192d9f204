// Options whose kind is the same wherever they appear, checked by `checkOptions` (and so by
// `readArguments`: the constructors of layers and losses, the functional forms, the transforms). A value of
// the wrong kind was taken silently where the code only tested it or compared it: the string 'false', from
// a command line or a form, is truthy, so `new KLDivLoss({ logTarget: 'false' })` computed the loss of a
// log target, `new Conv2d(1, 8, 3, { bias: 'false' })` made a bias, and `new LeakyReLU(0.01, 'false')`
// wrote into its input; `new CrossEntropyLoss({ ignoreIndex: '1' })` ignored nothing. torch raises for each
// (its argument parser or its arithmetic). Options that take several kinds (`p`: a number or 'fro';
// `foreach`: a flag or None; `normType`: a number or 'inf'; `eps`: a number, 'auto' or a tensor) are
// checked where they are read.

/** Options that are flags: true or false. */
const FLAGS = new Set([
  'inplace',
  'affine',
  'trackRunningStats',
  'elementwiseAffine',
  'swap',
  'full',
  'logInput',
  'logTarget',
  'zeroInfinity',
  'countIncludePad',
  'ceilMode',
  'returnIndices',
  'alignCorners',
  'batchFirst',
  'bidirectional',
  'normFirst',
  'scaleGradByFreq',
  'sparse',
  'includeLast',
  'addBiasKv',
  'addZeroAttn',
  'needWeights',
  'averageAttnWeights',
  'keepdim',
  'enforceSorted',
  'descending',
  'largest',
  'sorted',
  'hard',
]);

/** Options that are numbers, or null where torch's is None (Embedding's paddingIdx, BatchNorm's momentum); `normType` and `eps` are not (torch's 'inf'; logLoss's 'auto', gradientPenalty's weights). */
const NUMBERS = new Set(['labelSmoothing', 'ignoreIndex', 'paddingIdx', 'maxNorm', 'momentum', 'margin', 'delta']);

/** What an option's value should have been, or null when it is of its option's kind (undefined: not given). */
export function optionKindProblem(name: string, value: unknown): string | null {
  if (value === undefined) return null;
  if (FLAGS.has(name) && typeof value !== 'boolean') return 'true or false';
  // NaN and the infinities are left to the checks of each (some take ∞, none NaN), with their own words
  if (NUMBERS.has(name) && value !== null && typeof value !== 'number') return 'a number';
  // a layer's bias flag, or a functional form's bias tensor: never a string
  if (name === 'bias' && typeof value === 'string') return 'true or false';
  return null;
}
