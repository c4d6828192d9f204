// torch 1.13's stft warns when a real input comes without return_complex, and goes on with the real
// form; return_complex=False silences it. The text is torch's, from running
// `torch.stft(torch.randn(64), 16)` with torch 1.13 (TORCH_WARN_ONCE in at::stft,
// aten/src/ATen/native/SpectralOps.cpp:801).
import process from 'node:process';
import { describe, expect, it } from 'vitest';
import { catchWarnings, randn, setWarningFilter, stft } from '../src/index.js';

const torchText =
  'stft will soon require the return_complex parameter be given for real inputs, and will further require that return_complex=True in a future PyTorch release.';

describe('stft warning for an omitted returnComplex', () => {
  it('warns once, with torch text, and still returns the real form', async () => {
    const seen: Error[] = [];
    const listener = (warning: Error) => seen.push(warning);
    // 'default' forgets what was shown before, so this test sees the first warning
    const outerAction = setWarningFilter('default');
    process.on('warning', listener);
    try {
      expect(stft(randn([64]), 16).shape).toEqual([9, 17, 2]);
      expect(stft(randn([2, 64]), 16, { hopLength: 8 }).shape).toEqual([2, 9, 9, 2]);
      await new Promise((resolve) => setImmediate(resolve)); // emitWarning fires on the next tick
    } finally {
      process.off('warning', listener);
      setWarningFilter(outerAction);
    }
    expect(seen.map((warning) => [warning.name, warning.message])).toEqual([['UserWarning', torchText]]);
  });

  it('warns on every call that omits it, as recorded by catchWarnings', () => {
    const { warnings } = catchWarnings(() => {
      stft(randn([64]), 16);
      stft(randn([64]), 16, { returnComplex: undefined });
    });
    expect(warnings).toEqual([
      { category: 'UserWarning', message: torchText },
      { category: 'UserWarning', message: torchText },
    ]);
  });

  it('does not warn with returnComplex: false, as an option or positionally', () => {
    const { warnings } = catchWarnings(() => {
      stft(randn([64]), 16, { returnComplex: false });
      stft(randn([64]), 16, 4, 16, undefined, true, 'reflect', false, true, false);
    });
    expect(warnings).toEqual([]);
  });

  it('warns before its rank check, as torch does, and still throws', () => {
    const { warnings } = catchWarnings(() => {
      expect(() => stft(randn([2, 2, 64]), 16)).toThrow('stft: expected a 1D or 2D tensor, got input [2, 2, 64]');
    });
    expect(warnings.map((warning) => warning.message)).toEqual([torchText]);
  });
});
