/** Settings read from environment variables in Node (absent in browsers). */
export interface EnvironmentSettings {
  /** `DL_WEBGPU_FLAGS`: comma-separated Dawn toggles, e.g. `backend=opengles`. */
  dawnFlags?: string[];
  /** `DL_WEBGPU_FEATURE_LEVEL`: `core` or `compatibility`. */
  featureLevel?: 'core' | 'compatibility';
  /** `DL_WEBGPU_DEBUG=1`: log generated WGSL. */
  debug?: boolean;
}

export function readEnvironment(): EnvironmentSettings {
  const environment = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
  const settings: EnvironmentSettings = {};
  const flags = environment.DL_WEBGPU_FLAGS?.trim();
  if (flags)
    settings.dawnFlags = flags
      .split(',')
      .map((flag) => flag.trim())
      .filter(Boolean);
  const level = environment.DL_WEBGPU_FEATURE_LEVEL?.trim();
  if (level) {
    if (level !== 'core' && level !== 'compatibility')
      throw new Error(`DL_WEBGPU_FEATURE_LEVEL must be 'core' or 'compatibility', got '${level}'`);
    settings.featureLevel = level;
  }
  if (environment.DL_WEBGPU_DEBUG === '1') settings.debug = true;
  return settings;
}
