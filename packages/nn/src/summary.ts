import { checkOptions, describeValue, isTensor, noGrad, zeros, type DType } from '@dl/tensor';
import type { Module } from './module/module.js';

/** One leaf module call of the traced forward pass. */
export interface SummaryRow {
  /** Dotted name in the model (`features.0`), as in the state dict. */
  name: string;
  /** The class: `Conv2d`. */
  type: string;
  /** Shape of the output (or of each output). */
  outputShape: number[] | number[][];
  /** Parameters of this module (counted again when a module is called twice, as torchsummary). */
  parameters: number;
}

export interface SummaryResult {
  text: string;
  rows: SummaryRow[];
  totalParameters: number;
  trainableParameters: number;
  nonTrainableParameters: number;
}

const count = (shape: readonly number[]) => shape.reduce((product, extent) => product * extent, 1);

/**
 * A Keras/torchsummary-style table: runs one forward pass on zeros of `inputShape` (batch included),
 * in eval mode and without gradients, and lists each leaf module's output shape and parameter count,
 * then the totals. Prints the table unless `print: false`; returns it with the numbers.
 * @example
 * const { totalParameters } = summary(new LeNet5(), [1, 1, 28, 28]); // 61,706
 */
export function summary(
  model: Module,
  inputShape: readonly number[],
  options: { print?: boolean; dtype?: DType; device?: string } = {},
): SummaryResult {
  if (!Array.isArray(inputShape) || !inputShape.every((size) => Number.isInteger(size) && size >= 0))
    throw new Error(
      `summary: inputShape must be the input's shape, batch included (such as [1, 1, 28, 28]), got ${describeValue(inputShape)}`,
    );
  checkOptions('summary', options, ['print', 'dtype', 'device']);
  const rows: SummaryRow[] = [];
  const handles: { remove(): void }[] = [];
  for (const [name, module] of model.namedModules()) {
    if (module.children().length > 0) continue;
    handles.push(
      module.registerForwardHook((_, __, output) => {
        const outputs = Array.isArray(output) ? output : [output];
        const shapes = outputs.filter(isTensor).map((tensor) => [...tensor.shape]);
        rows.push({
          name: name || '(model)',
          type: module.constructor.name,
          outputShape: shapes.length === 1 ? shapes[0]! : shapes,
          parameters: module.parameters().reduce((total, value) => total + value.numel(), 0),
        });
      }),
    );
  }
  const wasTraining = model.training;
  model.eval();
  try {
    noGrad(() => {
      const input = zeros(inputShape, { dtype: options.dtype, device: options.device });
      const output = (model as Module & { call(x: unknown): unknown }).call(input);
      input.dispose();
      if (isTensor(output)) output.dispose();
    });
  } finally {
    model.train(wasTraining);
    for (const handle of handles) handle.remove();
  }
  const parameters = model.parameters();
  const totalParameters = parameters.reduce((total, value) => total + value.numel(), 0);
  const trainableParameters = parameters.filter((value) => value.requiresGrad).reduce((total, value) => total + value.numel(), 0);
  const result = {
    rows,
    totalParameters,
    trainableParameters,
    nonTrainableParameters: totalParameters - trainableParameters,
    text: '',
  };
  result.text = formatTable(model, inputShape, result);
  if (options.print ?? true) console.log(result.text);
  return result;
}

function formatTable(model: Module, inputShape: readonly number[], result: Omit<SummaryResult, 'text'>): string {
  const number = (value: number) => value.toLocaleString('en-US');
  const cells = result.rows.map((row) => [
    `${row.name} (${row.type})`,
    JSON.stringify(row.outputShape).replace(/,/g, ', '),
    number(row.parameters),
  ]);
  const header = ['Layer (type)', 'Output Shape', 'Param #'];
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => cell[column]!.length)));
  const line = (values: string[]) =>
    values.map((value, column) => (column === 2 ? value.padStart(widths[column]!) : value.padEnd(widths[column]!))).join('   ');
  const rule = (character: string) => character.repeat(widths.reduce((total, width) => total + width, 0) + 6);
  const bytes = model.parameters().reduce((total, value) => total + value.numel() * (value.dtype === 'float64' ? 8 : 4), 0);
  return [
    `${model.constructor.name} on input ${JSON.stringify(inputShape).replace(/,/g, ', ')}`,
    rule('='),
    line(header),
    rule('='),
    ...cells.map(line),
    rule('='),
    `Total params: ${number(result.totalParameters)}`,
    `Trainable params: ${number(result.trainableParameters)}`,
    `Non-trainable params: ${number(result.nonTrainableParameters)}`,
    `Params size (MB): ${(bytes / 2 ** 20).toFixed(2)}`,
    `Input size (MB): ${((count(inputShape) * 4) / 2 ** 20).toFixed(2)}`,
    rule('-'),
  ].join('\n');
}
