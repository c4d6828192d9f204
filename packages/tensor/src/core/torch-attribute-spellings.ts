// torch's tensor attributes spelled torch's way, read or assigned from JavaScript. A misspelt method
// fails by itself (`x.requires_grad_()` is "not a function"), but a property does not: reading
// `x.requires_grad` gives undefined, and assigning it makes a new property. The habit of freezing a
// layer, `for (const p of model.parameters()) p.requires_grad = false`, would leave every parameter
// training. TypeScript refuses these names at compile time ("Did you mean 'requiresGrad'?"); for
// JavaScript, the prototype gets an accessor for each that throws, naming the spelling here.

/** torch's attribute names with their spelling here. */
const SPELLINGS: Readonly<Record<string, string>> = {
  requires_grad: 'requiresGrad',
  grad_fn: 'gradFn',
  is_leaf: 'isLeaf',
  retains_grad: 'retainsGrad',
};

/**
 * Defines, on the tensor prototype, a throwing accessor for each of torch's snake_case attribute
 * names, and a setter for `data`: torch's `x.data = values` replaces the values, but `data` here is
 * the method that reads them, and an assignment would hide it on that one tensor and change nothing.
 */
export function installTorchAttributeSpellings(prototype: object): void {
  for (const [torchName, name] of Object.entries(SPELLINGS)) {
    const refuse = (): never => {
      throw new Error(`${torchName}: a tensor's \`${torchName}\` is spelled \`${name}\` here (x.${name})`);
    };
    Object.defineProperty(prototype, torchName, { get: refuse, set: refuse, configurable: true });
  }
  const readValues = Object.getOwnPropertyDescriptor(prototype, 'data')!.value as unknown;
  Object.defineProperty(prototype, 'data', {
    get: () => readValues,
    set: () => {
      throw new Error(
        "data: a tensor's values are replaced in place with noGrad(() => x.copy_(values)) (torch's x.data = values); " +
          '`data()` is the method that reads them',
      );
    },
    configurable: true,
  });
}
