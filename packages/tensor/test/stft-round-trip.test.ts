import { describe, expect, it } from 'vitest';
import { hannWindow, istft, manualSeed, ones, randn, type StftOptions, stft, type Tensor, tensor } from '../src/index.js';
import { gradcheck, gradgradcheck, leftBehind } from '../src/testing/index.js';

// stft and istft beyond the torch fixtures: istft inverts stft to float64 rounding in every framing
// that satisfies NOLA, gradcheck (and gradgradcheck) pass through both in float64, torch's positional
// arguments read as its keywords, options are checked (unknown keys, types, padMode, returnComplex),
// and dtypes follow torch's promotion of the signal with the window.

const float64 = { dtype: 'float64' } as const;

/** The largest |a − b| over all elements. */
function largestDifference(a: Tensor, b: Tensor): number {
  const left = Array.from(a.dataSync());
  const right = Array.from(b.dataSync());
  expect(left.length).toBe(right.length);
  return left.reduce((largest, value, index) => Math.max(largest, Math.abs(value - right[index]!)), 0);
}

/** A float64 random tensor that requires grad. */
function input(...shape: number[]): Tensor {
  const x = randn(shape, float64);
  x.requiresGrad = true;
  return x;
}

describe('istft inverts stft', () => {
  const framings: [string, number[], number, StftOptions][] = [
    ['the defaults, nFft 8', [30], 8, {}],
    ['batched, hann window, hop 4', [3, 50], 16, { hopLength: 4, window: hannWindow(16, float64) }],
    ['winLength 6 < nFft 8, hop 2', [41], 8, { hopLength: 2, winLength: 6, window: hannWindow(6, float64) }],
    ['center false, rectangular, hop 3', [2, 29], 8, { hopLength: 3, center: false }],
    ['normalized', [33], 16, { hopLength: 4, window: hannWindow(16, float64), normalized: true }],
    ['two-sided', [2, 27], 8, { hopLength: 2, window: hannWindow(8, float64), onesided: false }],
    ['odd nFft 9, hop 3', [35], 9, { hopLength: 3 }],
    ['padMode constant', [22], 8, { hopLength: 2, padMode: 'constant', window: hannWindow(8, float64) }],
    ['padMode replicate', [22], 8, { hopLength: 2, padMode: 'replicate' }],
    ['padMode circular', [22], 8, { hopLength: 2, padMode: 'circular' }],
  ];
  it.each(framings)('%s', (_, shape, nFft, options) => {
    manualSeed(5);
    const signal = randn(shape, float64);
    const length = shape[shape.length - 1]!;
    const spectrum = stft(signal, nFft, options);
    const { padMode: _padMode, ...inverseOptions } = options;
    const restored = istft(spectrum, nFft, { ...inverseOptions, length });
    expect(restored.shape).toEqual(shape);
    expect(largestDifference(restored, signal)).toBeLessThan(1e-12);
  });

  it('without length: the frames cover the signal exactly, or the tail past the last frame is missing', () => {
    manualSeed(6);
    const signal = randn([20], float64);
    // centred, hop 2 divides 20: all 20 samples come back
    expect(largestDifference(istft(stft(signal, 8, { hopLength: 2 }), 8, { hopLength: 2 }), signal)).toBeLessThan(1e-12);
    // not centred, hop 3: frames start at 0, 3, 6, 9, 12, the last ends at sample 19 (exclusive 20)
    const restored = istft(stft(signal, 8, { hopLength: 3, center: false }), 8, { hopLength: 3, center: false });
    expect(restored.shape).toEqual([20]);
    expect(largestDifference(restored, signal)).toBeLessThan(1e-12);
  });

  it('a length past the signal reads the centre padding back, then zeros past the overlap-added signal', () => {
    manualSeed(7);
    const signal = randn([16], float64);
    // 16 + 2·4 reflect-padded samples, 9 frames: 24 overlap-added, of which centring keeps 4 … 23
    const restored = istft(stft(signal, 8, { hopLength: 2 }), 8, { hopLength: 2, length: 23 });
    expect(restored.shape).toEqual([23]);
    expect(largestDifference(restored.narrow(0, 0, 16), signal)).toBeLessThan(1e-12);
    // the reflect padding after the last sample: x[14], x[13], x[12], x[11]
    expect(largestDifference(restored.narrow(0, 16, 4), signal.narrow(0, 11, 4).flip(0))).toBeLessThan(1e-12);
    expect(Array.from(restored.narrow(0, 20, 3).dataSync())).toEqual([0, 0, 0]);
  });
});

