/** Writes bytes to a file, creating its folder (Node only: fs is imported when called). */
export async function writeBytes(path: string, bytes: Uint8Array): Promise<void> {
  const { mkdir, writeFile } = await import('node:fs/promises');
  const { dirname } = await import('node:path');
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
}
