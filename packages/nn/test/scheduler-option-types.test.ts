import { describe, expect, it } from 'vitest';
import { zeros } from '@dl/tensor';
import {
  ConstantLR,
  CosineAnnealingLR,
  CosineAnnealingWarmRestarts,
  CyclicLR,
  ExponentialLR,
  LinearLR,
  MultiStepLR,
  OneCycleLR,
  PolynomialLR,
  ReduceLROnPlateau,
  SGD,
  StepLR,
  SWALR,
} from '../src/index.js';

// A learning-rate scheduler's option of the wrong type, as JavaScript gets one from process.argv or
// a form field. torch's schedulers raise for a string or None in their arithmetic; here each was
// taken: CosineAnnealingLR's etaMin '0.01' made the learning rate the string '0.0877…0.01',
// ExponentialLR's gamma null a rate of 0, StepLR's stepSize '2' was coerced.

type SchedulerClass = new (optimizer: SGD, options: Record<string, unknown>) => unknown;

/** Each scheduler with options that construct it; every option that holds a number or a flag is then given as a string. */
const cases: [string, SchedulerClass, Record<string, unknown>][] = [
  ['StepLR', StepLR as never, { stepSize: 2, gamma: 0.5, lastEpoch: -1 }],
  ['MultiStepLR', MultiStepLR as never, { milestones: [1, 3], gamma: 0.5 }],
  ['ExponentialLR', ExponentialLR as never, { gamma: 0.9 }],
  ['CosineAnnealingLR', CosineAnnealingLR as never, { tMax: 10, etaMin: 0.01 }],
  ['CosineAnnealingWarmRestarts', CosineAnnealingWarmRestarts as never, { t0: 2, tMult: 2, etaMin: 0.001 }],
  ['ConstantLR', ConstantLR as never, { factor: 0.5, totalIters: 3 }],
  ['LinearLR', LinearLR as never, { startFactor: 0.5, endFactor: 1, totalIters: 3 }],
  ['PolynomialLR', PolynomialLR as never, { totalIters: 4, power: 2 }],
  ['ReduceLROnPlateau', ReduceLROnPlateau as never, { factor: 0.5, patience: 2, threshold: 1e-4, cooldown: 1, minLr: 0.001, eps: 1e-8 }],
  [
    'CyclicLR',
    CyclicLR as never,
    { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 2, stepSizeDown: 3, gamma: 0.9, cycleMomentum: true, baseMomentum: 0.8, maxMomentum: 0.9 },
  ],
  [
    'OneCycleLR',
    OneCycleLR as never,
    {
      maxLr: 0.1,
      totalSteps: 10,
      pctStart: 0.3,
      divFactor: 25,
      finalDivFactor: 1e4,
      threePhase: true,
      baseMomentum: 0.8,
      maxMomentum: 0.9,
    },
  ],
  ['SWALR', SWALR as never, { swaLr: 0.05, annealEpochs: 3 }],
];

const optimizer = () => new SGD([zeros([2], { requiresGrad: true })], { lr: 0.1, momentum: 0.9 });

/** The value as text, as it arrives from the command line: '0.5', 'true', ['1', '3']. */
const asText = (value: unknown): unknown => (Array.isArray(value) ? value.map(String) : String(value));

describe('learning-rate scheduler options of the wrong type', () => {
  for (const [name, Scheduler, options] of cases)
    it(`${name}: each number or flag given as text is refused, naming it`, () => {
      expect(() => new Scheduler(optimizer(), options)).not.toThrow();
      for (const key of Object.keys(options)) {
        const text = asText(options[key]);
        expect(() => new Scheduler(optimizer(), { ...options, [key]: text }), key).toThrow(`${name}: ${key} must be`);
      }
    });

  it('null where a number is needed, and a positional string', () => {
    expect(() => new ExponentialLR(optimizer(), { gamma: null as never })).toThrow('ExponentialLR: gamma must be a number, got null');
    expect(() => new CosineAnnealingLR(optimizer(), { tMax: 10, etaMin: '0.01' as never })).toThrow(
      "CosineAnnealingLR: etaMin must be a number, got '0.01'",
    );
    expect(() => new StepLR(optimizer(), '2' as never)).toThrow("StepLR: stepSize must be a number, got '2'");
    expect(() => new OneCycleLR(optimizer(), { maxLr: [0.1, '0.2'] as never, totalSteps: 4 })).toThrow(
      "OneCycleLR: maxLr must be a number or a list of numbers (one per parameter group), got an array [0.1, '0.2']",
    );
    expect(() => new OneCycleLR(optimizer(), { maxLr: 0.1, totalSteps: null, epochs: 2, stepsPerEpoch: 2 })).not.toThrow();
  });
});
