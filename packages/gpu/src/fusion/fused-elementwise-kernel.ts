import { gridFor, linearEntryPoint } from '../kernels/dispatch-grid.js';
import { Parameters, parameterDeclaration } from '../kernels/parameters.js';
import { withHelpers } from '../kernels/wgsl-math.js';
import type { GpuRuntime } from '../runtime/gpu-runtime.js';
import { fusedElementProgram, fusedLabel } from './fused-elementwise-source.js';
import type { FusionGroup } from './fusion-group.js';

/** One invocation per element of a group of elementwise ops (no matmul root). Parameter 0 is the count. */
export function runFusedElementwise(runtime: GpuRuntime, group: FusionGroup): void {
  const label = fusedLabel(group);
  const program = fusedElementProgram(group, 0, 1);
  const parameters = new Parameters().int(group.count, ...program.parameters);
  const source = withHelpers(
    `// ${label}\n${program.code}\n${parameterDeclaration(program.bindings.length, parameters.length)}\n` +
      linearEntryPoint('parameter(0u)', '  writeElement(index);'),
  );
  runtime.dispatch({
    label,
    source,
    bindings: program.bindings,
    parameters: parameters.toArray(),
    workgroups: gridFor(label, group.count),
  });
}
