import { checkOptions, type Tensor } from '@dl/tensor';
import { resolveGenerator, type Generator } from '../random/generator.js';
import { imageSize, mapPlanes, roundHalfEven, Transform } from './transform.js';

/**
 * Rotates every plane counter-clockwise by `degrees` about the image centre, keeping the size, with
 * nearest-neighbour sampling (torchvision's `rotate` default): output pixel offset (dx, dy) from the
 * centre reads the input at (dx cos θ − dy sin θ, dx sin θ + dy cos θ) (y pointing down); pixels from
 * outside read `fill`.
 * @example
 * rotate(image, 90); // a quarter turn counter-clockwise
 */
export function rotate(image: Tensor, degrees: number, fill = 0): Tensor {
  const [height, width] = imageSize('rotate', image);
  const angle = (degrees * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const centreX = (width - 1) / 2;
  const centreY = (height - 1) / 2;
  return mapPlanes(image, height, width, (source, target) => {
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const dx = x - centreX;
        const dy = y - centreY;
        // round half to even, as grid_sample's nearest mode (nearbyint)
        const sourceX = roundHalfEven(centreX + dx * cos - dy * sin);
        const sourceY = roundHalfEven(centreY + dx * sin + dy * cos);
        const inside = sourceX >= 0 && sourceX < width && sourceY >= 0 && sourceY < height;
        target[y * width + x] = inside ? source[sourceY * width + sourceX]! : fill;
      }
  });
}

/**
 * Rotates by an angle uniform in [−degrees, degrees] (or [min, max]) (torchvision's `RandomRotation`).
 * @example
 * new RandomRotation(15, { generator: new Generator(0) }).forward(image);
 */
export class RandomRotation extends Transform {
  readonly range: [number, number];

  constructor(
    degrees: number | [number, number],
    readonly options: { fill?: number; generator?: Generator } = {},
  ) {
    super();
    checkOptions('RandomRotation', options, ['fill', 'generator']);
    this.range = typeof degrees === 'number' ? [-Math.abs(degrees), Math.abs(degrees)] : degrees;
  }

  forward(image: Tensor): Tensor {
    const angle = resolveGenerator(this.options.generator).random(this.range[0], this.range[1]);
    return rotate(image, angle, this.options.fill ?? 0);
  }
}
