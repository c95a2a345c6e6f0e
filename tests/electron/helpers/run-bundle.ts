/**
 * Bundles a test entry with the esbuild options of the compiled CLI's run.cjs (scripts/cli-build.mjs):
 * for tests of that build's choices (its plugins, its `mainFields`).
 */
import path from 'node:path';
import { build, type BuildOptions } from 'esbuild';
// @ts-expect-error -- plain ESM build script without type declarations
import { cliBundleOptions } from '../../../scripts/cli-build.mjs';

const root = path.resolve(__dirname, '../../..');

/** run.cjs's build options, without its entry points and output (the caller gives those). */
export function runBundleOptions(): BuildOptions {
  const run = { ...(cliBundleOptions(root)[0] as BuildOptions) };
  delete run.entryPoints;
  delete run.outdir;
  delete run.outExtension;
  return run;
}

/**
 * Writes `entry` (ES module source; imports resolve from the project root) bundled as run.cjs is to `outfile`
 * and returns that path. `buildPlugins: false` leaves the build's plugins out; `mainFields: null` uses
 * esbuild's default instead of the build's.
 */
export async function bundleLikeRun(options: {
  entry: string;
  outfile: string;
  buildPlugins?: boolean;
  mainFields?: null;
}): Promise<string> {
  const run = runBundleOptions();
  if (options.mainFields === null) delete run.mainFields;
  await build({
    ...run,
    stdin: { contents: options.entry, resolveDir: root, loader: 'js' },
    outfile: options.outfile,
    plugins: options.buildPlugins === false ? [] : (run.plugins ?? []),
    logLevel: 'silent',
  });
  return options.outfile;
}
