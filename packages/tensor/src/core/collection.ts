import type { Storage, StorageLedger } from './storage.js';

/**
 * The garbage-collection safety net (DESIGN §3), a backstop only: flat memory comes from
 * deterministic release (scopes, backward, zeroGrad, finished graphs). A handle that is never
 * released settles its storage's accounts once the engine collects it.
 *
 * A FinalizationRegistry callback runs only when the event loop turns, and the registry keeps each
 * held value reachable until then. For backends whose buffers the garbage collector frees by itself
 * (the CPU's typed arrays), the held value is therefore the storage's ledger, never the storage: a
 * dropped buffer goes with the next collection, even in a loop that never yields, and only the
 * counters wait for the callback.
 *
 * A registration costs about a microsecond plus work in every collection, a large share of a small
 * op's cost, so such handles share one registration per cohort of consecutively created handles: the
 * cohort is collected, and its ledgers settled, when all of its handles are gone. Buffers that need an
 * explicit free (GPU memory, invisible to the collector) get one registration per handle holding the
 * storage, since only the callback can free them.
 *
 * The registry keeps each registration (a cell and its held value) until the callback has run, so a
 * loop that never yields would pile them up even when every handle is released on time. A cohort is
 * therefore registered only when it must be: once full, it waits behind `REGISTRATION_DELAY` newer
 * full cohorts, and is registered then only if some member still holds a reference; a registered
 * cohort takes its registration back when its last member is released.
 *
 * Why the wait, as measured in V8 (Node 20): a registration's cell outlives its `unregister` until
 * the next full collection, and the young collections in between keep what it points to (the cohort
 * and its member array) alive, promoting it into the old generation. In a training loop every cohort was registered
 * (some member, a gradient or an activation, was still held when the next cohort began) and released
 * a step later: 1.2 registrations per moons step raised the bytes surviving each young collection
 * from 50 to 107 KB, and V8 grows its young generation (up to 2 × 16 MiB) as surviving bytes add up
 * (issue #11: resident memory growing by 30 MiB over 9,000 steps). Waiting behind sixteen newer
 * cohorts (1,024 handles: a dozen moons steps, more than the two or three steps a DataLoader lends a
 * batch for) lets such cohorts empty first. What the wait holds is ledgers (counters), never
 * buffers: a dropped handle's buffer still goes with the next collection, only its counters wait
 * longer. (Handles of the cohort being filled and of the waiting ones, at most 63 + 1,024, are
 * counted in `memory()` until released or settled.)
 */
const COHORT_SIZE = 64;
const REGISTRATION_DELAY = 16;

export class Cohort {
  /**
   * The ledger of each member handle that has not been released (null where one was). While the
   * cohort fills, one slot per member; once full, only the members still holding (a few, in a
   * training loop), so that what waits in line and what a registration pins stays small: a waiting
   * cohort outlives several young collections, and its 64 slots were a fifth of what survived them.
   */
  members: (StorageLedger | null)[] = [];
  /** Members not yet released. */
  holding = 0;
  /** When it was retired (full), on the clock of `retired`. */
  retiredAt = 0;
  /** Registered with the finalization registry (it left the waiting line with a member holding). */
  registered = false;
}

/** What a handle whose storage needs an explicit free is registered with: its own registration. */
export const SINGLE_REGISTRATION = new Cohort();

function settleAll(members: (StorageLedger | null)[]): void {
  for (const ledger of members) ledger?.settle();
}

const cohorts = new FinalizationRegistry<(StorageLedger | null)[]>(settleAll);
const singles = new FinalizationRegistry<Storage>((storage) => {
  storage.counters.liveTensors--;
  storage.release();
});

let current = new Cohort();
/** Full cohorts counted so far: the clock of the waiting line. */
let retired = 0;
/** Full cohorts with members holding, oldest first. */
const waiting: Cohort[] = [];

/**
 * A full cohort joins the waiting line (if a member still holds), keeping only the ledgers of the
 * members that hold; every cohort that has waited behind REGISTRATION_DELAY newer ones, whether those
 * held anything or not, leaves it, and is registered if a member still holds.
 */
function retire(cohort: Cohort): void {
  retired++;
  if (cohort.holding > 0) {
    cohort.members = cohort.members.filter((ledger) => ledger !== null);
    cohort.retiredAt = retired;
    waiting.push(cohort);
  }
  while (waiting.length > 0 && retired - waiting[0]!.retiredAt >= REGISTRATION_DELAY) register(waiting.shift()!);
}

/** Registers a cohort that left the waiting line, if a member still holds, with the ledgers of those members. */
function register(cohort: Cohort): void {
  if (cohort.holding === 0) return;
  cohort.registered = true;
  cohorts.register(cohort, cohort.members, cohort);
}

/**
 * Registers every waiting cohort that still has a holder now. `emptyCache()` calls it before its full
 * collection, so that the handles dropped since are settled by the callbacks that follow (and
 * `memory()` counts come right) instead of after 1,024 more handles are made.
 */
export function registerWaitingCohorts(): void {
  for (const cohort of waiting.splice(0)) register(cohort);
}

/**
 * Records a new handle with the safety net; returns what the handle's release gives back to
 * `unregisterHandle` (no object per handle: the handle finds its entry by its ledger).
 */
export function registerHandle(handle: object, storage: Storage): Cohort {
  if (!storage.backend.garbageCollected) {
    singles.register(handle, storage, handle);
    return SINGLE_REGISTRATION;
  }
  if (current.members.length === COHORT_SIZE) {
    retire(current);
    current = new Cohort();
  }
  current.members.push(storage.ledger);
  current.holding++;
  return current;
}

/** The handle was released: its reference is given back by the caller, not by the finalizer. */
export function unregisterHandle(handle: object, cohort: Cohort, ledger: StorageLedger): void {
  if (cohort === SINGLE_REGISTRATION) {
    singles.unregister(handle);
    return;
  }
  // two views of one storage in a cohort hold its ledger twice: either entry will do. Searched from
  // the end: a handle is most often released soon after it was made.
  const members = cohort.members;
  members[members.lastIndexOf(ledger)] = null;
  // a registered cohort with no holder left needs no callback (a waiting one is skipped when it leaves the line)
  if (--cohort.holding === 0 && cohort.registered) {
    cohort.members = [];
    cohorts.unregister(cohort);
  }
}
