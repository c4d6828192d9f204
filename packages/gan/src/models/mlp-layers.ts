import { Linear, type Module } from '@dl/nn';

/** Linear layers through `sizes` ([in, h1, …, out]), each followed by `activation()`. */
export function linearStack(sizes: readonly number[], activation: () => Module): Module[] {
  const layers: Module[] = [];
  for (let index = 1; index < sizes.length; index++) layers.push(new Linear(sizes[index - 1]!, sizes[index]!), activation());
  return layers;
}

/** Throws unless every size is a positive integer. */
export function checkSizes(caller: string, sizes: Record<string, number | readonly number[]>): void {
  for (const [name, value] of Object.entries(sizes))
    for (const size of typeof value === 'number' ? [value] : value)
      if (!Number.isInteger(size) || size < 1) throw new Error(`${caller}: ${name} must be positive integers, got ${String(value)}`);
}
