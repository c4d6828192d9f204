import { describeValue } from '@dl/tensor';

// A scheduler option of the wrong type was taken and computed with: `etaMin: '0.01'` made the
// learning rate the string '0.0877…0.01' (a number concatenated with it), `gamma: null` a rate of 0,
// `stepSize: '2'` was coerced. torch's schedulers raise for each in their arithmetic. The options
// whose values are strings (mode, annealStrategy, …) or functions (lrLambda, scaleFn) and the lists
// of schedulers are checked where they are read.

type Kind = 'number' | 'number or null' | 'numbers per group' | 'list of numbers' | 'boolean';

/** Each scheduler option that holds a number, numbers or a flag, by name (the same name means the same kind in every scheduler). */
const KINDS: Readonly<Record<string, Kind>> = {
  stepSize: 'number',
  gamma: 'number',
  lastEpoch: 'number',
  tMax: 'number',
  etaMin: 'number',
  t0: 'number',
  tMult: 'number',
  factor: 'number',
  totalIters: 'number',
  startFactor: 'number',
  endFactor: 'number',
  power: 'number',
  patience: 'number',
  threshold: 'number',
  cooldown: 'number',
  eps: 'number',
  epochs: 'number',
  stepsPerEpoch: 'number',
  pctStart: 'number',
  divFactor: 'number',
  finalDivFactor: 'number',
  stepSizeUp: 'number',
  annealEpochs: 'number',
  totalSteps: 'number or null',
  stepSizeDown: 'number or null',
  baseLr: 'numbers per group',
  maxLr: 'numbers per group',
  minLr: 'numbers per group',
  baseMomentum: 'numbers per group',
  maxMomentum: 'numbers per group',
  swaLr: 'numbers per group',
  milestones: 'list of numbers',
  cycleMomentum: 'boolean',
  threePhase: 'boolean',
};

const isNumber = (value: unknown): boolean => typeof value === 'number' && !Number.isNaN(value);
const isNumberList = (value: unknown): boolean => Array.isArray(value) && value.every(isNumber);

const accepts: Record<Kind, (value: unknown) => boolean> = {
  number: isNumber,
  'number or null': (value) => value === null || isNumber(value),
  'numbers per group': (value) => isNumber(value) || isNumberList(value),
  'list of numbers': isNumberList,
  boolean: (value) => typeof value === 'boolean',
};

const described: Record<Kind, string> = {
  number: 'a number',
  'number or null': 'a number or null',
  'numbers per group': 'a number or a list of numbers (one per parameter group)',
  'list of numbers': 'a list of numbers',
  boolean: 'true or false',
};

/** Throws for an option given (not undefined) whose value is not of its kind. */
export function checkSchedulerOptionTypes(owner: string, options: object): void {
  for (const [name, value] of Object.entries(options)) {
    const kind = KINDS[name];
    if (kind === undefined || value === undefined || accepts[kind](value)) continue;
    throw new Error(`${owner}: ${name} must be ${described[kind]}, got ${describeValue(value)}`);
  }
}
