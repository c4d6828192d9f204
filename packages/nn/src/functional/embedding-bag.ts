import {
  checkNumber,
  checkOptions,
  composite,
  describeValue,
  refuseExtraArguments,
  stack,
  tensor,
  type Tensor,
  where,
  zeros,
} from '@dl/tensor';
import { embeddingRenorm_ } from './embedding-renorm.js';
import { paddingRow } from './padding-row.js';

/** How a bag's embeddings are combined. */
export type BagMode = 'sum' | 'mean' | 'max';

/** torch.nn.functional.embedding_bag's keywords, in camelCase. */
export interface EmbeddingBagOptions {
  /** Where each bag starts in a 1-D input. Required for 1-D input, not allowed for 2-D. Default none. */
  offsets?: Tensor | readonly number[] | null;
  /** Default 'mean'. */
  mode?: BagMode;
  /** A weight per index, same shape as the input, mode 'sum' only. Default none. */
  perSampleWeights?: Tensor | null;
  /** `offsets` has one entry more than there are bags: the end of the last. Default false. */
  includeLastOffset?: boolean;
  /** Indices equal to this are left out of their bag (and of its count for 'mean'). Default none. */
  paddingIdx?: number | null;
  /** Rows read whose `normType`-norm exceeds this are first rescaled to it, in place, as `F.embedding`. Default null. */
  maxNorm?: number | null;
  /** The p of `maxNorm`'s norm. Default 2. */
  normType?: number;
}

/**
 * Sums, averages or takes the maximum of the embeddings of each bag of indices, without building the
 * [bags, length, dim] tensor in between (torch.nn.functional.embedding_bag): a 2-D input [B, N] is B
 * bags of N indices; a 1-D input is cut into bags at `offsets`. An empty bag gives zeros. 'sum' and
 * 'mean' are one product of a [B, indices] weighting matrix with the looked-up rows; 'max' reduces each bag.
 * It reads the indices to form the bags, synchronously: indices and offsets on the CPU (the weight
 * may be on any device; the indices go to it for the lookup; torch's GPU kernel needs no read-back).
 * @example
 * F.embeddingBag(tokens, weight, { offsets: [0, 4, 9] }); // three bags, their mean embeddings
 */
export function embeddingBag(input: Tensor, weight: Tensor, options: EmbeddingBagOptions = {}, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('embeddingBag', ['input', 'weight', 'options'], extra);
  checkOptions('embeddingBag', options, ['offsets', 'mode', 'perSampleWeights', 'includeLastOffset', 'paddingIdx', 'maxNorm', 'normType']);
  const { mode = 'mean', perSampleWeights = null, includeLastOffset = false } = options;
  if (!['sum', 'mean', 'max'].includes(mode))
    throw new Error(`embeddingBag: mode must be 'sum', 'mean' or 'max', got ${describeValue(mode)}`);
  if (input.dtype !== 'int32') throw new Error(`embeddingBag: expected an int32 tensor of indices, got ${input.dtype}`);
  if (perSampleWeights && mode !== 'sum') throw new Error(`embeddingBag: perSampleWeights is only supported for mode 'sum', got '${mode}'`);
  if (perSampleWeights && perSampleWeights.shape.join() !== input.shape.join())
    throw new Error(
      `embeddingBag: perSampleWeights [${perSampleWeights.shape.join(', ')}] must have the input's shape [${input.shape.join(', ')}]`,
    );
  if (!input.storage.backend.readSync)
    throw new Error(
      `embeddingBag: the indices are read on the host to form the bags, and device '${input.device}' reads asynchronously; give them (and the offsets) on the CPU, e.g. indices.cpu() — the weight may stay on '${weight.device}'`,
    );
  const indices = Array.from(input.dataSync());
  const rows = weight.shape[0]!;
  for (const index of indices)
    if (index < 0 || index >= rows) throw new Error(`embeddingBag: index ${index} is out of range for ${rows} embeddings`);
  const starts = bagStarts(input, options.offsets ?? null, includeLastOffset);
  if (options.maxNorm != null)
    embeddingRenorm_(
      weight,
      input.to(weight.device),
      checkNumber('embeddingBag', 'maxNorm', options.maxNorm),
      checkNumber('embeddingBag', 'normType', options.normType ?? 2, true),
    );
  // −1 matches no index: no padding
  const padding =
    options.paddingIdx === undefined || options.paddingIdx === null ? -1 : paddingRow('embeddingBag', options.paddingIdx, rows);
  const bags = starts.length;
  const ends = starts.map((_, bag) => (bag + 1 < bags ? starts[bag + 1]! : indices.length));
  return composite(() => {
    // the host's indices go to the weight's device for the lookup
    const looked = weight.indexSelect(0, input.reshape([-1]).to(weight.device)); // [indices, dim]
    if (mode === 'max') {
      const maxima = starts.map((start, bag) => {
        const members = range(start, ends[bag]!).filter((at) => indices[at] !== padding);
        if (members.length === 0) return emptyBagRow(weight);
        // each column's gradient goes to its first maximum, as torch's max indices route it (ties do not share it)
        return looked.indexSelect(0, tensor(members, { dtype: 'int32', device: weight.device })).max(0).values;
      });
      return bags === 0 ? zeros([0, weight.shape[1]!], { dtype: weight.dtype, device: weight.device }) : stack(maxima);
    }
    // row b of the weighting matrix holds each of bag b's indices' weight: 1, 1/count for 'mean', or the per-sample weight
    const weighting = new Float64Array(bags * indices.length);
    starts.forEach((start, bag) => {
      const members = range(start, ends[bag]!).filter((at) => indices[at] !== padding);
      for (const at of members) weighting[bag * indices.length + at] = mode === 'mean' ? 1 / members.length : 1;
    });
    let matrix = tensor(weighting, { shape: [bags, indices.length], dtype: weight.dtype, device: weight.device });
    if (perSampleWeights) matrix = matrix.mul(perSampleWeights.reshape([1, -1]));
    return matrix.matmul(looked);
  });
}

