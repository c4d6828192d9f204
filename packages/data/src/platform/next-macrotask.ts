/**
 * Resolves after the event loop has turned once (a macrotask, unlike a resolved promise): Node's
 * `setImmediate`, else a `MessageChannel` message, which browsers and workers deliver without the
 * 4 ms clamp of nested `setTimeout(0)`.
 */
export function nextMacrotask(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
  if (immediate) return new Promise((resolve) => void immediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
