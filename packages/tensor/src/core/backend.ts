import type { Storage } from './storage.js';
import type { DType, TypedArray } from './dtype.js';
import { sharedState } from './shared-state.js';
import { describeValue, refuseArgumentsPast } from './options.js';

/**
 * The backend contract (DESIGN §4): a narrow, buffer-level interface. A backend owns opaque buffers;
 * the frontend (Tensor, autograd, composites) describes strided views of them and asks for one of a
 * small closed set of kernels. Everything else is composed from these in TypeScript.
 */
export type BackendBuffer = object;

/** A strided window onto a buffer: element (i0, i1, ...) lives at offset + Σ i_k · strides[k]. */
export interface TensorView {
  readonly buffer: BackendBuffer;
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  /** In elements, not bytes. */
  readonly offset: number;
}

export const unaryOps = [
  'neg',
  'abs',
  'sign',
  'exp',
  'log',
  'sqrt',
  'sin',
  'cos',
  'tanh',
  'erf',
  'floor',
  'ceil',
  'round',
  'log1p',
  'expm1',
  'not',
  'relu',
  'tan',
  'asin',
  'acos',
  'atan',
  'sinh',
  'cosh',
  'asinh',
  'acosh',
  'atanh',
  'log2',
  'log10',
  'exp2',
  // int32 only (bool operands are routed to the logical ops)
  'bitwiseNot',
] as const;
export type UnaryOp = (typeof unaryOps)[number];

export const binaryOps = [
  'add',
  'sub',
  'mul',
  'div',
  'pow',
  'maximum',
  'minimum',
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
  'and',
  'or',
  'atan2',
  // int32 only, as two's complement; a shift counts modulo 32, as torch 1.13's CPU kernels (x86's shifts)
  'bitwiseAnd',
  'bitwiseOr',
  'bitwiseXor',
  'leftShift',
  'rightShift',
] as const;
export type BinaryOp = (typeof binaryOps)[number];

export const reduceOps = ['sum', 'prod', 'max', 'min', 'argmax', 'argmin'] as const;
export type ReduceOp = (typeof reduceOps)[number];

export interface MatmulShape {
  batch: number;
  m: number;
  n: number;
  k: number;
  /** op(A) = Aᵀ: A is stored [batch, k, m] instead of [batch, m, k]. */
  transposeA: boolean;
  transposeB: boolean;
  /** Elements between consecutive batch matrices of A / B; 0 broadcasts one matrix over the batch. */
  batchStrideA: number;
  batchStrideB: number;
}

/** im2col geometry for a [N, C, H, W] image and a kernel sliding over H and W. */
export interface WindowGeometry {
  batch: number;
  channels: number;
  height: number;
  width: number;
  kernel: readonly [number, number];
  stride: readonly [number, number];
  padding: readonly [number, number];
  dilation: readonly [number, number];
  outputHeight: number;
  outputWidth: number;
  /** Value read outside the image (0 for convolution, -Infinity for max pooling). */
  padValue: number;
}

export interface Backend {
  readonly device: string;
  /** Buffers are ordinary JavaScript objects reclaimed by the garbage collector (the CPU's typed arrays). */
  readonly garbageCollected?: boolean;
  allocate(dtype: DType, size: number): BackendBuffer;
  free(buffer: BackendBuffer): void;
  write(buffer: BackendBuffer, data: TypedArray): void;
  /** Reads a contiguous range (async: a GPU must wait for its queue). */
  read(buffer: BackendBuffer, dtype: DType, offset: number, size: number): Promise<TypedArray>;
  /** Present only where a synchronous read is honest (the CPU). */
  readSync?(buffer: BackendBuffer, dtype: DType, offset: number, size: number): TypedArray;
  /**
   * Called with every new storage: a backend whose buffers need a free the collector cannot do
   * (the CPU's tensors in WebAssembly memory) records it here, in the storage's ledger.
   */
  adopt?(storage: Storage): void;
  /** Bytes held in a reuse pool, for `memory()`. */
  pooledBytes?(): number;
  /** Gives every pooled buffer back to the system (`emptyCache()`). */
  emptyPool?(): void;
  /**
   * Optional fused kernels for composites (DESIGN §2: the composite stays the reference). Each takes
   * contiguous views (float32 unless its entry says otherwise) and writes its outputs in place.
   */
  fused?: FusedKernels;

