/**
 * `value` with `digits` decimals exactly as Python's `'{:.{digits}f}'` writes it: ties (values whose
 * binary expansion ends exactly on a 5) round half to even, where JavaScript's `toFixed` rounds up.
 * @example
 * formatFixed(0.125, 2); // '0.12' (toFixed gives '0.13')
 */
export function formatFixed(value: number, digits: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  const rounded = value.toFixed(digits);
  if (digits >= 99 || Math.abs(value) >= 1e21) return rounded;
  // toFixed(100 - …) shows the exact binary value far enough to see whether it is an exact tie.
  const exact = Math.abs(value).toFixed(Math.min(100, digits + 60));
  const fraction = exact.slice(exact.indexOf('.') + 1);
  const isTie = fraction[digits] === '5' && /^0*$/.test(fraction.slice(digits + 1));
  if (!isTie) return rounded;
  const truncated = exact.slice(0, exact.indexOf('.') + (digits > 0 ? digits + 1 : 0));
  const lastDigit = Number(truncated.replace('.', '').at(-1));
  const sign = value < 0 ? '-' : '';
  // Even last digit: keep the truncation (round down in magnitude); odd: toFixed's round-away is right.
  return lastDigit % 2 === 0 ? sign + truncated : rounded;
}

/** Right-aligns `text` in `width` characters (Python's `'{:>width}'`). */
export function alignRight(text: string, width: number): string {
  return text.padStart(width, ' ');
}
