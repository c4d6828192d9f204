import { refuseArgumentsPast } from './options.js';
/**
 * What `cuda()` says: there is no CUDA device in JavaScript. PyTorch code moves to the GPU with
 * `.cuda()`; here the GPU is the `webgpu` device of @dl/gpu, reached with `.to('webgpu')` once its
 * `init()` has found an adapter.
 */
export function noCudaMessage(operation: string, subject: 'tensor' | 'module'): string {
  if (arguments.length > 2) refuseArgumentsPast('noCudaMessage', ['operation', 'subject'], arguments);
  return (
    `${operation}: there is no CUDA device here; the GPU is WebGPU: call init() from @dl/gpu, then ` +
    `${subject}.to('webgpu') (as torch's .to('cuda'))`
  );
}
