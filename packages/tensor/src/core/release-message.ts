import { formatShape } from './shape.js';

/**
 * The error a read of a released tensor throws: what the tensor was, what freed it, and how to keep
 * one. No read of a released handle returns numbers: its buffer may already hold another tensor.
 */
export function describeRelease(operation: string, shape: readonly number[], origin: string, releasedBy: string): string {
  const what = `tensor ${formatShape(shape)}${origin ? ` made by ${origin}` : ''}`;
  if (releasedBy === 'dispose()') return `${operation}: ${what} was disposed (dispose() was called on it)`;
  return (
    `${operation}: ${what} was disposed: it was freed by ${releasedBy}. ` +
    'To use a tensor past that point, keep(t) it when you store it (you then own it: dispose() it or leave it ' +
    'to the garbage collector), return it from forward, or read its values before then (await t.data())'
  );
}
