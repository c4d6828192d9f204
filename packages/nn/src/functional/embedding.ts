import { checkIndexBounds, composite, type Tensor } from '@dl/tensor';

/**
 * Rows of `weight` [numEmbeddings, dim] picked by the int32 `input` of any shape; output
 * [...input.shape, dim]. Positions equal to `paddingIdx` give their row's value but no gradient to it
 * (torch.nn.functional.embedding).
 * @example
 * F.embedding(tokens, table); // tokens [batch, length] → [batch, length, dim]
 */
export function embedding(input: Tensor, weight: Tensor, paddingIdx?: number | null): Tensor {
  if (input.dtype !== 'int32') throw new Error(`embedding: expected an int32 tensor of indices, got ${input.dtype}`);
  checkIndexBounds('embedding', input, weight.shape[0]!);
  return composite(() => {
    const rows = weight.indexSelect(0, input.reshape([-1]));
    let output = rows.reshape([...input.shape, weight.shape[1]!]);
    if (paddingIdx !== undefined && paddingIdx !== null && weight.requiresGrad) {
      const index = paddingIdx < 0 ? paddingIdx + weight.shape[0]! : paddingIdx;
      // same value, but the padding positions take the detached copy: d/dW of out·m + out.detach()·(1 − m) = m
      const padding = input.eq(index).unsqueeze(-1);
      output = output.detach().where(padding, output);
    }
    return output;
  });
}
