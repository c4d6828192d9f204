/**
 * torch.nn.utils.parametrizations: ready-made parametrizations, registered through
 * `parametrize.registerParametrization` with torch's state-dict names. `orthogonal` keeps a matrix (or
 * batch of matrices) orthogonal through the matrix exponential, the Cayley map or Householder
 * reflections; `spectralNorm` divides a weight by its largest singular value, estimated by the power
 * method (the parametrized successor of the hook-style `torch.nn.utils.spectral_norm`).
 * @example
 * const rotation = parametrizations.orthogonal(new Linear(8, 8)); // rotation.weight is orthogonal
 * const critic = parametrizations.spectralNorm(new Conv2d(3, 64, 4)); // σ(critic.weight) ≈ 1
 * parametrize.removeParametrizations(critic, 'weight'); // a plain weight, W / σ
 */
export { orthogonal, type OrthogonalMap, type OrthogonalOptions } from './orthogonal.js';
export { spectralNorm, type SpectralNormOptions } from './spectral-norm.js';
