/**
 * init({ profile: true }) and kernelTimes(): GPU time per kernel from timestamp queries. Each case
 * runs in a child process, since init() acquires one adapter per process: SwiftShader (Debian's
 * chromium package ships it) has `timestamp-query`, Mesa's OpenGL ES path does not.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const child = fileURLToPath(new URL('./__fixtures__/profile-child.mjs', import.meta.url));
const swiftShader = '/usr/lib/chromium/vk_swiftshader_icd.json';
const hasSwiftShader = existsSync(swiftShader);
if (!hasSwiftShader && process.env.DL_REQUIRE_BROWSER === '1')
  throw new Error(`DL_REQUIRE_BROWSER=1 but ${swiftShader} is missing (apt-get install -y chromium)`);

function run(environment: Record<string, string>) {
  const result = spawnSync(process.execPath, [child], { env: { ...process.env, ...environment }, encoding: 'utf8', timeout: 120_000 });
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  if (result.status !== 0 || !line.startsWith('{'))
    throw new Error(`profile child failed (${result.status}): ${result.stderr}${result.stdout}`);
  return JSON.parse(line);
}

describe('kernel times from timestamp queries', () => {
  it.runIf(hasSwiftShader)('times every dispatch, by kernel, within the wall time, across early submits', () => {
    const report = run({ VK_ICD_FILENAMES: swiftShader, DL_WEBGPU_FLAGS: 'backend=vulkan', DL_WEBGPU_FEATURE_LEVEL: 'core' });
    expect(report.error).toBeUndefined();
    const times = report.times as { kernel: string; dispatches: number; milliseconds: number }[];
    // every kernel dispatched since the reset, with as many timed dispatches
    expect(Object.fromEntries(times.map(({ kernel, dispatches }) => [kernel, dispatches]))).toEqual(report.dispatched);
    expect(report.dispatched['binary mul']).toBe(300);
    // 302 dispatches in one batch of at most 256 timed passes: at least two submits
    expect(report.submits).toBeGreaterThanOrEqual(2);
    // SwiftShader's clock ticks in steps of about 65 µs: a short kernel may read 0, never less
    for (const { milliseconds } of times) expect(milliseconds).toBeGreaterThanOrEqual(0);
    expect(times.find(({ kernel }) => kernel === 'binary mul')!.milliseconds).toBeGreaterThan(0);
    const total = times.reduce((sum, { milliseconds }) => sum + milliseconds, 0);
    expect(total).toBeLessThan(report.wallMilliseconds);
    expect(times.map(({ milliseconds }) => milliseconds)).toEqual(times.map(({ milliseconds }) => milliseconds).sort((x, y) => y - x));
  });

  it('names the missing feature and the adapter where timestamp queries are not available', () => {
    const report = run({ EGL_PLATFORM: 'surfaceless', DL_WEBGPU_FLAGS: 'backend=opengles', DL_WEBGPU_FEATURE_LEVEL: 'compatibility' });
    expect(report.error).toMatch(
      /init: the adapter '.+' \(compatibility feature level\) lacks 'timestamp-query', which `profile: true` needs/,
    );
  });
});
