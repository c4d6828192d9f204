import { describe, expect, it } from 'vitest';
import { randn } from '@dl/tensor';
import { F } from '../src/index.js';
import { readFixture } from './helpers/nn-fixtures.js';

// F.bilinear's weight [out, in1, in2] and bias [out], against what torch 1.13 refuses
// (tools/fixtures/nn_bilinear_shapes_reference.py): each refusal names bilinear and the shapes.

interface ShapeCase {
  name: string;
  shapes: [number[], number[], number[], number[] | null];
  error?: string;
  outputShape?: number[];
}
const reference = readFixture<{ cases: ShapeCase[] }>('nn_bilinear_shapes.json');

const format = (shape: number[]) => `[${shape.join(', ')}]`;

/** Our message for the first wrong shape: the weight's rank, then the bias against the weight's out. */
function expectedError([, , weight, bias]: ShapeCase['shapes']): string {
  if (weight.length !== 3) return `bilinear: weight must be [out, in1, in2], got ${format(weight)}`;
  return `bilinear: bias must be [${weight[0]}] for weight ${format(weight)}, got ${format(bias!)}`;
}

describe('bilinear weight and bias shapes against torch', () => {
  it.each(reference.cases.map((entry) => [entry.name, entry] as const))('%s', (_, entry) => {
    const [input1, input2, weight, bias] = entry.shapes.map((shape) => (shape === null ? null : randn(shape)));
    const call = () => F.bilinear(input1!, input2!, weight!, bias);
    if (entry.error === undefined) expect([...call().shape]).toEqual(entry.outputShape);
    else expect(call, `torch: ${entry.error}`).toThrow(expectedError(entry.shapes));
  });
});
