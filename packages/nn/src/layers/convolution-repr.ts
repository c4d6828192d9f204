/** What a convolution layer's representation shows (the layer itself passes): sizes as one number or one per dim, or a padding mode. */
export interface ConvolutionSettings {
  inChannels: number;
  outChannels: number;
  kernelSize: number | readonly number[];
  stride: number | readonly number[];
  padding: number | readonly number[] | 'same' | 'valid';
  outputPadding?: number | readonly number[];
  dilation: number | readonly number[];
  groups: number;
  /** The layer's bias parameter, or null without one. */
  bias: unknown;
  /** How the input is padded ('zeros' unless a forward convolution says otherwise). */
  paddingMode?: string;
}

/** A size as torch prints it: a tuple, `(3,)` for one dim. */
function tuple(value: number | readonly number[]): string {
  return typeof value === 'number' ? `(${value},)` : `(${value.join(', ')})`;
}

const every = (value: number | readonly number[], expected: number): boolean =>
  (typeof value === 'number' ? [value] : value).every((entry) => entry === expected);

/**
 * torch's extra_repr of the convolution layers: channels, kernel and stride always, then padding,
 * dilation, output padding, groups, bias and padding mode only where they differ from their defaults.
 */
export function describeConvolution(settings: ConvolutionSettings): string {
  const { padding, outputPadding } = settings;
  let text = `${settings.inChannels}, ${settings.outChannels}, kernelSize=${tuple(settings.kernelSize)}, stride=${tuple(settings.stride)}`;
  if (typeof padding === 'string') text += `, padding=${padding}`;
  else if (!every(padding, 0)) text += `, padding=${tuple(padding)}`;
  // torch's _ConvNd.extra_repr order: dilation before output_padding
  if (!every(settings.dilation, 1)) text += `, dilation=${tuple(settings.dilation)}`;
  if (outputPadding !== undefined && !every(outputPadding, 0)) text += `, outputPadding=${tuple(outputPadding)}`;
  if (settings.groups !== 1) text += `, groups=${settings.groups}`;
  if (settings.bias === null) text += ', bias=false';
  if (settings.paddingMode !== undefined && settings.paddingMode !== 'zeros') text += `, paddingMode=${settings.paddingMode}`;
  return text;
}
