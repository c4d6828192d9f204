import { cat, full, linspace, randn, stack } from '@dl/tensor';

/**
 * Two interleaved spirals in the plane, one per class, drawn from @dl/tensor's seeded generator
 * (call `manualSeed` first for a reproducible set).
 * @param {{ pointsPerClass: number, turns?: number, noise?: number }} options
 * @returns {{ inputs: import('@dl/tensor').Tensor, labels: import('@dl/tensor').Tensor }}
 *   inputs `[2 * pointsPerClass, 2]` float32, labels `[2 * pointsPerClass]` int32 (0 or 1)
 * @example
 * const { inputs, labels } = makeSpirals({ pointsPerClass: 100 });
 */
export function makeSpirals({ pointsPerClass, turns = 1, noise = 0.05 }) {
  const classes = [0, 1].map((label) => {
    // the radius grows from the centre outwards while the angle winds; class 1 is class 0 rotated by pi
    const radius = linspace(0.05, 1, pointsPerClass);
    const angle = radius.mul(2 * Math.PI * turns).add(label * Math.PI);
    const points = stack([radius.mul(angle.cos()), radius.mul(angle.sin())], 1);
    return {
      inputs: points.add(randn([pointsPerClass, 2]).mul(noise)),
      labels: full([pointsPerClass], label, { dtype: 'int32' }),
    };
  });
  return {
    inputs: cat(classes.map((part) => part.inputs)),
    labels: cat(classes.map((part) => part.labels)),
  };
}
