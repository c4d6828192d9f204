import { describeValue } from '@dl/tensor';
/**
 * The loaders of datasets whose ready-to-use copy ships in the package `@dl/datasets` (MNIST's
 * subset, the text corpora) read from a folder the caller names. Called without one, they say where
 * the bundled copy went instead of failing on an undefined path.
 * @param operation the caller, as users write it (`loadMnist`, `MnistDataset.load`)
 * @param files what the folder must hold
 * @param instead the `@dl/datasets` call that reads the bundled copy, or null when nothing is bundled
 */
export function requireRoot(
  operation: string,
  root: string | URL | undefined,
  files: string,
  instead: { name: string; call: string } | null,
): asserts root is string | URL {
  if (typeof root === 'string' || root instanceof URL) return;
  if (root !== undefined) throw new Error(`${operation}: root must be a path or URL, got ${describeValue(root)}`);
  const bundled = instead
    ? `; the bundled subset (no download) lives in the package @dl/datasets: npm install @dl/datasets, then ` +
      `import { ${instead.name} } from '@dl/datasets' and call ${instead.call}`
    : ' (this dataset is not bundled with @dl)';
  throw new Error(`${operation}: no root given. @dl/data reads ${files} from a folder you pass as { root }${bundled}`);
}
