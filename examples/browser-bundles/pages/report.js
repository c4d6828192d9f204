/**
 * Every page runs its checks on load and leaves the outcome in `globalThis.dlPage`, which the test
 * (test/browser-bundles.test.ts) waits for: `{ ok: true, result }` or `{ ok: false, error }`.
 */
export function report(run) {
  run().then(
    (result) => {
      globalThis.dlPage = { ok: true, result };
    },
    (error) => {
      globalThis.dlPage = { ok: false, error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) };
    },
  );
}

/** The message of the error `promise` rejects with, or null when it resolves. */
export async function rejection(promise) {
  try {
    await promise;
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** `?name=value` of the page's URL, or undefined. */
export function pageParameter(name) {
  return new URLSearchParams(location.search).get(name) ?? undefined;
}
