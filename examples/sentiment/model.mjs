import { Embedding, Linear, Module, Dropout } from '@dl/nn';
import { LSTM, packPaddedSequence } from '@dl/rnn';
import { cat } from '@dl/tensor';

/**
 * Embedding → bidirectional LSTM over a packed batch → [h_forward, h_backward] of the last layer →
 * Linear(2H, classes). Packing makes each direction stop at each text's own end: the forward hN is
 * the state after the last real token, and the backward pass starts there, not in the padding.
 */
export class TextClassifier extends Module {
  /**
   * @param {{ vocabularySize: number, embeddingSize: number, hiddenSize: number, classes: number, paddingIndex: number,
   *   pretrained?: import('@dl/tensor').Tensor | null, freeze?: boolean, dropout?: number }} options
   */
  constructor({ vocabularySize, embeddingSize, hiddenSize, classes, paddingIndex, pretrained = null, freeze = true, dropout = 0.3 }) {
    super();
    this.embedding = pretrained
      ? Embedding.fromPretrained(pretrained, { freeze, paddingIdx: paddingIndex })
      : new Embedding(vocabularySize, embeddingSize, { paddingIdx: paddingIndex });
    this.lstm = new LSTM(this.embedding.embeddingDim, hiddenSize, { batchFirst: true, bidirectional: true });
    this.dropout = new Dropout(dropout);
    this.fc = new Linear(2 * hiddenSize, classes);
  }

  /**
   * @param {import('@dl/tensor').Tensor} tokens int32 [B, T], padded
   * @param {number[]} lengths each text's number of real tokens
   */
  forward(tokens, lengths) {
    const packed = packPaddedSequence(this.embedding.call(tokens), lengths, { batchFirst: true, enforceSorted: false });
    const [, [hN]] = this.lstm.call(packed); // hN [2, B, H] in the batch's own order: forward, backward
    return this.fc.call(this.dropout.call(cat([hN.select(0, 0), hN.select(0, 1)], 1)));
  }
}
