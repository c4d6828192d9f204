import { describeValue, refuseArgumentsPast, snakeCase } from './options.js';

// torch's names spelled torch's way, read, called or assigned from JavaScript. Reading
// `x.requires_grad` gave undefined, and assigning it made a new property: the habit of freezing a
// layer, `for (const p of model.parameters()) p.requires_grad = false`, left every parameter
// training. Calling `optimizer.zero_grad()` failed with the engine's "optimizer.zero_grad is not a
// function", which does not say what to write. TypeScript refuses these names at compile time ("Did
// you mean 'zeroGrad'?"); for JavaScript, a class's prototype gets, for each of its camelCase methods
// and accessors, an accessor under torch's snake_case name that throws, naming the spelling here.

/** `maskedFill_` → `masked_fill_`, `requiresGrad` → `requires_grad`; null for a name without a hump (`relu`, `T`, `mT`). */
function snakeCaseOf(name: string): string | null {
  if (!/^[a-z][a-z0-9]*[A-Z]/.test(name) || /^[a-z][A-Z]$/.test(name)) return null;
  return snakeCase(name);
}

/**
 * Defines on `prototype`, for each of its own camelCase methods and accessors and each of `fields`
 * (instance fields, which the prototype does not list: an optimizer's `paramGroups`), a throwing
 * accessor under torch's snake_case name (where nothing else has that name); `noun` names the object
 * in the message: "zero_grad: an optimizer's `zero_grad` is spelled `zeroGrad` here (optimizer.zeroGrad())".
 * @example
 * installTorchSpellings(Optimizer.prototype, 'optimizer', ['paramGroups']);
 */
export function installTorchSpellings(prototype: object, noun: string, fields: readonly string[] = []): void {
  if (arguments.length > 3) refuseArgumentsPast('installTorchSpellings', ['prototype', 'noun', 'fields'], arguments);
  if (typeof prototype !== 'object' || prototype === null)
    throw new Error(`installTorchSpellings: prototype must be an object (a class's prototype), got ${describeValue(prototype)}`);
  if (typeof noun !== 'string') throw new Error(`installTorchSpellings: noun must be a string, got ${describeValue(noun)}`);
  if (!Array.isArray(fields) || !fields.every((field) => typeof field === 'string'))
    throw new Error(`installTorchSpellings: fields must be a list of names, got ${describeValue(fields)}`);
  const article = /^[aeiou]/.test(noun) ? 'an' : 'a';
  for (const name of [...Object.getOwnPropertyNames(prototype), ...fields]) {
    const torchName = snakeCaseOf(name);
    if (torchName === null || torchName in prototype) continue;
    const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
    const usage = typeof descriptor?.value === 'function' ? `${noun}.${name}()` : `${noun}.${name}`;
    const refuse = (): never => {
      throw new Error(`${torchName}: ${article} ${noun}'s \`${torchName}\` is spelled \`${name}\` here (${usage})`);
    };
    Object.defineProperty(prototype, torchName, { get: refuse, set: refuse, configurable: true });
  }
}

/**
 * The tensor's spellings, and a setter for `data`: torch's `x.data = values` replaces the values, but
 * `data` here is the method that reads them, and an assignment would hide it on that one tensor and
 * change nothing.
 */
export function installTensorSpellings(prototype: object): void {
  installTorchSpellings(prototype, 'tensor');
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
