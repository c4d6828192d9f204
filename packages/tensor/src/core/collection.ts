import type { Storage } from './storage.js';

/**
 * The garbage-collection safety net (DESIGN §3): a tensor handle that is never disposed gives its
 * storage reference back once the JavaScript engine collects it.
 *
 * A FinalizationRegistry entry costs about a microsecond to create plus work in every GC, which is
 * a large share of a small op's cost. Handles whose buffers are themselves garbage-collected (the CPU
 * backend's typed arrays) therefore share one registration per cohort of consecutively created
 * handles: the cohort is collected, and its references released, when all of its handles are gone.
 * Buffers that need an explicit free (GPU memory) get one registration per handle, so none waits
 * for a long-lived neighbour.
 */
const COHORT_SIZE = 64;

class Cohort {
  /** Storage of each member handle still holding a reference (null once disposed). */
  readonly members: (Storage | null)[] = [];
}

function releaseAll(members: (Storage | null)[]): void {
  for (const storage of members) {
    if (!storage) continue;
    storage.release();
    storage.counters.liveTensors--;
  }
}

const cohorts = new FinalizationRegistry<(Storage | null)[]>(releaseAll);
const singles = new FinalizationRegistry<Storage>((storage) => releaseAll([storage]));

let current = new Cohort();

/** Where a handle's reference is recorded, so `dispose()` can take it back. */
export interface Registration {
  cohort: Cohort | null;
  slot: number;
}

export function registerHandle(handle: object, storage: Storage): Registration {
  if (!storage.backend.garbageCollected) {
    singles.register(handle, storage, handle);
    return { cohort: null, slot: -1 };
  }
  if (current.members.length === COHORT_SIZE) current = new Cohort();
  const cohort = current;
  if (cohort.members.length === 0) cohorts.register(cohort, cohort.members);
  cohort.members.push(storage);
  return { cohort, slot: cohort.members.length - 1 };
}

/** The handle was disposed: its reference is released by the caller, not by the finalizer. */
export function unregisterHandle(handle: object, registration: Registration): void {
  if (registration.cohort) registration.cohort.members[registration.slot] = null;
  else singles.unregister(handle);
}