  /** out[i] = op(x[i]); x and out have the same shape, any strides. Also casts when dtypes differ (op 'copy'). */
  unary(op: UnaryOp | 'copy', x: TensorView, out: TensorView): void;
  /** out[i] = a[i] op b[i]; all three have out's shape (broadcasting is done with 0-strides). */
  binary(op: BinaryOp, a: TensorView, b: TensorView, out: TensorView): void;
  /** out[i] = condition[i] ? a[i] : b[i]. */
  where(condition: TensorView, a: TensorView, b: TensorView, out: TensorView): void;
  /** Reduces the last axis of a contiguous [outer, reduced] view into a contiguous [outer]. */
  reduce(op: ReduceOp, x: TensorView, out: TensorView): void;
  /** Inclusive prefix sum along the last axis of contiguous [outer, n]. */
  cumsum(x: TensorView, out: TensorView): void;
  /** out[b] = op(A[b]) · op(B[b]) for contiguous operands; out is contiguous [batch, m, n]. */
  matmul(a: TensorView, b: TensorView, out: TensorView, shape: MatmulShape): void;
  /** im2col: contiguous [N, C, H, W] → contiguous [N, C·kh·kw, outH·outW]. */
  unfold(x: TensorView, out: TensorView, geometry: WindowGeometry): void;
  /** col2im (adjoint of unfold, overlaps summed): [N, C·kh·kw, outH·outW] → [N, C, H, W]. */
  fold(x: TensorView, out: TensorView, geometry: WindowGeometry): void;
  /** out = x gathered along `axis` by index (contiguous, index has out's shape). */
  gather(x: TensorView, index: TensorView, out: TensorView, axis: number): void;
  /** In place on contiguous `out`: out[... index[i] ...] = src[i] (mode 'set') or += src[i] ('add'). */
  scatter(out: TensorView, index: TensorView, source: TensorView, axis: number, mode: 'set' | 'add'): void;
  /** Fills contiguous float `out` with uniform [0, 1) numbers from Philox4x32-10 (seed, counter offset). */
  uniform(out: TensorView, seed: bigint, offset: bigint): void;
}

/** Hyper-parameters of one Adam step (PyTorch's `torch.optim.Adam`, single-tensor form). */
export interface AdamStepOptions {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  /** AdamW: θ ← θ(1 − lr·λ) instead of g ← g + λθ. */
  decoupledWeightDecay: boolean;
  maximize: boolean;
  /** 1-based step count, for the bias corrections. */
  step: number;
}

/** The mean and standard deviation a fused normal draw applies to its standard normal samples. */
export interface NormalAffine {
  mean: number;
  std: number;
}

