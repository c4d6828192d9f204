import { join } from 'node:path';
import ts from 'typescript';

/** The module resolutions a user's tsconfig may name, each with the `module` setting it requires. */
export const resolutions = {
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
  node16: { module: 'node16', moduleResolution: 'node16' },
  nodenext: { module: 'nodenext', moduleResolution: 'nodenext' },
} as const;
export type Resolution = keyof typeof resolutions;

/**
 * Parsed files by name and parse settings, shared by every check: TypeScript's own lib files (the
 * DOM lib is most of the work) are parsed once instead of once per package and resolution, which
 * keeps 21 checks to seconds. Files under each project's node_modules have their own paths.
 */
const parsed = new Map<string, ts.SourceFile>();

function cachingHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, settings, onError, shouldCreate) => {
    const key = `${fileName}\0${JSON.stringify(settings)}`;
    let file = parsed.get(key);
    if (!file || shouldCreate) {
      file = read(fileName, settings, onError, shouldCreate);
      if (file) parsed.set(key, file);
    }
    return file;
  };
  return host;
}

/**
 * Type-checks `file` (`check.ts`, or the CommonJS `check-require.cts`) of `project` against the
 * installed declarations as a strict user would:
 * `skipLibCheck: false` (every .d.ts of the packages and their dependencies is checked),
 * TypeScript's default libs for ES2022 (which include the DOM but not esnext.disposable) and no
 * ambient `@types` packages, so a declaration that needs Node's types or a lib the user may not
 * have fails here. TypeScript's own lib files are not re-checked (`skipDefaultLibCheck`): they are
 * not ours. Returns the diagnostics ('' when it passes).
 */
export function typeCheck(project: string, resolution: Resolution, file = 'check.ts'): string {
  const { options, errors } = ts.convertCompilerOptionsFromJson(
    { ...resolutions[resolution], target: 'es2022', types: [], strict: true, noEmit: true, skipLibCheck: false, skipDefaultLibCheck: true },
    project,
  );
  if (errors.length) throw new Error(ts.formatDiagnostics(errors, ts.createCompilerHost({})));
  const host = cachingHost(options);
  const program = ts.createProgram({ rootNames: [join(project, file)], options, host });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  return ts.formatDiagnostics(diagnostics, host).trim();
}
