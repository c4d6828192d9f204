// loadStateDict across devices: a CPU checkpoint loads into a model on webgpu (torch copies across
// devices), and a webgpu checkpoint into a CPU model is refused before anything is copied, naming the
// key and what to do (a synchronous read from the GPU is impossible). Before, the second met
// "to('cpu'): reading from 'webgpu' is asynchronous" from deep inside, naming neither the method nor the key.
import { describe, expect, it } from 'vitest';
import { Linear } from '@dl/nn';
import { noGrad, tensor } from '@dl/tensor';
import { setupWebGPU } from './webgpu-setup.js';

const info = await setupWebGPU();

/** Linear(2, 1) with weight [[w, w + 1]] and bias [b]. */
function linear(w: number, b: number): Linear {
  const layer = new Linear(2, 1);
  noGrad(() => {
    layer.weight.copy_(tensor([[w, w + 1]]));
    layer.bias!.copy_(tensor([b]));
  });
  return layer;
}

describe.skipIf(!info)('loadStateDict across devices', () => {
  it('a CPU checkpoint loads into a webgpu model', async () => {
    const model = linear(0, 0).to('webgpu');
    model.loadStateDict(linear(3, -1).stateDict());
    expect(model.weight.device).toBe('webgpu');
    expect([...(await model.weight.data())]).toEqual([3, 4]);
    expect([...(await model.bias!.data())]).toEqual([-1]);
  });

  it('a webgpu checkpoint into a CPU model is refused whole, naming the key and the way out', () => {
    const model = linear(0, 5);
    const checkpoint = linear(3, -1).to('webgpu').stateDict();
    expect(() => model.loadStateDict(checkpoint)).toThrow(
      /Error\(s\) in loading state_dict for Linear:[\s\S]*"weight" is on 'webgpu' and the model on 'cpu'.*model\.to\('webgpu'\)/,
    );
    // nothing was copied
    expect([...model.weight.dataSync(), ...model.bias!.dataSync()]).toEqual([0, 1, 5]);
  });
});
