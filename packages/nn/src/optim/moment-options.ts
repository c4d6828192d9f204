import type { ParameterGroup } from './optimizer.js';

/** The checks every Adam-like optimizer makes of ε, β₁, β₂ and the weight decay, in torch's words. */
export function checkMomentOptions(
  owner: string,
  group: ParameterGroup<{ betas: [number, number]; eps: number; weightDecay: number }>,
): void {
  const [beta1, beta2] = group.betas;
  if (!(group.eps >= 0)) throw new Error(`${owner}: invalid epsilon value: ${group.eps}`);
  if (!(beta1 >= 0 && beta1 < 1)) throw new Error(`${owner}: invalid beta parameter at index 0: ${beta1}`);
  if (!(beta2 >= 0 && beta2 < 1)) throw new Error(`${owner}: invalid beta parameter at index 1: ${beta2}`);
  if (!(group.weightDecay >= 0)) throw new Error(`${owner}: invalid weight_decay value: ${group.weightDecay}`);
}
