import { cat, checkOptions, describeValue, refuseExtraArguments, tensor, type Tensor } from '@dl/tensor';
import { describeSource, fileExists, joinPath, readBytes } from '../platform/read-bytes.js';
import { requireRoot } from './require-root.js';

/** CIFAR-10 class names, in label order. */
export const cifar10Classes = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'] as const;

const recordBytes = 1 + 3 * 32 * 32;

/**
 * Decodes one CIFAR-10 binary batch: records of 1 label byte then 3072 pixel bytes (1024 red, 1024
 * green, 1024 blue, each 32 × 32 row-major), i.e. already CHW. Images [N, 3, 32, 32] float32 in [0, 1].
 * @example
 * const { images, labels } = parseCifar10Batch(bytes, 'data_batch_1.bin');
 */
export function parseCifar10Batch(bytes: Uint8Array, name = 'CIFAR-10 batch', ...extra: never[]): { images: Tensor; labels: Tensor } {
  if (extra.length > 0) refuseExtraArguments('parseCifar10Batch', ['bytes', 'name'], extra);
  if (!(bytes instanceof Uint8Array))
    throw new Error(`parseCifar10Batch: bytes must be a Uint8Array (a file's contents), got ${describeValue(bytes)}`);
  if (bytes.length === 0 || bytes.length % recordBytes !== 0)
    throw new Error(
      `${name}: ${bytes.length} bytes is not a whole number of ${recordBytes}-byte CIFAR-10 records (truncated or not a CIFAR-10 binary batch)`,
    );
  const count = bytes.length / recordBytes;
  const pixels = new Float32Array(count * 3072);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const label = bytes[i * recordBytes]!;
    if (label > 9) throw new Error(`${name}: record ${i} has label ${label}, CIFAR-10 labels are 0..9`);
    labels[i] = label;
    for (let p = 0; p < 3072; p++) pixels[i * 3072 + p] = bytes[i * recordBytes + 1 + p]! / 255;
  }
  return { images: tensor(pixels, { shape: [count, 3, 32, 32] }), labels: tensor(labels) };
}

/**
 * CIFAR-10 from its binary version (`data_batch_1.bin` … `data_batch_5.bin`, `test_batch.bin`, in
 * `root` or `root/cifar-10-batches-bin/`). Not bundled (160 MB).
 * @example
 * const { images, labels } = await loadCifar10({ root: './cifar', train: false }); // [10000, 3, 32, 32]
 */
export async function loadCifar10(
  options: { root: string | URL; train?: boolean },
  ...extra: never[]
): Promise<{ images: Tensor; labels: Tensor }> {
  if (extra.length > 0) refuseExtraArguments('loadCifar10', ['options'], extra);
  options ??= {} as typeof options;
  checkOptions('loadCifar10', options, ['root', 'train']);
  requireRoot('loadCifar10', options.root, "CIFAR-10's binary batches (data_batch_1.bin, …, test_batch.bin)", null);
  const names = options.train === false ? ['test_batch.bin'] : [1, 2, 3, 4, 5].map((k) => `data_batch_${k}.bin`);
  const parts = [];
  for (const name of names) {
    let source = joinPath(options.root, name);
    if (!(await fileExists(source))) source = joinPath(options.root, `cifar-10-batches-bin/${name}`);
    parts.push(parseCifar10Batch(await readBytes(source), describeSource(source)));
  }
  if (parts.length === 1) return parts[0]!;
  return { images: cat(parts.map((part) => part.images)), labels: cat(parts.map((part) => part.labels)) };
}
