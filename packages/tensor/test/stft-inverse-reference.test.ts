import { describe, expect, it } from 'vitest';
import { hannWindow, type IstftOptions, istft, ones, type Tensor, stft, tensor } from '../src/index.js';
import { type DType, expectValues, type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// istft against torch 1.13 (tools/fixtures/tensor_stft_reference.py): torch's own stft output back to
// the signal (the rectangular default, hann windows, batched, a window shorter than nFft, center false,
// normalized, a two-sided spectrum whose onesided is inferred), a length that trims and one that pads
// with zeros, and modified spectrograms that are no stft of any signal (one- and two-sided, odd nFft).
// Outputs and the gradients of Σ output·r (r random) with respect to the spectrogram, to 1e-10 in
// float64 and 1e-5 in float32. Invalid calls must fail naming istft and the offending values.

interface SpectralTensor extends FixtureTensor {
  dtype: DType;
}

interface IstftCase {
  name: string;
  spectrogram: SpectralTensor;
  nFft: number;
  window: SpectralTensor | null;
  options: IstftOptions;
  output: SpectralTensor;
  upstream: FixtureTensor;
  gradients: FixtureTensor[];
}

const fixture = readTorchFixture<{ istft: IstftCase[]; errors: Record<string, string> }>('torch-stft-reference.json');
const tolerances = { float64: 1e-10, float32: 1e-5 };
const fromFixture = (value: SpectralTensor, requiresGrad = false): Tensor =>
  tensor(numbers(value), { shape: value.shape, dtype: value.dtype, requiresGrad });
/** torch's message after its "istft(…) : " prefix, with @dl's camelCase names. */
const torchReason = (message: string): string =>
  message
    .replace(/^istft\(.*?\) : /s, '')
    .replace(/n_fft/g, 'nFft')
    .replace(/hop_length/g, 'hopLength')
    .replace(/win_length/g, 'winLength');

describe('istft against torch', () => {
  it.each(fixture.istft.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const spectrogram = fromFixture(entry.spectrogram, true);
    const window = entry.window ? fromFixture(entry.window) : undefined;
    const output = istft(spectrogram, entry.nFft, { ...entry.options, window });
    expectValues(output, entry.output, entry.output.dtype, `${name} output`, tolerances);
    output
      .mul(tensor(numbers(entry.upstream), { shape: output.shape, dtype: output.dtype }))
      .sum()
      .backward();
    expectValues(spectrogram.grad!, entry.gradients[0]!, spectrogram.dtype as DType, `${name} gradient`, tolerances);
  });
});

describe('istft rejects invalid calls as torch does', () => {
  const signal = tensor(
    Array.from({ length: 20 }, (_, index) => Math.cos(0.7 * index)),
    { dtype: 'float64' },
  );
  const spectrum = stft(signal, 8, { hopLength: 2 }); // [5, 11, 2]
  const { errors } = fixture;

  it('a window whose overlap-add vanishes (NOLA)', () => {
    // torch 1.13 prints the comparison's boolean instead of the minimum: ours prints the minimum and why
    expect(errors['istft NOLA']).toContain('window overlap add min');
    const call = () => istft(spectrum, 8, { hopLength: 8, window: hannWindow(8, { dtype: 'float64' }) });
    expect(call).toThrow('istft: window overlap add min: 0, below 1e-11');
    expect(call).toThrow('(nFft=8, hopLength=8, winLength=8)');
    // center false keeps the first sample, where a hann window is 0
    expect(() => istft(spectrum, 8, { hopLength: 2, center: false, window: hannWindow(8, { dtype: 'float64' }) })).toThrow(
      'istft: window overlap add min: 0',
    );
  });
  it('a hop longer than the window', () => {
    expect(torchReason(errors['istft hop larger than winLength']!)).toBe('expected 0 < hopLength <= winLength');
    expect(() => istft(spectrum, 8, { hopLength: 9 })).toThrow(
      'istft: expected 0 < hopLength <= winLength, but got hopLength=9 (winLength=8)',
    );
  });
  it('a window longer than nFft', () => {
    expect(torchReason(errors['istft winLength larger than nFft']!)).toBe('expected 0 < winLength <= nFft');
    expect(() => istft(spectrum, 8, { winLength: 9 })).toThrow('istft: expected 0 < winLength <= nFft, but got winLength=9 (nFft=8)');
  });
  it('a window of the wrong length', () => {
    expect(torchReason(errors['istft window of the wrong length']!)).toContain('Invalid window shape');
    expect(() => istft(spectrum, 8, { window: ones([5], { dtype: 'float64' }) })).toThrow(
      'istft: expected a 1D window tensor of size equal to winLength=8, but got window with size [5]',
    );
  });
  it('a frequency count that is neither nFft/2 + 1 nor nFft', () => {
    expect(torchReason(errors['istft frequency count']!)).toContain('match nFft / 2 + 1 when onsided=True, but got 5');
    expect(() => istft(spectrum, 16)).toThrow(
      'istft: expected the frequency dimension (3rd to the last) of the input tensor to match nFft / 2 + 1 = 9 when onesided=true, but got 5',
    );
    expect(() => istft(spectrum, 8, { onesided: false })).toThrow(
      'istft: expected the frequency dimension (3rd to the last) of the input tensor to match nFft = 8 when onesided=false, but got 5',
    );
  });
  it('input of five dims in the real form (four complex)', () => {
    expect(torchReason(errors['istft 4-D input']!)).toBe('expected a tensor with 3 or 4 dimensions, but got 5');
    expect(() => istft(spectrum.reshape([1, 1, 5, 11, 2]), 8)).toThrow(
      'istft: expected a tensor with 3 or 4 dimensions ([(B,) freq, frames, 2], the real form), but got 5: [1, 1, 5, 11, 2]',
    );
  });
  it('input without the real and imaginary axis, or empty', () => {
    expect(() => istft(spectrum.narrow(-1, 0, 1), 8)).toThrow('istft: expected the real form [(B,) freq, frames, 2]');
    expect(() => istft(spectrum.narrow(1, 0, 0), 8)).toThrow('istft: input tensor cannot be empty, got [5, 0, 2]');
  });
});
