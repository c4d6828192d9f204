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
 * therefore registered only once it is full and some member still holds a reference, and takes its
 * registration back when the last one is released. (Handles of the cohort being filled are left
 * to the collector alone: at most 63, counted in `memory()` until released.)
 */
const COHORT_SIZE = 64;

class Cohort {
  /** Ledger of each member handle still holding a reference (null once released). */
  readonly members: (StorageLedger | null)[] = [];
  /** Members not yet released. */
  holding = 0;
}

function settleAll(members: (StorageLedger | null)[]): void {
  for (const ledger of members) ledger?.settle();
}

const cohorts = new FinalizationRegistry<(StorageLedger | null)[]>(settleAll);
const singles = new FinalizationRegistry<Storage>((storage) => {
  storage.counters.liveTensors--;
  storage.release();
});

let current = new Cohort();

/** Where a handle's reference is recorded, so a release can take it back. */
export interface Registration {
  cohort: Cohort | null;
  slot: number;
}

export function registerHandle(handle: object, storage: Storage): Registration {
  if (!storage.backend.garbageCollected) {
    singles.register(handle, storage, handle);
    return { cohort: null, slot: -1 };
  }
  if (current.members.length === COHORT_SIZE) {
    if (current.holding > 0) cohorts.register(current, current.members, current);
    current = new Cohort();
  }
  const cohort = current;
  cohort.members.push(storage.ledger);
  cohort.holding++;
  return { cohort, slot: cohort.members.length - 1 };
}

/** The handle was released: its reference is given back by the caller, not by the finalizer. */
export function unregisterHandle(handle: object, registration: Registration): void {
  const cohort = registration.cohort;
  if (!cohort) {
    singles.unregister(handle);
    return;
  }
  cohort.members[registration.slot] = null;
  // a registered (full) cohort with no holder left needs no callback
  if (--cohort.holding === 0 && cohort !== current) cohorts.unregister(cohort);
}
