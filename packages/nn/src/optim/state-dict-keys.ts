/**
 * Option names move between our camelCase API and PyTorch's snake_case state dicts, so a state dict
 * has the keys torch's has (`weight_decay`, `initial_lr`, `exp_avg_sq`) and round-trips with Python.
 */

/** `weightDecay` → `weight_decay`. */
export function toSnakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** `weight_decay` → `weightDecay` (a leading underscore is kept: `_step_count` → `_stepCount`). */
export function toCamelCase(name: string): string {
  return name.replace(/(?<=[a-zA-Z0-9])_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}
