import { describe, expect, it } from 'vitest';
import { manualSeed, rand, type Tensor } from '@dl/tensor';
import { leftBehind } from '@dl/tensor/testing';
import {
  adjustBrightness,
  adjustContrast,
  adjustHue,
  adjustSaturation,
  ColorJitter,
  Compose,
  Generator,
  grayscale,
  Lambda,
  Normalize,
  padSequence,
  RandomCrop,
  RandomHorizontalFlip,
  RandomResizedCrop,
} from '../src/index.js';

// As @dl/tensor's ops: a transform applied outside a DataLoader (preprocessing for inference, a
// hand-written augmentation loop) leaves no live handle or byte behind once its result is disposed,
// without the garbage collector, whose callbacks never run in a synchronous loop.
manualSeed(0);
const image = rand([3, 12, 12]);
const gray = rand([1, 12, 12]);
const shortSequence = rand([3, 2]);
const longSequence = rand([5, 2]);
const inputs = [image, gray, shortSequence, longSequence];
const generator = new Generator(0);

const calls: Record<string, () => Tensor> = {
  Normalize: () => new Normalize([0.5, 0.4, 0.3], [0.2, 0.2, 0.2]).forward(image),
  'Normalize, one value for every channel': () => new Normalize([0.5], [0.2]).forward(image),
  'RandomCrop with padding': () => new RandomCrop(12, { padding: 2, generator }).forward(image),
  'RandomCrop, padIfNeeded': () => new RandomCrop(14, { padIfNeeded: true, generator }).forward(image),
  RandomResizedCrop: () => new RandomResizedCrop(8, { generator }).forward(image),
  ColorJitter: () => new ColorJitter({ brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1, generator }).forward(image),
  adjustHue: () => adjustHue(image, 0.3),
  grayscale: () => grayscale(image),
  adjustBrightness: () => adjustBrightness(image, 1.3),
  adjustContrast: () => adjustContrast(image, 0.6),
  adjustSaturation: () => adjustSaturation(image, 0.5),
  Compose: () => new Compose([new RandomHorizontalFlip({ p: 1 }), new Normalize([0.5], [0.5])]).forward(image),
  'Compose of a Lambda': () => new Compose([new Lambda((x: Tensor) => x.mul(2).add(1)), (x: Tensor) => x.neg()]).forward(image),
  padSequence: () => padSequence([shortSequence, longSequence]),
  'padSequence, batchFirst': () => padSequence([shortSequence, longSequence], { batchFirst: true, paddingValue: -1 }),
};

describe('transforms release their intermediates', () => {
  it.each(Object.keys(calls))('%s: once its result is disposed, the live handles and bytes are as before', (name) => {
    const call = calls[name]!;
    call().dispose();
    expect(leftBehind(call, inputs)).toEqual({ handles: 0, bytes: 0 });
  });

  it('a stage of a Compose that returns its input keeps the caller’s tensor alive', () => {
    const output = new Compose([(x: Tensor) => x, new RandomHorizontalFlip({ p: 0 })]).forward(image);
    expect(output).toBe(image); // torchvision returns the image itself when a flip is not drawn
    expect(image.toArraySync()).toHaveLength(3);
  });

  it('grayscale of one channel is a copy of its own, as torchvision’s clone: disposing it keeps the input', () => {
    const copy = grayscale(gray);
    expect(copy).not.toBe(gray);
    copy.dispose();
    expect(gray.toArraySync()).toHaveLength(1);
  });

  it('a tensor a Compose stage stored without keep() fails loudly, naming Compose', () => {
    let stored: Tensor | undefined;
    const pipeline = new Compose([
      (x: Tensor) => {
        stored = x.mul(2);
        return stored.add(1);
      },
    ]);
    pipeline.forward(image).dispose();
    expect(() => stored!.toArraySync()).toThrow(/freed by the end of Compose\.forward/);
  });
});

describe('padSequence reads its options', () => {
  it('a PyTorch keyword in snake_case is an error that names the camelCase one', () => {
    expect(() => padSequence([shortSequence, longSequence], { batch_first: true } as never)).toThrow(
      /padSequence: unknown option `batch_first` \(did you mean `batchFirst`\?\)/,
    );
  });
});
