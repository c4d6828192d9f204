// Sequential and ModuleList slicing as torch 1.13's `container[start:end:step]`
// (tools/fixtures/nn_container_slicing_reference.py): the same module objects, a Sequential keeping
// their names (so `features.slice(0, 16)` of a VGG has torch's state-dict keys), a ModuleList numbering
// them from 0; Python's slice rules for negative, left-out and out-of-range bounds and negative steps.
import { describe, expect, it } from 'vitest';
import { Linear, type Module, ModuleList, Sequential } from '../src/index.js';
import { readFixture } from './helpers/nn-fixtures.js';

interface SliceCase {
  container: 'Sequential' | 'Sequential(OrderedDict)' | 'ModuleList';
  start: number | null;
  end: number | null;
  step: number | null;
  positions: number[];
  names: string[];
  kind: 'Sequential' | 'ModuleList';
}

const reference = readFixture<{ cases: SliceCase[] }>('nn_container_slicing.json');
const modules = Array.from({ length: 5 }, () => new Linear(2, 2));
const containers = {
  Sequential: new Sequential(...modules),
  'Sequential(OrderedDict)': new Sequential(Object.fromEntries(modules.map((module, index) => [`layer${index}`, module]))),
  ModuleList: new ModuleList(modules),
};

describe('container slicing (torch 1.13)', () => {
  for (const entry of reference.cases)
    it(`${entry.container}[${entry.start ?? ''}:${entry.end ?? ''}:${entry.step ?? ''}]`, () => {
      const piece = containers[entry.container].slice(entry.start, entry.end, entry.step);
      expect(piece.constructor.name).toBe(entry.kind);
      expect([...piece].map((module: Module) => modules.indexOf(module as Linear))).toEqual(entry.positions);
      expect([...piece.namedChildren()].map(([name]) => name)).toEqual(entry.names);
    });

  it('a slice of a Sequential runs its modules and shares their parameters', () => {
    const piece = containers.Sequential.slice(1, 3);
    expect(piece.parameters()).toEqual([...modules[1]!.parameters(), ...modules[2]!.parameters()]);
    expect(Object.keys(piece.stateDict())).toEqual(['1.weight', '1.bias', '2.weight', '2.bias']);
  });

  it('a zero or fractional step, a fractional bound and extra arguments are refused by name', () => {
    expect(() => containers.Sequential.slice(0, 2, 0)).toThrow('Sequential.slice: slice step cannot be zero');
    expect(() => containers.ModuleList.slice(0.5)).toThrow('ModuleList.slice: start must be an integer or null, got 0.5');
    expect(() => (containers.Sequential.slice as (...values: unknown[]) => unknown)(0, 1, 1, 2)).toThrow(/Sequential\.slice/);
  });
});