/** Each bag's first position in the flattened input. */
function bagStarts(input: Tensor, offsets: Tensor | readonly number[] | null, includeLastOffset: boolean): number[] {
  if (input.ndim === 2) {
    if (offsets !== null) throw new Error('embeddingBag: offsets must be left out for a 2-D input of fixed-length bags');
    const [bags, length] = input.shape as [number, number];
    return range(0, bags).map((bag) => bag * length);
  }
  if (input.ndim !== 1) throw new Error(`embeddingBag: input must be 1-D (with offsets) or 2-D, got [${input.shape.join(', ')}]`);
  if (offsets === null) throw new Error('embeddingBag: a 1-D input needs offsets, the start of each bag');
  if (!Array.isArray(offsets) && !(offsets as Tensor).storage.backend.readSync)
    throw new Error(
      `embeddingBag: the offsets are read on the host to form the bags; give them on the CPU, or as an array, not on '${(offsets as Tensor).device}'`,
    );
  const starts = Array.isArray(offsets) ? [...offsets] : Array.from((offsets as Tensor).dataSync());
  if (starts.length > 0 && starts[0] !== 0) throw new Error(`embeddingBag: offsets must start with 0, got ${starts[0]}`);
  for (let bag = 1; bag < starts.length; bag++)
    if (starts[bag]! < starts[bag - 1]! || starts[bag]! > input.numel())
      throw new Error(
        `embeddingBag: offsets must be non-decreasing and at most the input's length (${input.numel()}), got [${starts.join(', ')}]`,
      );
  if (!includeLastOffset) return starts;
  // CSR layout: the last offset closes the last bag, so it must be the input's length (torch 1.13 reads
  // indices past it inconsistently: 'sum' drops them, 'mean' counts them, 'max' reads out of bounds)
  if (starts[starts.length - 1] !== input.numel())
    throw new Error(
      `embeddingBag: with includeLastOffset the last offset must equal the number of indices (${input.numel()}), got [${starts.join(', ')}]`,
    );
  return starts.slice(0, -1);
}

/**
 * A 'max' bag with no member (empty, or padding only): a row of zeros that still belongs to the graph,
 * as torch's output requires grad whatever its bags hold (a batch of padding-only bags made an output
 * without a graph, and backward() threw). where() passes no gradient to the row it does not take.
 */
function emptyBagRow(weight: Tensor): Tensor {
  const options = { dtype: weight.dtype, device: weight.device };
  if (weight.shape[0] === 0) return zeros([weight.shape[1]!], options);
  return where(zeros([weight.shape[1]!], { dtype: 'bool', device: weight.device }), weight.select(0, 0), 0);
}

const range = (start: number, end: number): number[] => Array.from({ length: Math.max(0, end - start) }, (_, index) => start + index);
