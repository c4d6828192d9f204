import { Embedding, Linear, Module } from '@dl/nn';
import { LSTM } from '@dl/rnn';

/** Embedding(V, E) → LSTM(E, H, numLayers) → Linear(H, V): next-character logits at every step. */
export class CharLanguageModel extends Module {
  /** @param {{ vocabularySize: number, embeddingSize: number, hiddenSize: number, numLayers: number, dropout: number }} sizes */
  constructor({ vocabularySize, embeddingSize, hiddenSize, numLayers, dropout }) {
    super();
    this.embedding = new Embedding(vocabularySize, embeddingSize);
    this.lstm = new LSTM(embeddingSize, hiddenSize, { numLayers, dropout, batchFirst: true });
    this.decoder = new Linear(hiddenSize, vocabularySize);
  }

  /**
   * @param {import('@dl/tensor').Tensor} tokens int32 [B, T]
   * @param {[import('@dl/tensor').Tensor, import('@dl/tensor').Tensor] | null} state [h, c] from the previous chunk
   * @returns {[import('@dl/tensor').Tensor, [import('@dl/tensor').Tensor, import('@dl/tensor').Tensor]]} logits [B, T, V] and the new state
   */
  forward(tokens, state) {
    const [output, nextState] = this.lstm.call(this.embedding.call(tokens), state);
    return [this.decoder.call(output), nextState];
  }
}
