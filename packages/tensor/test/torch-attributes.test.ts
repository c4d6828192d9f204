import { describe, expect, it } from 'vitest';
import { ones, randn, zeros } from '../src/index.js';

// torch's tensor attributes as a JavaScript user coming from PyTorch writes them. Each of these was
// silently misread: `p.requires_grad = false` made a new property and the parameter kept training,
// `x.data = values` hid the `data()` method on that tensor and changed nothing, and `x.grad = value`
// took a gradient of any shape or dtype (torch 1.13 raises "assigned grad has data of a different
// size" / "… type" / "assigned grad expected to be a Tensor or None").

/** The tensor as JavaScript sees it: any property may be read or assigned. */
const untyped = (value: object) => value as Record<string, unknown>;

describe("torch's attribute spellings on a tensor", () => {
  it('freezing with requires_grad = false refuses, naming requiresGrad, and changes nothing', () => {
    const parameters = [randn([2, 3], { requiresGrad: true }), randn([3], { requiresGrad: true })];
    for (const parameter of parameters)
      expect(() => {
        untyped(parameter).requires_grad = false;
      }).toThrow("requires_grad: a tensor's `requires_grad` is spelled `requiresGrad` here (tensor.requiresGrad)");
    expect(parameters.map((parameter) => parameter.requiresGrad)).toEqual([true, true]);
    for (const parameter of parameters) parameter.requiresGrad = false;
    expect(parameters.map((parameter) => parameter.requiresGrad)).toEqual([false, false]);
  });

  it('reading requires_grad, grad_fn, is_leaf or retains_grad refuses, naming the spelling here', () => {
    const output = randn([3], { requiresGrad: true }).mul(2);
    const spellings = { requires_grad: 'requiresGrad', grad_fn: 'gradFn', is_leaf: 'isLeaf', retains_grad: 'retainsGrad' };
    for (const [torchName, name] of Object.entries(spellings))
      expect(() => untyped(output)[torchName]).toThrow(
        `${torchName}: a tensor's \`${torchName}\` is spelled \`${name}\` here (tensor.${name})`,
      );
    expect([output.requiresGrad, output.gradFn !== null, output.isLeaf, output.retainsGrad]).toEqual([true, true, false, false]);
  });

  it('x.data = values refuses with the in-place way, and data() still reads', async () => {
    const weight = zeros([2]);
    expect(() => {
      untyped(weight).data = ones([2]);
    }).toThrow("data: a tensor's values are replaced in place with noGrad(() => x.copy_(values)) (torch's x.data = values)");
    expect(Array.from(await weight.data())).toEqual([0, 0]);
    expect(Object.hasOwn(weight, 'data')).toBe(false);
  });

  it('x.grad = value takes a tensor of its shape and dtype, or null, as torch', () => {
    const weight = randn([2, 3], { requiresGrad: true });
    expect(() => {
      weight.grad = zeros([3, 2]);
    }).toThrow("grad: assigned grad has data of a different size: [3, 2], the tensor's is [2, 3]");
    expect(() => {
      weight.grad = zeros([2, 3], { dtype: 'float64' });
    }).toThrow("grad: assigned grad has data of a different type: float64, the tensor's is float32");
    expect(() => {
      untyped(weight).grad = 0;
    }).toThrow('grad: assigned grad expected to be a Tensor or null, got 0');
    expect(weight.grad).toBeNull();
    const gradient = ones([2, 3]);
    weight.grad = gradient;
    expect(weight.grad).toBe(gradient);
    weight.grad = null;
    expect(weight.grad).toBeNull();
    weight.grad = gradient;
    untyped(weight).grad = undefined;
    expect(weight.grad).toBeNull();
  });

  it('requiresGrad takes a boolean (torch: "requires_grad must be a bool")', () => {
    const weight = randn([2]);
    expect(() => {
      untyped(weight).requiresGrad = 'false';
    }).toThrow("requiresGrad: the flag must be true or false, got 'false'");
    expect(() => weight.requiresGrad_(1 as never)).toThrow('requiresGrad: the flag must be true or false, got 1');
    expect(weight.requiresGrad).toBe(false);
  });
});
