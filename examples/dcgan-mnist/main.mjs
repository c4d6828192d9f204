#!/usr/bin/env node
// DCGAN on MNIST. Usage: node main.mjs [--steps N] [--out DIR]
//   (or: pnpm --filter @dl/example-dcgan-mnist start)
// Writes DIR/samples/step-*.png, DIR/samples/final.png and DIR/loss-curve.png (default DIR: ./out).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { progressLine } from '@dl/gan';
import { train } from './train.mjs';

const { values } = parseArgs({
  options: { steps: { type: 'string', default: '800' }, out: { type: 'string', default: join(import.meta.dirname ?? '.', 'out') } },
});
const steps = Number(values.steps);
if (!Number.isInteger(steps) || steps < 4) {
  console.error(`--steps must be an integer ≥ 4 (got ${values.steps})`);
  process.exit(2);
}

let lastGeneratorLoss = null;
const started = performance.now();
console.log(`DCGAN (f = 16) on the bundled MNIST digits: ${steps} steps of batch 64, Adam(2e-4, β = (0.5, 0.999))`);
const { evaluations } = await train({
  steps,
  out: values.out,
  onStep: (result) => {
    lastGeneratorLoss = result.generatorLoss ?? lastGeneratorLoss;
    const line = progressLine(result, steps, lastGeneratorLoss);
    if (process.stdout.isTTY) process.stdout.write(`\r${line}`);
    else if (result.step % 50 === 0) console.log(line);
  },
  onEvaluation: ({ step, fid, kid, inceptionScore, precision, recall }) =>
    console.log(`${process.stdout.isTTY ? '\n' : ''}step ${step}: FID ${fid.toFixed(2)}, KID ${kid.mean.toFixed(2)}, IS ${inceptionScore.mean.toFixed(2)}, precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`),
});
const first = evaluations[0];
const last = evaluations.at(-1);
console.log(`FID against 1000 held-out digits: ${first.fid.toFixed(2)} at step ${first.step} → ${last.fid.toFixed(2)} at step ${last.step} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
console.log(`wrote ${values.out}/samples/ and ${values.out}/loss-curve.png`);
