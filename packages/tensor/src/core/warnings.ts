import { refuseArgumentsPast } from './options.js';
import { sharedState } from './shared-state.js';

/**
 * What `warn` does with a warning, after Python's `warnings.simplefilter` actions: 'default' shows
 * each distinct warning once, 'always' shows every one, 'ignore' drops them, 'error' throws them.
 */
export type WarningAction = 'default' | 'always' | 'ignore' | 'error';

/** One warning recorded by `catchWarnings`. */
export interface CaughtWarning {
  /** Python's warning class name: 'UserWarning', 'DeprecationWarning', … */
  category: string;
  message: string;
}

/** What `catchWarnings` returns: the body's result and the warnings raised while it ran, in order. */
export interface CaughtWarnings<T> {
  result: T;
  warnings: CaughtWarning[];
}

const actions: readonly WarningAction[] = ['default', 'always', 'ignore', 'error'];

interface WarningState {
  action: WarningAction;
  /** `category: message` of each warning 'default' has shown. */
  shown: Set<string>;
  /** The lists of open `catchWarnings` calls, innermost last; only the innermost records. */
  recorders: CaughtWarning[][];
}

/**
 * Shared by every copy of @dl/tensor in the process (see shared-state.ts): @dl/rnn warns through its
 * copy, and the app's `setWarningFilter('error')` or `catchWarnings` must see that warning too.
 */
const state = sharedState('warnings@1', (): WarningState => ({ action: 'default', shown: new Set(), recorders: [] }));

/** The parts of Node's `process` that `warn` uses; absent in browsers and workers. */
interface WarningProcess {
  emitWarning?: (message: string, type: string) => void;
}

/**
 * Warns, as torch does where it goes on anyway (Python's `warnings.warn`). With the default action
 * each distinct (category, message) is shown once per process. Python's 'default' shows once per
 * calling line, which JavaScript cannot name cheaply; once per message is the equivalent users see,
 * since a message names what was wrong (`dropout=0.5 and num_layers=1`).
 *
 * Shown in Node with `process.emitWarning(message, category)`: it prints
 * "(node:PID) UserWarning: …" to stderr (`--no-warnings` silences it) and fires the process
 * 'warning' event with an Error whose `name` is the category. Elsewhere (browsers, workers) with
 * `console.warn('UserWarning: …')`. `setWarningFilter` and `catchWarnings` change what happens.
 * @example
 * warn('stft will soon require the return_complex parameter be given for real inputs, …');
 * warn('this option is going away', 'DeprecationWarning');
 */
export function warn(message: string, category = 'UserWarning'): void {
  if (arguments.length > 2) refuseArgumentsPast('warn', ['message', 'category'], arguments);
  if (typeof message !== 'string') throw new Error(`warn: message must be a string, got ${typeof message}`);
  if (typeof category !== 'string' || category === '')
    throw new Error(`warn: category must be a non-empty string such as 'UserWarning', got ${JSON.stringify(category)}`);
  switch (state.action) {
    case 'ignore':
      return;
    case 'error':
      throw warningError(message, category);
    case 'default': {
      const key = `${category}: ${message}`;
      if (state.shown.has(key)) return;
      state.shown.add(key);
      break;
    }
    case 'always':
      break;
  }
  const recorder = state.recorders[state.recorders.length - 1];
  if (recorder) recorder.push({ category, message });
  else show(message, category);
}

/** The error the 'error' action throws: named after the category, as Python raises the warning class. */
function warningError(message: string, category: string): Error {
  const error = new Error(message);
  error.name = category;
  return error;
}

function show(message: string, category: string): void {
  const node = (globalThis as { process?: WarningProcess }).process;
  // a bundler's `process` shim has no emitWarning: those pages get the console
  if (typeof node?.emitWarning === 'function') node.emitWarning(message, category);
  else console.warn(`${category}: ${message}`);
}

/**
 * Sets what `warn` does from now on, for every warning of every @dl package (Python's
 * `warnings.simplefilter(action)`), and returns the previous action so it can be restored. Like a
 * change of Python's filters, it forgets which warnings 'default' has shown: after
 * `setWarningFilter('default')` each shows once again.
 * @example
 * const previous = setWarningFilter('error'); // warnings throw: a test fails on any
 * try {
 *   runTraining();
 * } finally {
 *   setWarningFilter(previous);
 * }
 * setWarningFilter('ignore'); // silence them all
 */
export function setWarningFilter(action: WarningAction): WarningAction {
  if (arguments.length > 1) refuseArgumentsPast('setWarningFilter', ['action'], arguments);
  if (!actions.includes(action))
    throw new Error(
      `setWarningFilter: action must be one of ${actions.map((name) => `'${name}'`).join(', ')}, got ${JSON.stringify(action)}`,
    );
  const previous = state.action;
  state.action = action;
  state.shown.clear();
  return previous;
}

/**
 * Runs `body` and returns its result with every warning raised while it ran, recorded instead of
 * shown (Python's `warnings.catch_warnings(record=True)` with `simplefilter('always')`): the action
 * is 'always' inside, and the previous action comes back when `body` returns or throws. For an async
 * body (one returning a Promise) that is when the Promise settles, and the result is a Promise of
 * `{ result, warnings }`. Nested calls record into the innermost. `body` may set another action
 * ('error' to see a warning throw, 'ignore'); it is undone on the way out too.
 *
 * The state is per process, as in Python: while an async body waits, warnings from other code that
 * runs meanwhile are recorded too.
 * @example
 * const { result, warnings } = catchWarnings(() => new LSTM(8, 16, { dropout: 0.5 }));
 * expect(warnings).toEqual([{ category: 'UserWarning', message: expect.stringContaining('dropout') }]);
 * const caught = await catchWarnings(async () => train(model));
 */
export function catchWarnings<T>(body: () => Promise<T>): Promise<CaughtWarnings<T>>;
export function catchWarnings<T>(body: () => T): CaughtWarnings<T>;
export function catchWarnings<T>(body: () => T): CaughtWarnings<T> | Promise<CaughtWarnings<Awaited<T>>> {
  if (arguments.length > 1) refuseArgumentsPast('catchWarnings', ['body'], arguments);
  if (typeof body !== 'function') throw new Error(`catchWarnings: expected a function to run, got ${typeof body}`);
  const warnings: CaughtWarning[] = [];
  const outerAction = state.action;
  state.recorders.push(warnings);
  state.action = 'always';
  // not setWarningFilter: entering and leaving must not forget what 'default' has shown outside
  const restore = () => {
    const index = state.recorders.lastIndexOf(warnings);
    if (index >= 0) state.recorders.splice(index, 1);
    state.action = outerAction;
  };
  let result: T;
  try {
    result = body();
  } catch (error) {
    restore();
    throw error;
  }
  // an async body records until it settles, as grad-mode.ts keeps its mode
  if (result instanceof Promise) return result.finally(restore).then((value: Awaited<T>) => ({ result: value, warnings }));
  restore();
  return { result, warnings };
}
