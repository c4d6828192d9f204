import { nodeFileSystem } from '#node-file-system';

/** Writes bytes to a file, creating its folder (Node only: fs is imported when called); `operation` names the caller in errors. */
export async function writeBytes(path: string, bytes: Uint8Array, operation: string): Promise<void> {
  const {
    fs: { mkdir, writeFile },
    path: { dirname },
  } = await nodeFileSystem(operation);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
}
