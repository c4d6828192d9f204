import { describeValue } from '@dl/tensor';
import type { GanStepResult } from './trainer-options.js';

/**
 * One progress line of a GAN run: `step   120/3000 [###-----------------] D 1.2345  G 0.8765`
 * (G shows the last generator loss on critic-only steps).
 * @example
 * process.stdout.write(`\r${progressLine(result, 3000)}`);
 */
export function progressLine(
  result: Pick<GanStepResult, 'step' | 'discriminatorLoss' | 'generatorLoss'>,
  steps: number,
  lastGeneratorLoss: number | null = null,
  width = 20,
): string {
  if (typeof result !== 'object' || result === null || typeof result.step !== 'number')
    throw new Error(`progressLine: expects a step's result { step, discriminatorLoss, generatorLoss }, got ${describeValue(result)}`);
  const filled = Math.max(0, Math.min(width, Math.round((width * result.step) / Math.max(1, steps))));
  const generator = result.generatorLoss ?? lastGeneratorLoss;
  const digits = String(steps).length;
  return `step ${String(result.step).padStart(digits)}/${steps} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] D ${result.discriminatorLoss.toFixed(4)}  G ${generator === null ? '—' : generator.toFixed(4)}`;
}
