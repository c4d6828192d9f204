/**
 * The part of Node's `FileHandle` that a `FileWriter` may use. Declared here instead of imported
 * from `node:fs/promises` so that @dl/nn's published declarations compile without `@types/node`
 * (a browser app's TypeScript setup has none); Node's `FileHandle` satisfies it.
 */
export interface OpenFile {
  write(bytes: Uint8Array): Promise<unknown>;
  writeFile(bytes: Uint8Array): Promise<void>;
}
