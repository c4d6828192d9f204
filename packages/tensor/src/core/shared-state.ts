/**
 * State that must be unique per process (or page), kept on `globalThis` under a `Symbol.for` key so
 * that every installed copy of @dl/tensor finds the same object.
 *
 * Why: a package manager may install two copies of @dl/tensor (an app and @dl/gpu asking for
 * different versions, a bundle that resolves two paths). Module-level variables would then exist
 * twice: `init()` of @dl/gpu would register `webgpu` in its own copy, and the app's copy would say
 * "device 'webgpu' is not available"; `noGrad()` called through @dl/nn's copy would not stop the
 * app's copy from recording. `Symbol.for` keys live in the realm's global symbol registry, so every
 * copy (ESM, `require()`d, or bundled twice) reads the same slot.
 *
 * Each key carries a layout number (`@1`): a copy whose state has a different shape uses its own
 * slot instead of misreading another's. Bump it when the shape of that state changes incompatibly.
 * docs/architecture.md lists what is shared and what stays per copy.
 */
export function sharedState<T extends object>(name: string, create: () => T): T {
  const key = Symbol.for(`@dl/tensor.${name}`);
  const slots = globalThis as unknown as Record<symbol, T | undefined>;
  let state = slots[key];
  if (state === undefined) {
    state = create();
    // not enumerable, so it stays out of `Object.keys(globalThis)` and of test runners' leak checks
    Object.defineProperty(globalThis, key, { value: state, configurable: true, enumerable: false, writable: false });
  }
  return state;
}
