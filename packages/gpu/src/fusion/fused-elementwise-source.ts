import { gpuBufferOf } from '../backend/gpu-tensor-buffer.js';
import { bindingElement, loadElement, storeElement, valueTypeOf } from '../kernels/element-storage.js';
import { convertTo, type Typed, type WgslType } from '../kernels/wgsl-types.js';
import type { KernelBinding } from '../runtime/gpu-runtime.js';
import type { FusionGroup } from './fusion-group.js';

/** The WGSL and bindings that compute and store element `index` of every live output of a group. */
export interface FusedElementProgram {
  /** Storage declarations (from `firstBinding` on) and `fn writeElement(index: u32[, root: T])`. */
  code: string;
  bindings: KernelBinding[];
  /** Integer parameters, read from `firstParameter` on: per leaf its offset, merged shape and strides. */
  parameters: number[];
}

/**
 * `writeElement` loads each leaf at element `index` (unravelled over the leaf's own merged shape, so a
 * contiguous leaf is one multiply-add and a broadcast bias reads through its 0 strides), computes the
 * nodes in recording order as `let`s (a value used twice is computed once), and stores the nodes whose
 * buffers were not freed. A node's value is converted to its dtype's storage type exactly as the
 * unfused kernel stores it, so later nodes see what they would have loaded from memory.
 */
export function fusedElementProgram(
  group: FusionGroup,
  firstBinding: number,
  firstParameter: number,
  rootType?: WgslType,
): FusedElementProgram {
  const label = 'fused elementwise';
  const declarations: string[] = [];
  const bindings: KernelBinding[] = [];
  group.buffers.forEach((buffer, index) => {
    declarations.push(
      `@group(0) @binding(${firstBinding + bindings.length}) var<storage, read> leafBuffer${index}: array<${bindingElement(label, buffer.dtype, 'read')}>;`,
    );
    bindings.push({ buffer: gpuBufferOf(label, buffer), access: 'read' });
  });
  const outputs = group.liveOutputs();
  outputs.forEach((node, index) => {
    declarations.push(
      `@group(0) @binding(${firstBinding + bindings.length}) var<storage, read_write> outputBuffer${index}: array<${bindingElement(label, node.dtype, 'read-write')}>;`,
    );
    bindings.push({ buffer: gpuBufferOf(label, node.output), access: 'read-write' });
  });

  // one zero word per operand position (where takes three): see `opaque`
  const parameters: number[] = [0, 0, 0];
  const lines: string[] = parameters.map((_, slot) => `  let opaque${slot} = bitcast<u32>(parameter(${firstParameter + slot}u));`);
  group.leaves.forEach((leaf, index) => {
    const base = firstParameter + parameters.length;
    const rank = leaf.shape.length;
    parameters.push(leaf.offset, ...leaf.shape, ...leaf.strides);
    const shapeAt = (axis: number) => `parameter(${base + 1 + axis}u)`;
    const strideAt = (axis: number) => `parameter(${base + 1 + rank + axis}u)`;
    lines.push(`  var offset${index} = parameter(${base}u);`);
    if (rank === 1) lines.push(`  offset${index} += i32(index) * ${strideAt(0)};`);
    else {
      lines.push(`  var remaining${index} = index;`);
      for (let axis = rank - 1; axis > 0; axis--) {
        lines.push(`  offset${index} += i32(remaining${index} % u32(${shapeAt(axis)})) * ${strideAt(axis)};`);
        lines.push(`  remaining${index} = remaining${index} / u32(${shapeAt(axis)});`);
      }
      lines.push(`  offset${index} += i32(remaining${index}) * ${strideAt(0)};`);
    }
    lines.push(`  let leaf${index} = ${loadElement(label, `leafBuffer${leaf.binding}`, `u32(offset${index})`, leaf.dtype).code};`);
  });

  const leafValue = (leaf: number): Typed => ({ code: `leaf${leaf}`, type: valueTypeOf(label, group.leaves[leaf]!.dtype) });
  const nodeValue = (node: number): Typed => ({ code: `node${node}`, type: valueTypeOf(label, group.nodes[node]!.dtype) });
  group.nodes.forEach((node, index) => {
    if (!node.compute) {
      // a float16 root (a product accumulated in f32) is rounded as its unfused store would round it
      const root = node.dtype === 'float16' ? convertTo({ code: 'root', type: rootType! }, node.dtype) : 'root';
      lines.push(`  let node${index} = ${root};`);
      return;
    }
    const values = node.operands.map((operand, slot) =>
      opaque(operand.kind === 'leaf' ? leafValue(operand.leaf) : nodeValue(operand.node), slot),
    );
    lines.push(`  let node${index} = ${convertTo(node.compute(values), node.dtype)};`);
  });
  outputs.forEach((node, index) =>
    lines.push(`  ${storeElement(`outputBuffer${index}`, 'index', `node${group.nodes.indexOf(node)}`, node.dtype)}`),
  );

  const signature = rootType ? `fn writeElement(index: u32, root: ${rootType})` : 'fn writeElement(index: u32)';
  return { code: `${declarations.join('\n')}\n${signature} {\n${lines.join('\n')}\n}`, bindings, parameters };
}

/**
 * An operand as the compiler must take it: XORed with a word that is 0 at run time but unknown when
 * compiling. WGSL lets a compiler assume no NaN or infinity and reassociate, and unfused each op reads
 * its operands from memory, where nothing can be assumed: without this, fusing would let it fold
 * \`a - a\` to 0 (llvmpipe does, so a/(a − a) lost its infinities) or contract a product and a sum
 * into one fma, and fused results would differ from the unfused ones. Each position has its own
 * word, so two operands of one op are never the same value to the compiler either.
 */
function opaque(value: Typed, slot: number): Typed {
  const { code, type } = value;
  const word = `opaque${slot}`;
  if (type === 'u32') return { code: `(${code} ^ ${word})`, type };
  return { code: `bitcast<${type}>(bitcast<u32>(${code}) ^ ${word})`, type };
}

/** Names a fused kernel by its ops, e.g. `fused matmul Bᵀ + binary add + unary relu`. */
export function fusedLabel(group: FusionGroup): string {
  return `fused ${group.nodes.map((node) => node.label).join(' + ')}`;
}
