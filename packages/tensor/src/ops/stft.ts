import { checkBoolean, readArguments } from '../core/options.js';
import { composite } from '../core/scope.js';
import { formatShape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { castTo } from './convert.js';
import { mul } from './elementwise.js';
import { stack } from './join.js';
import { matmul } from './linalg.js';
import { slidingWindows } from './sliding-windows.js';
import { checkRealFloating, checkRealResult, readSpectralFrames, type SpectralFrameOptions } from './spectral-arguments.js';
import { forwardBasis } from './spectral-basis.js';
import { padSignal, readPadMode, type SpectralPadMode } from './spectral-padding.js';
import { reshape, transpose, unsqueeze } from './views.js';
import { warn } from '../core/warnings.js';

/**
 * torch 1.13's TORCH_WARN_ONCE in at::stft (aten/src/ATen/native/SpectralOps.cpp) when a real input
 * comes without return_complex. torch shows it once per process whatever Python's filter says; here
 * the warning filter decides (shown once by default). `returnComplex: false` silences it, as in torch.
 */
const returnComplexWarning =
  'stft will soon require the return_complex parameter be given for real inputs, and will further require that return_complex=True in a future PyTorch release.';

/**
 * torch.stft's keywords, camelCase. `returnComplex` must be false or omitted: there is no complex
 * dtype here, so the result is always torch's real form (return_complex=False).
 */
export interface StftOptions extends SpectralFrameOptions {
  /** How `center` pads the signal: 'reflect' (default), 'constant' (zeros), 'replicate' or 'circular'. */
  padMode?: SpectralPadMode;
}

/** torch's positional order after nFft, each optionally replaced by the options object that ends the list. */
const positionalNames = ['hopLength', 'winLength', 'window', 'center', 'padMode', 'normalized', 'onesided', 'returnComplex'] as const;

/** `stft`'s arguments after nFft: torch's, positionally, then (or instead) an options object. */
type StftArguments = [
  hopLength?: number | null | StftOptions,
  winLength?: number | null | StftOptions,
  window?: Tensor | null | StftOptions,
  center?: boolean | StftOptions,
  padMode?: SpectralPadMode | StftOptions,
  normalized?: boolean | StftOptions,
  onesided?: boolean | null | StftOptions,
  returnComplex?: boolean | StftOptions,
  options?: StftOptions,
];

/**
 * The short-time Fourier transform (torch.stft) of a real float32 or float64 signal [L] or a batch of
 * them [B, L], in torch's real form [(B,) freq, frames, 2]: the last axis holds the real and imaginary
 * parts (torch.view_as_real of torch's complex result; there is no complex dtype here, so `returnComplex:
 * true` throws, and omitting it means false, as torch 1.13 does for a real input with a warning).
 *
 * Frame t holds the samples x[t·hop + n], n < nFft, of the signal (padded by ⌊nFft/2⌋ on both sides
 * with `padMode` when `center`), and
 * X[k, t] = Σ_n w[n]·x[t·hop + n]·e^{−2πikn/nFft}, with real part Σ w x cos(2πkn/nFft) and imaginary
 * part −Σ w x sin(2πkn/nFft), for the ⌊nFft/2⌋ + 1 frequencies of a one-sided spectrum (the default;
 * the rest mirror them for a real signal) or all nFft with `onesided: false`; `normalized` multiplies
 * by nFft^(−1/2). The window w (default ones) of length winLength is centred in nFft zeros; there
 * are ⌊(L' − nFft)/hop⌋ + 1 frames for a padded length L'. The DFT is two matrix products with cosine
 * and sine bases applied to overlapping views of the frames, so gradients reach the signal and the
 * window, and every device runs it.
 *
 * torch's arguments positionally too: `stft(x, nFft, hopLength, winLength, window, center, padMode,
 * normalized, onesided, returnComplex)`, or any of them in a final options object.
 * @example
 * const spectrum = stft(signal, 16, { hopLength: 4, window: hannWindow(16) }); // [9, frames, 2]
 * const power = spectrum.square().sum(-1); // |X|², [9, frames]
 */
export function stft(input: Tensor, nFft: number, ...rest: StftArguments): Tensor {
  // the padded window and the DFT bases made on the way are released when it returns
  return composite(() => shortTimeTransform(input, nFft, rest));
}

function shortTimeTransform(input: Tensor, nFft: number, rest: Readonly<StftArguments>): Tensor {
  const options = readArguments<StftOptions>('stft', rest, positionalNames, positionalNames);
  checkRealResult('stft', options.returnComplex);
  const signal = checkRealFloating('stft', 'input', input);
  // every input is real here (no complex dtype), so torch's condition is only the omitted keyword;
  // torch warns before its 1-D/2-D check, so a wrong rank warns and then throws, as there
  if (options.returnComplex === undefined) warn(returnComplexWarning);
  if (signal.ndim !== 1 && signal.ndim !== 2) throw new Error(`stft: expected a 1D or 2D tensor, got input ${formatShape(signal.shape)}`);
  const frames = readSpectralFrames('stft', signal, nFft, options);
  const center = checkBoolean('stft', 'center', options.center ?? true);
  const padMode = readPadMode('stft', options.padMode);
  const normalized = checkBoolean('stft', 'normalized', options.normalized ?? false);
  const onesided = checkBoolean('stft', 'onesided', options.onesided ?? true);
  const frequencies = onesided ? Math.floor(frames.nFft / 2) + 1 : frames.nFft;
  const batch = signal.ndim === 1 ? unsqueeze(signal, 0) : signal;
  const padded = center ? padSignal('stft', batch, Math.floor(frames.nFft / 2), padMode) : batch;
  const length = padded.shape[1]!;
  if (frames.nFft > length)
    throw new Error(`stft: expected 0 < nFft <= ${length} (the ${center ? 'padded ' : ''}signal's length), but got nFft=${frames.nFft}`);
  // [B, frames, nFft]: frame t is the view of samples t·hop … t·hop + nFft − 1
  const slices = slidingWindows(padded, 1, frames.nFft, frames.hopLength);
  const windowed = frames.window ? mul(slices, frames.window) : castTo(slices, frames.dtype);
  const basis = forwardBasis(frames.nFft, frequencies, normalized ? frames.nFft ** -0.5 : 1, frames.dtype, signal.device);
  // [B, frames, freq, 2] → torch's [B, freq, frames, 2]
  const spectrum = transpose(stack([matmul(windowed, basis.cosine), matmul(windowed, basis.sine)], -1), 1, 2);
  return signal.ndim === 1 ? reshape(spectrum, spectrum.shape.slice(1)) : spectrum;
}
