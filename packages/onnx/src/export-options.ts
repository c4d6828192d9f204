import type { Tensor } from '@dl/tensor';

/** Options of `exportOnnx` (torch.onnx.export's keywords, camelCased). */
export interface ExportOnnxOptions {
  /** ONNX operator set, 13 to 18; default 17. */
  opsetVersion?: number;
  /** Names of the graph inputs, in the order of `exampleInputs`; default `input` (or `input_0`, `input_1`, ...). */
  inputNames?: string[];
  /** Names of the graph outputs, in the order `forward` returns them (flattened); default `output` (or `output_0`, ...). */
  outputNames?: string[];
  /** Per input or output name, axis → name of a dynamic axis: `{ input: { 0: 'batch' } }`. */
  dynamicAxes?: Record<string, Record<number, string>>;
  /** Fold values computed only from constants into initializers (default true). Parameters always stay initializers. */
  doConstantFolding?: boolean;
}

export interface CheckedOptions {
  opsetVersion: number;
  inputNames: string[];
  outputNames: string[] | undefined;
  dynamicAxes: Record<string, Record<number, string>>;
  doConstantFolding: boolean;
}

const knownKeys = ['opsetVersion', 'inputNames', 'outputNames', 'dynamicAxes', 'doConstantFolding'];

function checkNames(label: string, names: unknown): string[] | undefined {
  if (names === undefined) return undefined;
  if (!Array.isArray(names) || names.some((name) => typeof name !== 'string' || name === ''))
    throw new Error(`exportOnnx: ${label} must be an array of non-empty strings`);
  if (new Set(names).size !== names.length) throw new Error(`exportOnnx: ${label} has a name twice`);
  return names;
}

/** Validates the options: unknown keys, wrong types and out-of-range values are errors naming the option. */
export function checkExportOptions(options: ExportOnnxOptions, exampleInputs: readonly Tensor[]): CheckedOptions {
  if (typeof options !== 'object' || options === null) throw new Error('exportOnnx: options must be an object');
  for (const key of Object.keys(options))
    if (!knownKeys.includes(key)) throw new Error(`exportOnnx: unknown option '${key}' (known: ${knownKeys.join(', ')})`);
  const opsetVersion = options.opsetVersion ?? 17;
  if (!Number.isInteger(opsetVersion) || opsetVersion < 13 || opsetVersion > 18)
    throw new Error(`exportOnnx: opsetVersion must be an integer from 13 to 18, got ${String(opsetVersion)}`);
  const inputNames =
    checkNames('inputNames', options.inputNames) ??
    exampleInputs.map((_, index) => (exampleInputs.length === 1 ? 'input' : `input_${index}`));
  if (inputNames.length !== exampleInputs.length)
    throw new Error(`exportOnnx: inputNames has ${inputNames.length} names for ${exampleInputs.length} example inputs`);
  const outputNames = checkNames('outputNames', options.outputNames);
  const dynamicAxes = options.dynamicAxes ?? {};
  if (typeof dynamicAxes !== 'object' || dynamicAxes === null) throw new Error('exportOnnx: dynamicAxes must be an object');
  for (const [name, axes] of Object.entries(dynamicAxes)) {
    if (!inputNames.includes(name) && !(outputNames ?? []).includes(name) && !/^output(_\d+)?$/.test(name))
      throw new Error(`exportOnnx: dynamicAxes names '${name}', which is neither an input nor an output name`);
    for (const [axis, label] of Object.entries(axes ?? {}))
      if (!/^\d+$/.test(axis) || typeof label !== 'string' || label === '')
        throw new Error(`exportOnnx: dynamicAxes.${name} must map axis numbers to names, got ${axis}: ${String(label)}`);
  }
  const doConstantFolding = options.doConstantFolding ?? true;
  if (typeof doConstantFolding !== 'boolean') throw new Error('exportOnnx: doConstantFolding must be a boolean');
  return { opsetVersion, inputNames, outputNames, dynamicAxes, doConstantFolding };
}
