/**
 * y = x·Wᵀ + b with x [*, in], weight [out, in], bias [out] (torch.nn.functional.linear): @dl/tensor's
 * `linear`, one graph node for a matrix input as torch's addmm.
 */
export { linear } from '@dl/tensor';
