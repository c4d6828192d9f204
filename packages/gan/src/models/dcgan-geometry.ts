import { checkSizes } from './mlp-layers.js';

/**
 * DCGAN's ladder for an image size: a `base`×`base` map (7 for 28, else 4) doubled `upsamplings`
 * times by stride-2 4×4 (transposed) convolutions: 28 = 7·2², 32 = 4·2³, 64 = 4·2⁴.
 */
export function dcganGeometry(caller: string, imageSize: number): { base: number; upsamplings: number } {
  checkSizes(caller, { imageSize });
  for (const base of [7, 4]) {
    const upsamplings = Math.log2(imageSize / base);
    if (Number.isInteger(upsamplings) && upsamplings >= 1) return { base, upsamplings };
  }
  throw new Error(`${caller}: imageSize must be 7·2ᵏ or 4·2ᵏ (k ≥ 1), e.g. 28, 32 or 64; got ${imageSize}`);
}
