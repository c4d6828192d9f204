import { describe, expect, it } from 'vitest';
import { tensor } from '@dl/tensor';
import { Adam } from '../optim/adam.js';
import { StepLR } from '../schedulers/step-lr.js';
import { parseSafetensors, serializeSafetensors } from './safetensors.js';
import { parseCheckpoint, serializeCheckpoint } from './training-checkpoint.js';

/** A valid checkpoint's tensors and metadata, to damage one value at a time. */
async function validParts() {
  const weight = tensor([1, 2], { requiresGrad: true });
  const optimizer = new Adam([weight], { lr: 0.1 });
  weight.grad = tensor([0.5, 0.5]);
  optimizer.step();
  const scheduler = new StepLR(optimizer, { stepSize: 2 });
  const bytes = await serializeCheckpoint({
    model: { weight },
    optimizer: optimizer.stateDict(),
    scheduler: scheduler.stateDict(),
    epoch: 4,
    rngState: { seed: 7n, offset: 12n },
  });
  return parseSafetensors(bytes);
}

const damage = (key: string, edit: (value: string) => string | undefined) => async () => {
  const { tensors, metadata } = await validParts();
  const edited = edit(metadata[key]!);
  if (edited === undefined) delete metadata[key];
  else metadata[key] = edited;
  return serializeSafetensors(tensors, metadata);
};
const replaceJson = (path: (value: Record<string, any>) => void) => (text: string) => {
  const value = JSON.parse(text);
  path(value);
  return JSON.stringify(value);
};

/** Each case: how the file is damaged, and what the error must say. */
const damaged: Array<[string, () => Promise<Uint8Array>, RegExp]> = [
  ['optimizer JSON cut short', damage('optimizer', (text) => text.slice(0, 20)), /metadata 'optimizer' is not valid JSON/],
  ['scheduler not JSON', damage('scheduler', () => '{oops'), /metadata 'scheduler' is not valid JSON/],
  ['rng_state not JSON', damage('rng_state', () => 'seed=1'), /metadata 'rng_state' is not valid JSON/],
  [
    'lr: "fast"',
    damage(
      'optimizer',
      replaceJson((value) => (value.param_groups[0].lr = 'fast')),
    ),
    /param_groups\[0\]\.lr must be a number, found "fast"/,
  ],
  [
    'step: "abc"',
    damage(
      'optimizer',
      replaceJson((value) => (value.state['0'].step = 'abc')),
    ),
    /state\['0'\]\.step must be a non-negative integer, found "abc"/,
  ],
  [
    'betas of strings',
    damage(
      'optimizer',
      replaceJson((value) => (value.param_groups[0].betas = ['0.9', '0.99'])),
    ),
    /betas must be a list of numbers/,
  ],
  [
    'param_groups missing',
    damage(
      'optimizer',
      replaceJson((value) => delete value.param_groups),
    ),
    /must be \{param_groups/,
  ],
  [
    'state of an unlisted parameter',
    damage(
      'optimizer',
      replaceJson((value) => (value.state['5'] = { step: 1 })),
    ),
    /state\['5'\] belongs to no parameter/,
  ],
  ['epoch "1.5"', damage('epoch', () => '1.5'), /'epoch' must be a non-negative integer, found "1.5"/],
  ['epoch "-1"', damage('epoch', () => '-1'), /'epoch' must be a non-negative integer/],
  ['rng seed not decimal', damage('rng_state', () => JSON.stringify({ seed: 'x', offset: '0' })), /'rng_state' must be \{seed, offset\}/],
  [
    'scheduler last_epoch a string',
    damage(
      'scheduler',
      replaceJson((value) => (value.last_epoch = 'three')),
    ),
    /'scheduler'\.last_epoch must be a number/,
  ],
  ['scheduler a list', damage('scheduler', () => '[1,2]'), /'scheduler' must be a JSON object/],
  ['unknown version', damage('version', () => '2'), /version "2" is not one this reader knows/],
  [
    'unknown metadata key',
    async () => {
      const { tensors, metadata } = await validParts();
      return serializeSafetensors(tensors, { ...metadata, lr_override: '1' });
    },
    /unexpected metadata key 'lr_override'/,
  ],
  [
    'a stray tensor',
    async () => {
      const { tensors, metadata } = await validParts();
      return serializeSafetensors({ ...tensors, 'optimizer.state.9.exp_avg': tensor([1]) }, metadata);
    },
    /unexpected tensor 'optimizer\.state\.9\.exp_avg'/,
  ],
  ['not a checkpoint', damage('format', () => undefined), /not a training checkpoint/],
];

describe('damaged training checkpoints are refused by type before anything is restored', () => {
  it.each(damaged)('%s', async (_, make, message) => {
    const bytes = await make();
    let caught: unknown;
    try {
      parseCheckpoint(bytes, { source: 'run/last.safetensors' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).constructor).toBe(Error); // not a raw SyntaxError/TypeError
    expect((caught as Error).message).toMatch(/^training checkpoint: run\/last\.safetensors: /);
    expect((caught as Error).message).toMatch(message);
  });

  it('the undamaged checkpoint still loads', async () => {
    const { tensors, metadata } = await validParts();
    const checkpoint = parseCheckpoint(await serializeSafetensors(tensors, metadata));
    expect(checkpoint.epoch).toBe(4);
    expect(checkpoint.optimizer!.param_groups[0]!.lr).toBe(0.1);
    expect(checkpoint.rngState).toEqual({ seed: 7n, offset: 12n });
  });
});
