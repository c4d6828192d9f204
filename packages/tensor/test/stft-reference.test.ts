import { describe, expect, it } from 'vitest';
import { ones, type StftOptions, stft, type Tensor, tensor } from '../src/index.js';
import { type DType, expectValues, type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// stft against torch 1.13 (tools/fixtures/tensor_stft_reference.py): 1-D and batched signals, nFft 7,
// 8, 9 and 16, various hops, the rectangular default and hann windows, windows shorter than nFft
// (centred with odd and even margins), center true and false, every padMode, normalized, two-sided
// spectra, float32 and float64. torch's output in the real form (return_complex=False) and the
// gradients of Σ output·r (r random) with respect to the signal and, in one case, the window, to 1e-10
// in float64 and 1e-5 in float32. Invalid calls must fail naming stft and the offending values.

interface SpectralTensor extends FixtureTensor {
  dtype: DType;
}

interface StftCase {
  name: string;
  signal: SpectralTensor;
  nFft: number;
  window: (SpectralTensor & { requiresGrad: boolean }) | null;
  options: StftOptions;
  output: SpectralTensor;
  upstream: FixtureTensor;
  gradients: FixtureTensor[];
}

const fixture = readTorchFixture<{ stft: StftCase[]; errors: Record<string, string> }>('torch-stft-reference.json');
const tolerances = { float64: 1e-10, float32: 1e-5 };

/** A fixture tensor as a tensor of its dtype. */
const fromFixture = (value: SpectralTensor, requiresGrad = false): Tensor =>
  tensor(numbers(value), { shape: value.shape, dtype: value.dtype, requiresGrad });

/** torch's message after its "stft(…) : " or "istft(…) : " prefix, which repeats the call's arguments. */
const torchReason = (message: string): string => message.replace(/^i?stft\(.*?\) : /s, '');

describe('stft against torch', () => {
  it.each(fixture.stft.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const signal = fromFixture(entry.signal, true);
    const window = entry.window ? fromFixture(entry.window, entry.window.requiresGrad) : undefined;
    const output = stft(signal, entry.nFft, { ...entry.options, window });
    expectValues(output, entry.output, entry.output.dtype, `${name} output`, tolerances);
    output
      .mul(tensor(numbers(entry.upstream), { shape: output.shape, dtype: output.dtype }))
      .sum()
      .backward();
    const differentiated = window?.requiresGrad ? [signal, window] : [signal];
    expect(entry.gradients).toHaveLength(differentiated.length);
    differentiated.forEach((input, index) =>
      expectValues(input.grad!, entry.gradients[index]!, input.dtype as DType, `${name} gradient ${index}`, tolerances),
    );
  });
});

describe('stft rejects invalid calls as torch does', () => {
  const signal = tensor(
    Array.from({ length: 20 }, (_, index) => Math.sin(index)),
    { dtype: 'float64' },
  );
  const { errors } = fixture;
  // torch's words with @dl's camelCase names
  const camelCase = (text: string) =>
    torchReason(text)
      .replace(/n_fft/g, 'nFft')
      .replace(/hop_length/g, 'hopLength')
      .replace(/win_length/g, 'winLength');

  it('a hop of 0', () => {
    expect(() => stft(signal, 8, { hopLength: 0 })).toThrow(`stft: ${camelCase(errors['stft hop 0']!)}`);
  });
  it('a window longer than nFft', () => {
    expect(() => stft(signal, 8, { winLength: 9 })).toThrow(`stft: ${camelCase(errors['stft winLength larger than nFft']!)}`);
  });
  it('a window of the wrong length', () => {
    expect(() => stft(signal, 8, { window: ones([5], { dtype: 'float64' }) })).toThrow(
      `stft: ${camelCase(errors['stft window of the wrong length']!)}`,
    );
  });
  it('input of three dims', () => {
    expect(torchReason(errors['stft 3-D input']!)).toBe('expected a 1D or 2D tensor');
    expect(() => stft(signal.reshape([2, 2, 5]), 4)).toThrow('stft: expected a 1D or 2D tensor, got input [2, 2, 5]');
  });
  it('nFft longer than the signal', () => {
    // torch says "0 < n_fft < 20" but accepts nFft = 20: ours states the bound it checks
    expect(camelCase(errors['stft nFft larger than the signal']!)).toBe('expected 0 < nFft < 20, but got nFft=32');
    expect(() => stft(signal, 32, { center: false })).toThrow("stft: expected 0 < nFft <= 20 (the signal's length), but got nFft=32");
    expect(stft(signal, 20, { center: false }).shape).toEqual([11, 1, 2]);
  });
  it('reflect padding of nFft/2 not shorter than the signal', () => {
    expect(errors['stft reflect padding longer than the signal']).toContain(
      'Padding size should be less than the corresponding input dimension',
    );
    expect(() => stft(signal.narrow(0, 0, 3), 8)).toThrow(
      "stft: padMode 'reflect' cannot pad a signal of length 3 by nFft/2 = 4 on each side (center: true): the padding must be less than the signal length",
    );
  });
});
