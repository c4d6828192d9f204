import { randn } from '@dl/tensor';

/**
 * The tutorial's toy sequence task: `count` sequences of `steps` steps with `features` features from
 * N(0, 1), batch-first [count, steps, features]; the label is 1 when the first feature sums to more
 * than 0 over the sequence. The answer depends on every step, so the network has to carry a running
 * sum in its hidden state.
 * @param {number} count
 * @param {number} steps
 * @param {number} features
 */
export function makeSequences(count, steps = 10, features = 8) {
  const x = randn([count, steps, features]);
  const y = x.select(2, 0).sum(1).gt(0).to('int32');
  return { x, y };
}
