#!/usr/bin/env node
// The CLI runs the TypeScript sources directly (through tsx), so `npm ci` is all it needs.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
