/**
 * The folder of data files that ship with this package (`packages/data/data/`). This module sits
 * directly under src/ (and its built code directly under dist/), so `../data/` reaches it from both.
 */
export function bundledDataUrl(name: string): URL {
  return new URL(`../data/${name}`, import.meta.url);
}