describe('stft and istft under gradcheck in float64', () => {
  it('stft with respect to the signal and the window', () => {
    manualSeed(11);
    expect(gradcheck((x) => stft(x, 8, { hopLength: 3 }), [input(2, 13)])).toBe(true);
    expect(gradcheck((x, w) => stft(x, 8, { hopLength: 2, winLength: 5, window: w, padMode: 'replicate' }), [input(11), input(5)])).toBe(
      true,
    );
    expect(
      gradcheck((x) => stft(x, 6, { hopLength: 2, center: true, padMode: 'circular', onesided: false, normalized: true }), [input(9)]),
    ).toBe(true);
  });
  it('istft with respect to the spectrogram and the window', () => {
    manualSeed(12);
    expect(gradcheck((spectrum) => istft(spectrum, 8, { hopLength: 2 }), [input(5, 6, 2)])).toBe(true);
    // a positive window keeps the envelope away from 0 as the finite differences move it
    const window = ones([8], float64).add(randn([8], float64).abs().mul(0.3));
    window.requiresGrad = true;
    expect(gradcheck((spectrum, w) => istft(spectrum, 8, { hopLength: 2, window: w, length: 11 }), [input(2, 5, 6, 2), window])).toBe(true);
  });
  it('second order through stft', () => {
    manualSeed(13);
    expect(gradgradcheck((x, w) => stft(x, 4, { hopLength: 1, window: w }), [input(6), input(4)])).toBe(true);
  });
});

describe("stft and istft read torch's arguments", () => {
  manualSeed(21);
  const signal = randn([2, 24], float64);
  const window = hannWindow(8, float64);

  it('positionally, in torch order, and as options', () => {
    const keywords = stft(signal, 8, {
      hopLength: 3,
      winLength: 8,
      window,
      center: true,
      padMode: 'constant',
      normalized: true,
      onesided: false,
    });
    const positional = stft(signal, 8, 3, 8, window, true, 'constant', true, false, false);
    const mixed = stft(signal, 8, 3, 8, window, { padMode: 'constant', normalized: true, onesided: false });
    expect(largestDifference(positional, keywords)).toBe(0);
    expect(largestDifference(mixed, keywords)).toBe(0);
    const inverse = istft(keywords, 8, { hopLength: 3, window, normalized: true, onesided: false, length: 24 });
    expect(largestDifference(istft(keywords, 8, 3, 8, window, true, true, false, 24, false), inverse)).toBe(0);
    expect(largestDifference(inverse, signal)).toBeLessThan(1e-12);
  });

  it('the defaults: hop ⌊nFft/4⌋, winLength nFft, a rectangular window, centred with reflect padding, one-sided', () => {
    const spectrum = stft(signal, 8);
    // 24 + 2·4 padded samples, hop 2: 13 frames of 5 frequencies
    expect(spectrum.shape).toEqual([2, 5, 13, 2]);
    expect(
      largestDifference(spectrum, stft(signal, 8, { hopLength: 2, winLength: 8, window: ones([8], float64), padMode: 'reflect' })),
    ).toBeLessThan(1e-15);
    expect(istft(spectrum, 8).shape).toEqual([2, 24]);
  });

  it('returnComplex: omitted or false gives the real form, true throws (no complex dtype)', () => {
    expect(stft(signal, 8, { returnComplex: false }).shape).toEqual([2, 5, 13, 2]);
    expect(() => stft(signal, 8, { returnComplex: true })).toThrow(
      "stft: @dl has no complex dtype; pass returnComplex: false for the real form [..., freq, frames, 2] (torch.view_as_real of torch's complex result)",
    );
    expect(() => istft(stft(signal, 8), 8, { returnComplex: true })).toThrow('istft: @dl has no complex dtype');
  });

  it('rejects unknown options, wrong types and too many positionals', () => {
    expect(() => stft(signal, 8, { hop_length: 2 } as StftOptions)).toThrow(
      'stft: unknown option `hop_length` (did you mean `hopLength`?)',
    );
    expect(() => istft(stft(signal, 8), 8, { padMode: 'reflect' } as StftOptions)).toThrow('istft: unknown option `padMode`');
    expect(() => stft(signal, 8, { padMode: 'mirror' as 'reflect' })).toThrow(
      "stft: invalid padMode 'mirror'; expected one of 'constant', 'reflect', 'replicate', 'circular'",
    );
    expect(() => stft(signal, 8, { center: 1 as unknown as boolean })).toThrow('stft: center must be true or false, got 1');
    expect(() => stft(signal, 8, { normalized: 'yes' as unknown as boolean })).toThrow("stft: normalized must be true or false, got 'yes'");
    expect(() => stft(signal, 8.5)).toThrow('stft: nFft must be an integer > 0, got 8.5');
    expect(() => stft(signal, 8, { hopLength: 1.5 })).toThrow('stft: expected hopLength > 0, but got hopLength=1.5');
    expect(() => istft(stft(signal, 8), 8, { length: 0 })).toThrow('istft: length must be an integer ≥ 1, got 0');
    expect(() => (stft as (...values: unknown[]) => Tensor)(signal, 8, 2, 8, window, true, 'reflect', false, true, false, 1)).toThrow(
      'stft: too many positional arguments',
    );
  });

  it('rejects integer signals and windows on their own', () => {
    expect(() => stft(tensor([1, 2, 3, 4, 5, 6], { dtype: 'int32' }), 4)).toThrow('stft: expected a float32 or float64 input, got int32');
    expect(() => stft(signal, 8, { window: tensor([1, 1, 1, 1, 1, 1, 1, 1], { dtype: 'int32' }) })).toThrow(
      'stft: expected a float32 or float64 window, got int32',
    );
  });
});

