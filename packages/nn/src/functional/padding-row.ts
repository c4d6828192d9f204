/**
 * torch's check of `padding_idx` against a table of `numEmbeddings` rows (Embedding, EmbeddingBag and
 * their functional forms): an integer in [−numEmbeddings, numEmbeddings − 1], a negative one counting
 * from the end. Returns the row it names, in [0, numEmbeddings − 1]. Out of range it would match no
 * index, so every row would silently get its gradient; torch raises.
 * @example
 * paddingRow('Embedding', -1, 10); // 9
 */
export function paddingRow(owner: string, paddingIdx: number, numEmbeddings: number): number {
  if (!Number.isInteger(paddingIdx) || paddingIdx >= numEmbeddings || paddingIdx < -numEmbeddings)
    throw new Error(
      `${owner}: paddingIdx ${paddingIdx} must be within numEmbeddings (${numEmbeddings}): an integer from ${-numEmbeddings} through ${numEmbeddings - 1}`,
    );
  return paddingIdx < 0 ? paddingIdx + numEmbeddings : paddingIdx;
}
