import { checkSameDtype, composite, refuseExtraArguments, type Tensor, checkTensorArguments } from '@dl/tensor';

/**
 * y_k = x₁ᵀ·A_k·x₂ + b_k for each of the `outFeatures` outputs (torch.nn.functional.bilinear): inputs
 * [*, in1] and [*, in2] with the same leading dims, weight [out, in1, in2], bias [out].
 */
export function bilinear(input1: Tensor, input2: Tensor, weight: Tensor, bias: Tensor | null = null, ...extra: never[]): Tensor {
  checkTensorArguments('bilinear', bias === null ? { input1, input2, weight } : { input1, input2, weight, bias });
  if (extra.length > 0) refuseExtraArguments('bilinear', ['input1', 'input2', 'weight', 'bias'], extra);
  // the weight's and the bias's own shapes first: the input checks below read the weight's sizes
  if (weight.ndim !== 3) throw new Error(`bilinear: weight must be [out, in1, in2], got [${weight.shape.join(', ')}]`);
  const [outFeatures, in1, in2] = weight.shape as [number, number, number];
  if (bias && (bias.ndim !== 1 || bias.shape[0] !== outFeatures))
    throw new Error(`bilinear: bias must be [${outFeatures}] for weight [${weight.shape.join(', ')}], got [${bias.shape.join(', ')}]`);
  if (input1.shape[input1.ndim - 1] !== in1 || input2.shape[input2.ndim - 1] !== in2)
    throw new Error(
      `bilinear: weight [${weight.shape.join(', ')}] needs inputs [*, ${in1}] and [*, ${in2}], got [${input1.shape.join(', ')}] and [${input2.shape.join(', ')}]`,
    );
  if (input1.shape.slice(0, -1).join() !== input2.shape.slice(0, -1).join())
    throw new Error(`bilinear: the inputs' leading dims differ: [${input1.shape.join(', ')}] and [${input2.shape.join(', ')}]`);
  checkSameDtype('bilinear', bias ? { input1, input2, weight, bias } : { input1, input2, weight });
  return composite(() => {
    const lead = input1.shape.slice(0, -1);
    // (x₁·A_k)·x₂ for every k at once: x₁ [B, in1] times A as [in1, out·in2], then each out's row dotted with x₂
    const rows = input1.reshape([-1, in1]);
    const mixed = rows.matmul(weight.permute(1, 0, 2).reshape([in1, outFeatures * in2])).reshape([-1, outFeatures, in2]);
    let output = mixed.mul(input2.reshape([-1, 1, in2])).sum(2);
    if (bias) output = output.add(bias);
    return output.reshape([...lead, outFeatures]);
  });
}
