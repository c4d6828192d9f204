/**
 * Marks the Promise that `item()` returns so that using it as a value fails loudly. PyTorch's
 * `running_loss += loss.item()`, copied into JavaScript, turns the running loss into the string
 * "0[object Promise]" and every later figure into NaN, with no error; TypeScript rejects it, plain
 * JavaScript does not. Awaiting the Promise, or passing it on, is unaffected: only its conversion to
 * a number or a string (`+`, `+=`, a template string, `Number(p)`, a comparison) throws.
 */
export function promisedNumber(promise: Promise<number>, operation: string): Promise<number> {
  Object.defineProperty(promise, Symbol.toPrimitive, {
    value: () => {
      throw new Error(
        `${operation}() returns a Promise (a read may wait for the GPU), and it was used as a number: write \`await x.${operation}()\`, or \`x.${operation}Sync()\` on the CPU (PyTorch's \`total += loss.item()\` is \`total += await loss.item()\`)`,
      );
    },
  });
  return promise;
}
