import { refuseArgumentsPast } from '../core/options.js';
import { sharedState } from '../core/shared-state.js';
import type { Tensor } from '../core/tensor.js';

/**
 * Handles of graphs that a backward pass has consumed, released two backward passes later.
 *
 * JavaScript cannot tell when a variable stops referring to a tensor (PyTorch's reference counts
 * can), and the garbage collector's callbacks wait for the event loop, which a training loop may
 * never give a turn. A loop's model outputs and losses would pile up until then. What the loop
 * does do is call backward(): once a graph was consumed, its handles (the output, the loss, and
 * whatever the step computed on the way that nobody released) only serve reads such as
 * `loss.item()` and accuracy counts, which come right after. They are released at the end of the
 * second backward pass that follows, so reads stay valid through the next step — long enough for
 * a GAN's critic and generator losses read together after the generator's backward — and a later
 * read throws an error saying what freed the tensor and how to keep it. Handles the user marked
 * as theirs (`keep()`, `.grad`, tensors given to hooks) and handles made by `detach()` or under
 * `noGrad()` are never in a graph's list.
 */
const GENERATIONS_KEPT = 2;
/**
 * Shared by every copy of @dl/tensor in the process: @dl/data's DataLoader reads the clock through
 * its copy while backward() runs in the app's, and a graph's handles must be released whichever
 * copy ran the pass.
 */
const graphs = sharedState('finishedGraphs@1', () => ({ generations: [] as Tensor[][], finished: 0 }));

/**
 * How many graphs backward passes have consumed (and released) so far in this process: a clock that
 * tells library code whether a training step ran since some point (the DataLoader releases a batch
 * once one did).
 */
export function finishedGraphCount(): number {
  if (arguments.length > 0) refuseArgumentsPast('finishedGraphCount', [], arguments);
  return graphs.finished;
}

export function retireFinishedGraph(produced: Tensor[]): void {
  graphs.finished++;
  graphs.generations.push(produced);
  while (graphs.generations.length > GENERATIONS_KEPT) {
    for (const tensor of graphs.generations.shift()!)
      if (!tensor.kept) tensor.release('the second backward() after the one that consumed its graph');
  }
}

/**
 * Releases now the handles of every consumed graph that is still kept for reading (the last two
 * backward passes' outputs and losses): at the end of training, or before measuring `memory()`.
 * @example
 * releaseFinishedGraphs();
 * memory().cpu.liveTensors; // parameters, gradients, optimizer state and what you keep
 */
export function releaseFinishedGraphs(): void {
  if (arguments.length > 0) refuseArgumentsPast('releaseFinishedGraphs', [], arguments);
  for (const produced of graphs.generations.splice(0))
    for (const tensor of produced) if (!tensor.kept) tensor.release('releaseFinishedGraphs()');
}
