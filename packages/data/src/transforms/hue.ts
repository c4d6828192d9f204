import { composite, onesLike, refuseExtraArguments, stack, type Tensor, where } from '@dl/tensor';

/**
 * Hue: the image's hue turned by `hueFactor` of a full circle, in [-0.5, 0.5] (torchvision's
 * adjust_hue): RGB → HSV, h ← (h + hueFactor) mod 1, HSV → RGB. A one-channel image is returned as it
 * is (torchvision returns the image itself, to match PIL).
 * @example
 * adjustHue(image, 0.5); // complementary colours
 */
export function adjustHue(image: Tensor, hueFactor: number, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('adjustHue', ['image', 'hueFactor'], extra);
  if (!(typeof hueFactor === 'number' && hueFactor >= -0.5 && hueFactor <= 0.5))
    throw new Error(`adjustHue: hueFactor (${String(hueFactor)}) is not in [-0.5, 0.5]`);
  if (image.ndim < 3) throw new Error(`adjustHue: expects an image [..., C, H, W], got shape [${image.shape.join(', ')}]`);
  const channels = image.shape[image.ndim - 3]!;
  if (channels === 1) return image;
  if (channels !== 3) throw new Error(`adjustHue: expects 1 or 3 channels, got ${channels}`);
  // every intermediate of the two conversions is released when the call returns
  return composite(() => {
    const [hue, saturation, value] = rgbToHsv(image);
    return hsvToRgb(hue.add(hueFactor).remainder(1), saturation, value);
  });
}

/**
 * RGB in [0, 1] → [hue, saturation, value], each [..., H, W], with Pillow's formulas as torchvision
 * writes them: value = max, chroma = max − min, saturation = chroma / max, and the hue from the
 * channel that holds the maximum (red: (b − g)/chroma; green: 2 + (r − b)/chroma; blue:
 * 4 + (g − r)/chroma, each channel's distance to the maximum divided by the chroma), as a fraction of
 * the circle. A grey pixel (max = min) gets hue and saturation 0: its divisors are replaced by 1.
 */
function rgbToHsv(image: Tensor): [Tensor, Tensor, Tensor] {
  const [red, green, blue] = image.unbind(-3) as [Tensor, Tensor, Tensor];
  const maximum = image.amax(-3);
  const minimum = image.amin(-3);
  const grey = maximum.eq(minimum);
  const chroma = maximum.sub(minimum);
  const ones = onesLike(maximum);
  const saturation = chroma.div(where(grey, ones, maximum));
  const divisor = where(grey, ones, chroma);
  const [redDistance, greenDistance, blueDistance] = [red, green, blue].map((channel) => maximum.sub(channel).div(divisor)) as [
    Tensor,
    Tensor,
    Tensor,
  ];
  const redIsMaximum = maximum.eq(red);
  const greenIsMaximum = maximum.eq(green).logicalAnd(redIsMaximum.logicalNot());
  const blueIsMaximum = maximum.ne(green).logicalAnd(redIsMaximum.logicalNot());
  // summed in torchvision's order, (2 + rc) − bc and so on, so that the rounding is the same
  const sixths = where(redIsMaximum, blueDistance.sub(greenDistance), 0)
    .add(where(greenIsMaximum, redDistance.add(2).sub(blueDistance), 0))
    .add(where(blueIsMaximum, greenDistance.add(4).sub(redDistance), 0));
  // sixths lies in [-1, 5], so sixths / 6 + 1 is positive and torch's fmod is the remainder
  const hue = sixths.div(6).add(1).remainder(1);
  return [hue, saturation, maximum];
}

/**
 * [hue, saturation, value] → RGB (torchvision's _hsv2rgb): the hue's sector i = ⌊6h⌋ mod 6 and its
 * fraction f = 6h − ⌊6h⌋ give p = v(1 − s), q = v(1 − sf), t = v(1 − s(1 − f)), each clamped to
 * [0, 1], and each sector takes (r, g, b) from (v, t, p), (q, v, p), (p, v, t), (p, q, v), (t, p, v),
 * (v, p, q).
 */
function hsvToRgb(hue: Tensor, saturation: Tensor, value: Tensor): Tensor {
  const scaled = hue.mul(6);
  const whole = scaled.floor();
  const fraction = scaled.sub(whole);
  const sector = whole.remainder(6);
  const p = value.mul(saturation.neg().add(1)).clamp(0, 1);
  const q = value.mul(saturation.mul(fraction).neg().add(1)).clamp(0, 1);
  const t = value.mul(saturation.mul(fraction.neg().add(1)).neg().add(1)).clamp(0, 1);
  const pick = (bySector: readonly Tensor[]) =>
    bySector.slice(0, 5).reduceRight<Tensor>((otherwise, choice, index) => where(sector.eq(index), choice, otherwise), bySector[5]!);
  return stack([pick([value, q, p, p, t, value]), pick([t, value, value, q, p, p]), pick([p, p, t, value, value, q])], -3);
}
