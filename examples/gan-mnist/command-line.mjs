// The command line the four GAN examples share: `node main.mjs [--steps N] [--out DIR] [--device cpu|webgpu]`,
// a progress line with the D and G losses, one line per evaluation, and FID from the first to the last one.
import { join } from 'node:path';
import { progressLine } from '@dl/gan';
import { failWithUsage, parseTrainingArguments } from '../shared/command-line.mjs';

const percent = (value) => `${(value * 100).toFixed(1)}%`;

/** `step 500: FID 1321.29, KID …` (with the requested-digit rate for conditional generators). */
function evaluationLine({ step, fid, kid, inceptionScore, precision, recall, classifiedAsRequested }) {
  const requested = classifiedAsRequested === undefined ? '' : `requested digit recognised ${percent(classifiedAsRequested)}, `;
  return `step ${step}: ${requested}FID ${fid.toFixed(2)}, KID ${kid.mean.toFixed(2)}, IS ${inceptionScore.mean.toFixed(2)}, precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`;
}

/**
 * Parses the arguments, runs `train({ steps, out, onStep, onEvaluation })` and prints as it goes.
 * @param {{ title: (steps: number) => string, defaultSteps: number, printEvery: number, directory: string,
 *   train: (options: object) => Promise<{ evaluations: object[] }> }} example
 */
export async function runGanExample({ title, defaultSteps, printEvery, directory, train }) {
  const usage = 'node main.mjs [--out DIR]';
  const { values, device, steps: requested } = parseTrainingArguments({ out: { type: 'string', default: join(directory, 'out') } }, usage);
  const steps = requested === Infinity ? defaultSteps : requested;
  if (steps < 4) failWithUsage(`--steps must be an integer ≥ 4 (got ${values.steps})`, usage);
  const newline = process.stdout.isTTY ? '\n' : '';
  let lastGeneratorLoss = null;
  const started = performance.now();
  console.log(`${title(steps)}, on ${device}`);
  const { evaluations } = await train({
    steps,
    device,
    out: values.out,
    onStep: (result) => {
      lastGeneratorLoss = result.generatorLoss ?? lastGeneratorLoss;
      const line = progressLine(result, steps, lastGeneratorLoss);
      if (process.stdout.isTTY) process.stdout.write(`\r${line}`);
      else if (result.step % printEvery === 0) console.log(line);
    },
    onEvaluation: (entry) => console.log(`${newline}${evaluationLine(entry)}`),
  });
  const [first, last] = [evaluations[0], evaluations.at(-1)];
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(
    `FID against held-out digits: ${first.fid.toFixed(2)} at step ${first.step} → ${last.fid.toFixed(2)} at step ${last.step} (${seconds} s)`,
  );
  if (last.classifiedAsRequested !== undefined)
    console.log(
      `samples of a requested digit classified as that digit by the independent classifier: ${percent(last.classifiedAsRequested)}`,
    );
  console.log(`wrote ${values.out}/samples/ and ${values.out}/loss-curve.png`);
}
