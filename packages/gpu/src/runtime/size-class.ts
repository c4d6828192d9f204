/**
 * Buffer sizes are rounded up to a size class so a freed buffer can serve later requests of nearby
 * sizes. Classes are powers of two up to 1 MiB, then steps of 1/8 of the enclosing power of two, so
 * no class wastes more than 12.5% above 1 MiB.
 */
const MINIMUM_BYTES = 16;
const FINE_STEPS_ABOVE = 1 << 20;

export function sizeClass(bytes: number): number {
  const wanted = Math.max(bytes, MINIMUM_BYTES);
  const power = 2 ** Math.ceil(Math.log2(wanted));
  if (power <= FINE_STEPS_ABOVE) return power;
  const step = power / 16; // between power/2 and power: 8 steps of power/16
  return Math.ceil(wanted / step) * step;
}