export interface FusedKernels {
  /**
   * One Adam step in place: parameter, first and second moments (and the running max with amsgrad).
   * The gradient may also be a transposed matrix: a 2-D [R, C] view with strides [1, R].
   */
  adam?(
    parameter: TensorView,
    gradient: TensorView,
    expAvg: TensorView,
    expAvgSq: TensorView,
    maxExpAvgSq: TensorView | null,
    options: AdamStepOptions,
  ): void;
  /**
   * The negative log-likelihood of contiguous log-probabilities [N, C] (float32 or float64) at contiguous
   * int32 targets [N] (each in [0, C)), in place of a gather, a sum and a division (ops/nll-loss.ts).
   * `forward` writes the 0-d loss −Σᵢ input[i, targetᵢ] (÷ N when `mean`), the picked values summed in
   * float64 in row order and rounded once before the division, as the composite; `backward` writes
   * out [N, C]: −g (÷ N when `mean`) at each row's target, 0 elsewhere, g the 0-d incoming gradient.
   */
  nllLoss?: {
    forward(input: TensorView, target: TensorView, out: TensorView, mean: boolean): void;
    backward(gradient: TensorView, target: TensorView, out: TensorView, mean: boolean): void;
  };
  /** 2-D convolution (one group) and its two gradients, in place of unfold + matmul + fold. */
  conv2d?: Conv2dKernels;
  /**
   * log-softmax along `axis` of contiguous float32 or float64 x into contiguous out of its shape, in
   * place of the composite max, sub, exp, sum, log, sub (ops/log-softmax.ts): the composite's values bit
   * for bit (each step rounded to the dtype, sums in float64 from 0).
   */
  logSoftmax?(x: TensorView, out: TensorView, axis: number): void;
  /** Its backward: out = gradient − exp(output) · Σ gradient along `axis`; contiguous views of one shape and dtype. */
  logSoftmaxGradient?(gradient: TensorView, output: TensorView, out: TensorView, axis: number): void;
  /**
   * Max pooling's choice, in place of unfold + argmax: for each window over the geometry's planes
   * (batch = N·C planes of H×W, one channel) of contiguous float32 or float64 x, the flat position
   * h·W + w of its maximum within the plane, written to contiguous int32 [N·C, outH·outW]. The first
   * NaN wins, ties keep the first cell in window order, and padding cells are never chosen (a window of
   * −∞ picks its first real cell, as torch). With `values` (x's dtype, the indices' layout) it also
   * writes each window's maximum: what gathering x at the indices reads.
   */
  maxPool2dIndices?(x: TensorView, indices: TensorView, geometry: WindowGeometry, values?: TensorView): void;
  /**
   * Max pooling's gradient, in place of the scatter-add of gather's backward: out [N·C, H·W] (contiguous)
   * gets, for each input cell q of each plane, the sum of gradient [N·C, OH·OW] over the windows whose
   * chosen cell (`indices`, as maxPool2dIndices wrote them) is q, added from 0 in ascending window order
   * — the composite's sums bit for bit. Only the ≤ ⌈k/s⌉² windows containing a cell are visited.
   */
  maxPool2dGradient?(gradient: TensorView, indices: TensorView, geometry: WindowGeometry, out: TensorView): void;
  /**
   * Inverted dropout's mask in one pass, in place of where(rand < probability, scale, 0): out[i] = scale
   * where element i of the float32 Philox uniform draw at (seed, offset) is below float32(probability),
   * else 0. `out` is contiguous float32 or float64; `scale` is already rounded to its dtype.
   */
  scaledBernoulli?(out: TensorView, seed: bigint, offset: bigint, probability: number, scale: number): void;
  /**
   * randn's Box–Muller in one pass (ops/random.ts), in place of its uniform draw and eight elementwise
   * kernels: out[i] = √(−2 ln(1 − u_i))·cos(2π u_{n+i}) over the float32 Philox draw of 2n uniforms at
   * (seed, offset), n out's size, then ·std + mean with `affine` (normal's). `out` is contiguous float32
   * or float64; every step is rounded to its dtype as the composite's kernels store it, bit for bit.
   */
  normal?(out: TensorView, seed: bigint, offset: bigint, affine: NormalAffine | null): void;
  /**
   * uniform's draw in one pass (ops/random.ts), in place of the uniform draw, a product and a sum:
   * out[i] = u_i·(high − low) + low over the float32 Philox draw at (seed, offset), each step rounded
   * to out's dtype (contiguous float32 or float64) as the composite's kernels store it, bit for bit.
   */
  uniformRange?(out: TensorView, seed: bigint, offset: bigint, low: number, high: number): void;
  /**
   * Sum of contiguous x (any dtype) over ascending `axes` that are not all trailing, into contiguous out
   * of the kept shape, in place of a permuted copy and a row-wise `reduce`: bit for bit the same sums.
   */
  sumAxes?(x: TensorView, out: TensorView, axes: readonly number[]): void;
  /**
   * ReLU's backward in one pass, in place of where(gt(output, 0), gradient, 0): out[i] = gradient[i]
   * where output[i] > 0, else +0 (also where output is ±0 or NaN). Contiguous views of one shape, all
   * float32 or all float64; kept gradients are copied bit for bit.
   */
  reluGradient?(gradient: TensorView, output: TensorView, out: TensorView): void;
  /**
   * The stable sorting permutation of each row of contiguous x [rows, n] (float32, float64 or int32),
   * written to contiguous int32 out [rows, n], in place of ops/sort.ts's pairwise composite (O(n²)
   * memory per row): out[r][k] is the position of the k-th element of row r in ascending order (or
   * descending), NaN above +∞, −0 equal to +0, equal values in their original order.
   */
  sortIndices?(x: TensorView, out: TensorView, descending: boolean): void;
  /** A whole recurrent layer direction (RNN, LSTM, GRU) in place of its per-step composite (ops/recurrence.ts). */
  recurrence?: RecurrenceKernels;
}

/** One direction of a recurrent layer over packed rows (see `RecurrenceKernels`). */
export interface RecurrenceGeometry {
  mode: 'rnnTanh' | 'rnnRelu' | 'lstm' | 'gru';
  hiddenSize: number;
  /** rows per step, non-increasing; the packed input has Σ batchSizes rows */
  batchSizes: readonly number[];
  /** run from the last step to the first */
  reverse: boolean;
}

/**
 * Recurrence kernels on contiguous float32 or float64 views (ops/recurrence.ts is the reference).
 * `result` is [N + B (+ B for the LSTM), H]: the output rows, hN, then cN. `workspace` (contiguous,
 * N·k·H values of the inputs' dtype, k from `recurrenceWorkspace` in ops/recurrence-layout.ts) is the
 * backend's to fill in `forward` with what its `backward` needs (activations, previous states); the
 * op allocates it as a tensor, so it is pooled and freed with the graph node like a saved input.
 */
