/**
 * Bundles a test entry with the esbuild options of the compiled CLI's record worker (scripts/cli-build.mjs)
 * — with that build's plugins or none — plus the test's own plugins, and loads it as the CLI does
 * (electron/cli/code-cache.ts, no cache). For tests of the build's plugins.
 */
import path from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { requireWithCodeCache } from '../../../electron/cli/code-cache';
// @ts-expect-error -- plain ESM build script without type declarations
import { cliBundleOptions } from '../../../scripts/cli-build.mjs';

const root = path.resolve(__dirname, '../../..');

export async function loadLikeRecordWorker<T>(options: {
  /** ES module source; imports resolve from the project root. */
  entry: string;
  /** The bundle file to write (its folder must exist). */
  outfile: string;
  /** Whether the worker build's own plugins are used. */
  buildPlugins: boolean;
  /** The test's plugins (after the build's). */
  plugins: Plugin[];
}): Promise<T> {
  const worker = { ...(cliBundleOptions(path.dirname(options.outfile))[1] as BuildOptions) };
  const plugins = options.buildPlugins ? (worker.plugins ?? []) : [];
  delete worker.entryPoints;
  delete worker.outdir;
  delete worker.outExtension;
  await build({
    ...worker,
    stdin: { contents: options.entry, resolveDir: root, loader: 'js' },
    outfile: options.outfile,
    plugins: [...plugins, ...options.plugins],
    logLevel: 'silent',
  });
  return requireWithCodeCache<T>(options.outfile, null).exports;
}
