// The warnings facility (Python's `warnings` as torch users know it): 'default' shows each distinct
// warning once through Node's process.emitWarning (or console.warn without it), 'always', 'ignore'
// and 'error' filters, catchWarnings recording nested and async bodies, and one state for every copy
// of @dl/tensor in the process. Every test leaves the filter as it found it.
import process from 'node:process';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type CaughtWarnings, catchWarnings, setWarningFilter, warn, type WarningAction } from '../src/index.js';

/** The Node 'warning' events fired while `body` runs; emitWarning fires them on the next tick. */
async function processWarnings(body: () => void): Promise<Error[]> {
  const seen: Error[] = [];
  const listener = (warning: Error) => seen.push(warning);
  process.on('warning', listener);
  try {
    body();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', listener);
  }
  return seen;
}

let outerAction: WarningAction;
beforeEach(() => {
  // 'default' forgets what earlier tests showed, so each test sees its warnings once again
  outerAction = setWarningFilter('default');
});
afterEach(() => {
  setWarningFilter(outerAction);
});

describe('warn', () => {
  it("shows each distinct (category, message) once with 'default', through process.emitWarning", async () => {
    const seen = await processWarnings(() => {
      warn('first warning');
      warn('first warning');
      warn('first warning', 'DeprecationWarning');
      warn('second warning');
    });
    expect(seen.map((warning) => [warning.name, warning.message])).toEqual([
      ['UserWarning', 'first warning'],
      ['DeprecationWarning', 'first warning'],
      ['UserWarning', 'second warning'],
    ]);
  });

  it("shows every one with 'always', none with 'ignore'", async () => {
    setWarningFilter('always');
    expect((await processWarnings(() => [1, 2, 3].forEach(() => warn('repeated')))).length).toBe(3);
    setWarningFilter('ignore');
    expect(await processWarnings(() => warn('dropped'))).toEqual([]);
  });

  it("throws with 'error', named after the category", () => {
    setWarningFilter('error');
    expect(() => warn('now an error')).toThrow('now an error');
    try {
      warn('deprecated', 'DeprecationWarning');
      expect.unreachable();
    } catch (error) {
      expect((error as Error).name).toBe('DeprecationWarning');
    }
  });

  it('setWarningFilter forgets what was shown, so default warnings show again', async () => {
    expect((await processWarnings(() => warn('shown twice'))).length).toBe(1);
    expect(await processWarnings(() => warn('shown twice'))).toEqual([]);
    setWarningFilter('default');
    expect((await processWarnings(() => warn('shown twice'))).length).toBe(1);
  });

  it('uses console.warn where there is no process.emitWarning (browsers, workers)', () => {
    const emitWarning = process.emitWarning;
    const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    let calls: unknown[][];
    try {
      (process as { emitWarning?: unknown }).emitWarning = undefined;
      warn('in a browser');
      calls = [...consoleWarn.mock.calls];
    } finally {
      process.emitWarning = emitWarning;
      consoleWarn.mockRestore(); // also clears the recorded calls
    }
    expect(calls).toEqual([['UserWarning: in a browser']]);
  });

  it('rejects a message or category that is not a string, and an unknown action', () => {
    expect(() => warn(42 as unknown as string)).toThrow('warn: message must be a string, got number');
    expect(() => warn('message', '')).toThrow('warn: category must be a non-empty string such as \'UserWarning\', got ""');
    expect(() => setWarningFilter('once' as WarningAction)).toThrow(
      `setWarningFilter: action must be one of 'default', 'always', 'ignore', 'error', got "once"`,
    );
    expect(setWarningFilter('always')).toBe('default'); // the failed call changed nothing
  });
});

describe('catchWarnings', () => {
  it('records every warning, repeats included, instead of showing it, and returns the result', async () => {
    let caught: CaughtWarnings<number> | undefined;
    const seen = await processWarnings(() => {
      caught = catchWarnings(() => {
        warn('recorded');
        warn('recorded');
        warn('old', 'DeprecationWarning');
        return 7;
      });
    });
    expect(seen).toEqual([]);
    expect(caught).toEqual({
      result: 7,
      warnings: [
        { category: 'UserWarning', message: 'recorded' },
        { category: 'UserWarning', message: 'recorded' },
        { category: 'DeprecationWarning', message: 'old' },
      ],
    });
    // recording did not count as showing: the default filter still shows it once
    expect((await processWarnings(() => warn('recorded'))).length).toBe(1);
  });

  it('records into the innermost of nested calls, and restores the filter after each', () => {
    const outer = catchWarnings(() => {
      warn('outer before');
      const inner = catchWarnings(() => {
        setWarningFilter('ignore');
        warn('ignored inside the inner call');
        setWarningFilter('always');
        warn('inner');
        return 'inner result';
      });
      warn('outer after');
      return inner;
    });
    expect(outer.result).toEqual({ result: 'inner result', warnings: [{ category: 'UserWarning', message: 'inner' }] });
    expect(outer.warnings.map((warning) => warning.message)).toEqual(['outer before', 'outer after']);
    expect(setWarningFilter('default')).toBe('default');
  });

  it("lets the body turn warnings into errors, and restores 'default' when the body throws", () => {
    expect(() =>
      catchWarnings(() => {
        setWarningFilter('error');
        warn('thrown from the body');
      }),
    ).toThrow('thrown from the body');
    expect(setWarningFilter('default')).toBe('default');
  });

  it('keeps recording an async body until its promise settles', async () => {
    const caught = catchWarnings(async () => {
      warn('before await');
      await new Promise((resolve) => setTimeout(resolve, 1));
      warn('after await');
      return 'done';
    });
    expect(caught).toBeInstanceOf(Promise);
    expect(await caught).toEqual({
      result: 'done',
      warnings: [
        { category: 'UserWarning', message: 'before await' },
        { category: 'UserWarning', message: 'after await' },
      ],
    });
    await expect(
      catchWarnings(async () => {
        await Promise.resolve();
        throw new Error('async failure');
      }),
    ).rejects.toThrow('async failure');
    expect(setWarningFilter('default')).toBe('default');
    expect((await processWarnings(() => warn('after await'))).length).toBe(1);
  });
});

describe('two copies of @dl/tensor in one process', () => {
  it('share the filter and the recorders', async () => {
    vi.resetModules();
    const second = (await import('../src/index.js')) as typeof import('../src/index.js');
    expect(second.warn).not.toBe(warn);
    setWarningFilter('ignore');
    expect(second.setWarningFilter('always')).toBe('ignore');
    const caught = catchWarnings(() => second.warn('through the second copy'));
    expect(caught.warnings).toEqual([{ category: 'UserWarning', message: 'through the second copy' }]);
  });
});