export interface RecurrenceKernels {
  /** inputGates [N, G·H], h0 [B, H], c0 [B, H] (LSTM), weightHh [G·H, H], biasHh [G·H] (added per step) → result. */
  forward(
    geometry: RecurrenceGeometry,
    inputGates: TensorView,
    h0: TensorView,
    c0: TensorView | null,
    weightHh: TensorView,
    biasHh: TensorView | null,
    result: TensorView,
    workspace: TensorView,
  ): void;
  /** From result's gradient (rows of the output, hN and cN), the gradients of every input of `forward`. */
  backward(
    geometry: RecurrenceGeometry,
    result: TensorView,
    workspace: TensorView,
    weightHh: TensorView,
    gradient: TensorView,
    gradients: { inputGates: TensorView; h0: TensorView; c0: TensorView | null; weightHh: TensorView; biasHh: TensorView | null },
  ): void;
}

/**
 * Convolution kernels on contiguous float32 views. `geometry` is the forward convolution's: the input
 * x is [batch, channels, height, width], the weight [O, channels, kh, kw], the output
 * [batch, O, outputHeight, outputWidth]; O is the weight's first extent.
 */
export interface Conv2dKernels {
  /** out = weight ⋆ x (+ bias[O] broadcast over the output planes). */
  forward(x: TensorView, weight: TensorView, bias: TensorView | null, out: TensorView, geometry: WindowGeometry): void;
  /** out [N, C, H, W] = ∂⟨gradient, weight ⋆ x⟩/∂x: col2im(weightᵀ · gradient[n]) per image. */
  inputGradient(gradient: TensorView, weight: TensorView, out: TensorView, geometry: WindowGeometry): void;
  /** out [O, C, kh, kw] = ∂⟨gradient, weight ⋆ x⟩/∂weight: Σₙ gradient[n] · im2col(x[n])ᵀ. */
  weightGradient(x: TensorView, gradient: TensorView, out: TensorView, geometry: WindowGeometry): void;
}

/**
 * Device name -> backend, shared by every copy of @dl/tensor in the process (see shared-state.ts):
 * `init()` of @dl/gpu may run against another copy than the app's. The layout number is the backend
 * contract's: copies whose `Backend` interfaces differ must not hand each other backends.
 */
const backends = sharedState('backends@1', () => new Map<string, Backend>());

/** Makes a device name usable in `tensor(..., { device })` and `t.to(device)`; replaces an earlier backend of that device. */
/** The kernels every backend must have (the Backend interface's required methods). */
const requiredKernels = [
  'allocate',
  'free',
  'write',
  'read',
  'unary',
  'binary',
  'where',
  'reduce',
  'cumsum',
  'matmul',
  'unfold',
  'fold',
  'gather',
  'scatter',
  'uniform',
] as const;

export function registerBackend(backend: Backend): void {
  if (arguments.length > 1) refuseArgumentsPast('registerBackend', ['backend'], arguments);
  // checked here: a wrong object (a tensor has a `device` too) would replace the device's backend and
  // fail every later op of every tensor on it
  if (typeof backend !== 'object' || backend === null || typeof backend.device !== 'string')
    throw new Error(`registerBackend: expected a backend (an object with a device name and its kernels), got ${describeValue(backend)}`);
  const missing = requiredKernels.filter((name) => typeof backend[name] !== 'function');
  if (missing.length > 0) throw new Error(`registerBackend: the backend for '${backend.device}' lacks the kernel(s) ${missing.join(', ')}`);
  backends.set(backend.device, backend);
}

/**
 * Registers `backend` unless its device already has one: the CPU backend at load, so that a second
 * copy of @dl/tensor does not replace the first copy's CPU backend (and its buffer pool) under the
 * storages it has already allocated.
 */
export function registerDefaultBackend(backend: Backend): void {
  if (!backends.has(backend.device)) backends.set(backend.device, backend);
}

/** The backend of `device`; `operation`, when given, names the call that asked for it in the error. */
export function getBackend(device: string, operation?: string): Backend {
  if (arguments.length > 2) refuseArgumentsPast('getBackend', ['device', 'operation'], arguments);
  const backend = backends.get(device);
  if (!backend)
    throw new Error(
      `${operation ?? 'getBackend'}: device ${describeValue(device)} is not available (registered: ${[...backends.keys()].join(', ')}); ` +
        (device === 'webgpu' ? 'install @dl/gpu and `await init()` first' : 'register a backend for it'),
    );
  return backend;
}

export function registeredDevices(): string[] {
  if (arguments.length > 0) refuseArgumentsPast('registeredDevices', [], arguments);
  return [...backends.keys()];
}
