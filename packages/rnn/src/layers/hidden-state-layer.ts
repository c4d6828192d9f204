import type { Tensor } from '@dl/tensor';
import type { PackedSequence } from '../packing/packed-sequence.js';
import { RecurrentLayer } from './recurrent-layer.js';
import { refuseExtraInputs } from '@dl/nn';

/** RNN and GRU: layers whose state is h alone, called as `call(input, h0?)` → `[output, hN]`. */
export abstract class HiddenStateLayer extends RecurrentLayer {
  static {
    refuseExtraInputs(this);
  }

  override call(input: Tensor, h0?: Tensor | null): [Tensor, Tensor];
  override call(input: PackedSequence, h0?: Tensor | null): [PackedSequence, Tensor];
  override call(input: Tensor | PackedSequence, h0?: Tensor | null): [Tensor | PackedSequence, Tensor];
  // every input given goes on to Module.call, which refuses more than forward takes
  override call(...inputs: [input: Tensor | PackedSequence, h0?: Tensor | null]): [Tensor | PackedSequence, Tensor] {
    return super.call(...(inputs as unknown as never[])) as [Tensor | PackedSequence, Tensor];
  }

  forward(input: Tensor | PackedSequence, h0?: Tensor | null): [Tensor | PackedSequence, Tensor] {
    const [output, hidden] = this.runLayers(input, h0, null);
    return [output, hidden];
  }
}
