import { isTensor, keep, type Tensor } from '@dl/tensor';
import { buffer, isBuffer } from './parameter.js';

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

/** Per module that has buffers: their field names (what a call's end looks at; most modules have none). */
const bufferFields = new WeakMap<object, string[]>();

/** Notes that the field `name` of `module` holds a member of `kind`. */
export function noteMemberKind(module: object, name: string, kind: MemberKind): void {
  let kinds = lastSeen.get(module);
  if (kinds === undefined) lastSeen.set(module, (kinds = new Map()));
  if (kinds.get(name) === kind) return;
  kinds.set(name, kind);
  listBufferField(module, name, kind === 'buffer');
}

/** Adds `name` to `module`'s buffer fields, or takes it out (`listed` false). */
function listBufferField(module: object, name: string, listed: boolean): void {
  const names = bufferFields.get(module) ?? [];
  if (names.includes(name) === listed) return;
  bufferFields.set(module, listed ? [...names, name] : names.filter((other) => other !== name));
}

/**
 * At the end of `module`'s call: a tensor its forward assigned to a buffer field (torch's
 * `self.running_mean = momentum * self.running_mean + …`) becomes that buffer and outlives the call,
 * instead of being freed with the call's other intermediates (a "was disposed" error at the next
 * call). The buffer it replaced is left to the garbage collector, as torch leaves it to its count of
 * references: the program may still hold it.
 */
export function keepReassignedBuffers(module: object): void {
  const names = bufferFields.get(module);
  if (names === undefined) return;
  const fields = module as Record<string, unknown>;
  for (const name of names) {
    const value = fields[name];
    if (!isTensor(value) || (isBuffer(value) && value.kept) || value.isDisposed) continue;
    keep(buffer(value));
  }
}

/**
 * Forgets the fields of `module` that are gone (deleted: torch's `del module.weight` makes the name
 * free for any value), given how many members the walk just saw; a no-op while the counts agree.
 */
export function forgetRemovedMembers(module: object, seen: number): void {
  const kinds = lastSeen.get(module);
  if (kinds === undefined || kinds.size <= seen) return;
  for (const name of kinds.keys()) if (!Object.hasOwn(module, name)) forgetMember(module, name);
}

/** Forgets what the field `name` of `module` held. */
function forgetMember(module: object, name: string): void {
  lastSeen.get(module)?.delete(name);
  listBufferField(module, name, false);
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
    // null keeps torch's registered None
    if (value !== null && value !== undefined) forgetMember(module, name);
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
