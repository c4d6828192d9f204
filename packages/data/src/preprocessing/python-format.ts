/**
 * Python's spelling of strings, for scikit-learn's messages ("Found unknown categories ['x'] …");
 * numbers are @dl/tensor's `pythonFloat` and `pythonNumber`.
 */

/** `repr(str)` in Python: single quotes, double quotes when the text has a single quote but no double one. */
export function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return `${quote}${quote === "'" ? escaped.replace(/'/g, "\\'") : escaped}${quote}`;
}