describe('stft and istft dtypes', () => {
  it("promote the signal's dtype with the window's, as torch does", () => {
    manualSeed(31);
    const signal = randn([20]);
    expect(signal.dtype).toBe('float32');
    expect(stft(signal, 8).dtype).toBe('float32');
    const spectrum = stft(signal, 8, { window: hannWindow(8, float64) });
    expect(spectrum.dtype).toBe('float64');
    expect(istft(stft(signal, 8), 8, { window: hannWindow(8, float64) }).dtype).toBe('float64');
    // float32 rounding: the round trip holds to about 1e-6
    expect(largestDifference(istft(stft(signal, 8, { hopLength: 2 }), 8, { hopLength: 2 }), signal)).toBeLessThan(1e-5);
  });
});

describe('stft and istft release their intermediates', () => {
  // the padded window, the DFT bases, the frames and the envelope: nothing stays once the outputs are disposed
  manualSeed(41);
  const signal = randn([2, 30], float64);
  const window = hannWindow(6, float64);
  const forward = () => stft(signal, 8, { hopLength: 2, winLength: 6, window });
  const spectrum = forward();
  const inverse = () => istft(spectrum, 8, { hopLength: 2, winLength: 6, window, length: 30 });
  it.each([
    ['stft', forward],
    ['istft', inverse],
  ])('%s', (_, run) => {
    run();
    expect(leftBehind(run)).toEqual({ handles: 0, bytes: 0 });
  });
  it('a training step through both', () => {
    const leaf = randn([2, 30], { ...float64, requiresGrad: true });
    const hann = hannWindow(8, float64);
    const step = () => {
      const spectrogram = stft(leaf, 8, { hopLength: 2, window: hann });
      const restored = istft(spectrogram, 8, { hopLength: 2, window: hann });
      const squared = restored.square();
      const loss = squared.sum();
      loss.backward();
      const gradient = leaf.grad!;
      leaf.grad = null;
      // the step's own tensors are returned, so only what stft and istft made could be left behind
      return [spectrogram, restored, squared, loss, gradient];
    };
    leftBehind(step, [leaf]);
    expect(leftBehind(step, [leaf])).toEqual({ handles: 0, bytes: 0 });
  });
});
