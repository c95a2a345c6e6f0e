#!/usr/bin/env node
// Runs the CLI compiled ahead of time (build/cli, esbuild); builds it on first use or when a source is newer.
import { pathToFileURL } from 'node:url';
import { ensureCli } from '../scripts/cli-build.mjs';

await import(pathToFileURL(await ensureCli()).href);
