/** Invocations per workgroup of the one-thread-per-element kernels. */
export const WORKGROUP_SIZE = 64;
const MAXIMUM_GROUPS_PER_DIMENSION = 65535;

/**
 * Workgroup counts covering `count` items of `perGroup` each. WebGPU allows 65535 groups per
 * dimension, so larger launches fold into a 2-D grid; `linearGroupIndex` undoes the folding.
 */
export function gridFor(operation: string, count: number, perGroup = WORKGROUP_SIZE): [number, number, number] {
  const groups = Math.ceil(count / perGroup);
  const x = Math.min(groups, MAXIMUM_GROUPS_PER_DIMENSION);
  const y = Math.ceil(groups / x);
  if (y > MAXIMUM_GROUPS_PER_DIMENSION) throw new Error(`webgpu ${operation}: ${count} elements are too many for one dispatch`);
  return [x, y, 1];
}

/** Entry point header of a 1-D kernel; the body gets `index` (the element) and returns when past `count`. */
export function linearEntryPoint(countExpression: string, body: string, perGroup = WORKGROUP_SIZE): string {
  return `@compute @workgroup_size(${perGroup})
fn main(@builtin(workgroup_id) workgroup: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>,
        @builtin(local_invocation_index) local: u32) {
  let index = (workgroup.y * groups.x + workgroup.x) * ${perGroup}u + local;
  if (index >= u32(${countExpression})) { return; }
${body}
}`;
}
