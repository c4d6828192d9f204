import type { WindowGeometry } from '@dl/tensor';
import { GEMM_PARAMETERS } from './tiled-gemm.js';

/**
 * The geometry words every convolution kernel passes after the tiled product's own, and WGSL that
 * reads them. The convolution is x [N, C, H, W] ⋆ w [O, C, kh, kw] → y [N, O, OH, OW]; the summed
 * index of the forward product is q = (c·kh + ki)·kw + kj, the column of im2col.
 */
const names = [
  'channels',
  'height',
  'width',
  'kernelHeight',
  'kernelWidth',
  'strideHeight',
  'strideWidth',
  'paddingHeight',
  'paddingWidth',
  'dilationHeight',
  'dilationWidth',
  'outputHeight',
  'outputWidth',
  'outChannels',
  // offsets of the kernel's bindings 0, 1, 2 and 3 (bias), in elements
  'offset0',
  'offset1',
  'offset2',
  'offset3',
] as const;

export type ConvolutionWord = (typeof names)[number];

/** `u32(parameter(i))` for a geometry word. */
export function word(name: ConvolutionWord): string {
  return `u32(parameter(${GEMM_PARAMETERS + names.indexOf(name)}u))`;
}

export const CONVOLUTION_PARAMETERS = GEMM_PARAMETERS + names.length;

/** The words in `names` order, for the dispatch's `extra`. */
export function convolutionWords(geometry: WindowGeometry, outChannels: number, offsets: readonly number[]): number[] {
  const { channels, height, width, kernel, stride, padding, dilation, outputHeight, outputWidth } = geometry;
  return [
    channels,
    height,
    width,
    kernel[0],
    kernel[1],
    stride[0],
    stride[1],
    padding[0],
    padding[1],
    dilation[0],
    dilation[1],
    outputHeight,
    outputWidth,
    outChannels,
    offsets[0] ?? 0,
    offsets[1] ?? 0,
    offsets[2] ?? 0,
    offsets[3] ?? 0,
  ];
}

/**
 * `fn windowPixel(image, column, position) -> f32`: element (column, position) of im2col(x[image])
 * without building it: column q = (c, ki, kj), position p = (oi, oj) read pixel
 * (c, oi·s_h − p_h + ki·d_h, oj·s_w − p_w + kj·d_w) of x, or 0 in the padding.
 */
export function windowPixelFunction(input: string, offset: ConvolutionWord): string {
  return `fn windowPixel(image: u32, column: u32, position: u32) -> f32 {
  let area = ${word('kernelHeight')} * ${word('kernelWidth')};
  let channel = column / area;
  let cell = column % area;
  let row = i32((position / ${word('outputWidth')}) * ${word('strideHeight')} + (cell / ${word('kernelWidth')}) * ${word('dilationHeight')}) - i32(${word('paddingHeight')});
  let pixel = i32((position % ${word('outputWidth')}) * ${word('strideWidth')} + (cell % ${word('kernelWidth')}) * ${word('dilationWidth')}) - i32(${word('paddingWidth')});
  if (row < 0 || row >= i32(${word('height')}) || pixel < 0 || pixel >= i32(${word('width')})) { return 0.0; }
  return ${input}[${word(offset)} + ((image * ${word('channels')} + channel) * ${word('height')} + u32(row)) * ${word('width')} + u32(pixel)];
}`;
}
