import { isTensor, type Tensor } from '@dl/tensor';
import { buffer } from './parameter.js';

/**
 * torch's `__setattr__` keeps a name's role when a plain tensor is assigned to it: over a buffer it
 * stays a buffer (`self.running_mean = torch.zeros(3)`), over a parameter it raises a TypeError. A
 * @dl module's members are plain fields, so an assignment cannot be intercepted without a Proxy (which
 * would slow every field read in every forward). Instead the module walk remembers what kind each
 * field last held and applies torch's rule when it next meets the field: a plain tensor where a buffer
 * was is marked as a buffer again, one where a parameter was is an error naming the field.
 */
type MemberKind = 'parameter' | 'buffer';

/** Per module: field name → the kind of member the walk last saw there. */
const lastSeen = new WeakMap<object, Map<string, MemberKind>>();

/** Notes that the field `name` of `module` holds a member of `kind`. */
export function noteMemberKind(module: object, name: string, kind: MemberKind): void {
  let kinds = lastSeen.get(module);
  if (kinds === undefined) lastSeen.set(module, (kinds = new Map()));
  if (kinds.get(name) !== kind) kinds.set(name, kind);
}

/**
 * Forgets the fields of `module` that are gone (deleted: torch's `del module.weight` makes the name
 * free for any value), given how many members the walk just saw; a no-op while the counts agree.
 */
export function forgetRemovedMembers(module: object, seen: number): void {
  const kinds = lastSeen.get(module);
  if (kinds === undefined || kinds.size <= seen) return;
  for (const name of kinds.keys()) if (!Object.hasOwn(module, name)) kinds.delete(name);
}

/**
 * What the field `name`, holding `value` (neither a member nor null), stands for under torch's rule:
 * the buffer it was (the tensor is marked as one), or nothing. Throws for a plain tensor over a
 * parameter. A field whose member was replaced by a getter (weight norm, parametrizations, pruning)
 * or by something other than a tensor is forgotten. A field deleted and assigned again before the next
 * walk cannot be told from one assigned over (no Proxy sees the delete), so torch's `del m.weight;
 * m.weight = t` needs a walk in between.
 */
export function reassignedMember(module: object, name: string, value: unknown): Tensor | undefined {
  const kinds = lastSeen.get(module);
  const kind = kinds?.get(name);
  if (kind === undefined) return undefined;
  if (!isTensor(value) || Object.getOwnPropertyDescriptor(module, name)?.get !== undefined) {
    if (value !== null && value !== undefined) kinds!.delete(name); // null keeps torch's registered None
    return undefined;
  }
  if (kind === 'buffer') return buffer(value);
  throw new TypeError(
    `${module.constructor.name}: cannot assign a plain tensor [${value.shape.join(', ')}] as parameter '${name}' ` +
      `(a parameter or null expected, as torch's "cannot assign 'torch.FloatTensor' as parameter"): assign parameter(t), ` +
      `or copy the values in place with noGrad(() => module.${name}.copy_(t)); after \`delete module.${name}\` ` +
      "(torch's del, which frees the name) walk the module once, with parameters(), before assigning a plain tensor",
  );
}
