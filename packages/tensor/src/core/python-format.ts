import { refuseArgumentsPast } from './options.js';
/**
 * Python's spelling of numbers, for messages and names that must read as torch's and scikit-learn's:
 * JavaScript writes 1 and 1e-7 where Python's `str(1.0)` and `repr(1e-07)` write 1.0 and 1e-07.
 */

/**
 * `str(float)` in Python: the shortest digits that round-trip (as JavaScript), in fixed notation for
 * decimal exponents −4 ≤ e < 16 with at least one fractional digit, else d.ddde±XX.
 * @example
 * pythonFloat(1); // '1.0'
 * pythonFloat(1.5e-5); // '1.5e-05'
 */
export function pythonFloat(value: number): string {
  if (arguments.length > 1) refuseArgumentsPast('pythonFloat', ['value'], arguments);
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  // toExponential() without a precision gives the shortest round-trip digits
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const size = Math.abs(exponent) < 10 ? `0${Math.abs(exponent)}` : `${Math.abs(exponent)}`;
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${size}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}.${fraction || '0'}`;
}

/**
 * A number as Python writes it: an integer (Python's int, all digits) unless `asFloat` or it has a
 * fractional part.
 */
export function pythonNumber(value: number, asFloat: boolean): string {
  if (arguments.length > 2) refuseArgumentsPast('pythonNumber', ['value', 'asFloat'], arguments);
  return asFloat || !Number.isInteger(value) ? pythonFloat(value) : BigInt(value).toString();
}
