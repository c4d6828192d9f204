import { describe, expect, it } from 'vitest';
import { Parameters, parameterDeclaration } from './parameters.js';

describe('Parameters', () => {
  it('packs integers and float bits into 16-byte aligned words', () => {
    const words = new Parameters().int(3, -2, 0xffffffff).float(-Infinity).toArray();
    expect(words.length).toBe(4);
    expect(Array.from(words.slice(0, 3))).toEqual([3, -2, -1]);
    expect(new Float32Array(words.buffer)[3]).toBe(-Infinity);
    expect(new Parameters().int(1, 2, 3, 4, 5).toArray().length).toBe(8);
  });

  it('refuses values that do not fit 32 bits, naming them', () => {
    expect(() => new Parameters().int(2 ** 32)).toThrow(/4294967296 does not fit 32 bits/);
    expect(() => new Parameters().int(1.5)).toThrow(/1.5/);
  });

  it('declares enough vec4s for the words', () => {
    expect(parameterDeclaration(2, 9)).toContain('array<vec4<i32>, 3>');
    expect(parameterDeclaration(2, 9)).toContain('@binding(2)');
  });
});
