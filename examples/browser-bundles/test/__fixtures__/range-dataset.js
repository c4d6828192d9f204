// A workerDataset module with no imports, served as it is: what the DataLoader's own worker entry
// imports by URL at run time (Vite bundles that entry from `new Worker(new URL(...))` in @dl/data)
export function createDataset(length) {
  return { length, getItem: (index) => ({ value: new Float32Array([index, index * 10]) }) };
}
