// Types for train.mjs, so TypeScript callers (test/main.test.ts) are checked against it.
export interface TrainOptions {
  /** SGD steps (default 500). */
  steps?: number;
  /** 'cpu' (default) or 'webgpu' (after `init()` from @dl/gpu, which `train` awaits). */
  device?: string;
  /** Width of both hidden layers (default 32). */
  hidden?: number;
  /** SGD step size (default 0.3). */
  learningRate?: number;
  /** Points per spiral arm (default 100). */
  pointsPerClass?: number;
  /** Seed for `manualSeed`: data and initial weights (default 0). */
  seed?: number;
  /** Log the loss every this many steps (default 100); step 0 and the last step are always logged. */
  logEvery?: number;
  onLog?: (step: number, loss: number) => void;
}

export interface TrainResult {
  losses: { step: number; loss: number }[];
  /** Fraction of training points classified correctly by the final weights. */
  accuracy: number;
  seconds: number;
}

export function train(options?: TrainOptions): Promise<TrainResult>;
