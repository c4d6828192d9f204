import { describe, expect, it } from 'vitest';
import { nodeFileSystem } from './node-file-system.js';
import { nodeFileSystem as browserFileSystem } from './node-file-system.browser.js';

// the browser file is what Vite, esbuild and Rollup bundle (examples/browser-bundles runs it in Chromium)
describe('#node-file-system', () => {
  it('Node: fs/promises and path', async () => {
    const { fs, path } = await nodeFileSystem('saveSafetensors');
    expect(typeof fs.open).toBe('function');
    expect(path.join('a', 'b')).toMatch(/^a[\\/]b$/);
  });
  it('browser: every file function fails naming itself and what works in a page', async () => {
    await expect(browserFileSystem('saveSafetensors')).rejects.toThrow(
      /^saveSafetensors: .*only in Node \(node:fs\).*serializeSafetensors\(stateDict, metadata\)/,
    );
    await expect(browserFileSystem('loadSafetensors')).rejects.toThrow(/^loadSafetensors: .*parseSafetensors\(bytes\)/);
    await expect(browserFileSystem('saveCheckpoint')).rejects.toThrow(/^saveCheckpoint: .*serializeCheckpoint/);
    await expect(browserFileSystem('loadCheckpoint')).rejects.toThrow(/^loadCheckpoint: .*parseCheckpoint/);
    await expect(browserFileSystem('writeFileAtomic')).rejects.toThrow(/^writeFileAtomic: .*only in Node/);
  });
});
