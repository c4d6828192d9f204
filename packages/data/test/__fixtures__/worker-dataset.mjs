// A dataset module for DataLoader worker tests: each worker imports it and calls createDataset(...).
import { tensor } from '@dl/tensor';
import { threadId } from 'node:worker_threads';

export function createDataset(size, scale) {
  return {
    length: size,
    getItem(index) {
      if (index === 13) throw new Error('item 13 is cursed');
      return { features: tensor([index * scale, index]), label: index, thread: threadId };
    },
  };
}
