/**
 * Bundles a test entry with the esbuild options of the compiled CLI's record worker (scripts/cli-build.mjs)
 * — with that build's plugins or none — and loads it as the CLI does (electron/cli/code-cache.ts, no cache).
 * For tests of the build's plugins: a marker appended to every module file matching `counted` counts how
 * often such a module is evaluated.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { requireWithCodeCache } from '../../../electron/cli/code-cache';
// @ts-expect-error -- plain ESM build script without type declarations
import { cliBundleOptions } from '../../../scripts/cli-build.mjs';

const root = path.resolve(__dirname, '../../..');
const COUNTER = '__recordWorkerBundleEvaluations';
type Counters = Record<string, number>;

export async function loadLikeRecordWorker<T>(options: {
  /** ES module source; imports resolve from the project root. */
  entry: string;
  /** The bundle file to write (its folder must exist); its name also names its counter. */
  outfile: string;
  /** Whether the worker build's own plugins are used. */
  buildPlugins: boolean;
  /** Module files whose evaluations are counted (a path pattern); none when left out. */
  counted?: RegExp;
}): Promise<{ exports: T; evaluations: () => number }> {
  const worker = { ...(cliBundleOptions(path.dirname(options.outfile))[1] as BuildOptions) };
  const plugins = options.buildPlugins ? (worker.plugins ?? []) : [];
  delete worker.entryPoints;
  delete worker.outdir;
  delete worker.outExtension;
  const key = JSON.stringify(options.outfile);
  const counted = options.counted;
  const count: Plugin[] = !counted
    ? []
    : [
        {
          name: 'count-evaluations',
          setup(b) {
            b.onLoad({ filter: counted, namespace: 'file' }, async (args) => ({
              contents: `${await readFile(args.path, 'utf8')}\n;(globalThis.${COUNTER} ??= {})[${key}] = (globalThis.${COUNTER}[${key}] ?? 0) + 1;`,
            }));
          },
        },
      ];
  await build({
    ...worker,
    stdin: { contents: options.entry, resolveDir: root, loader: 'js' },
    outfile: options.outfile,
    plugins: [...plugins, ...count],
    logLevel: 'silent',
  });
  const counters = () => ((globalThis as { [COUNTER]?: Counters })[COUNTER] ??= {});
  delete counters()[options.outfile];
  const exports = requireWithCodeCache<T>(options.outfile, null).exports;
  return { exports, evaluations: () => counters()[options.outfile] ?? 0 };
}
