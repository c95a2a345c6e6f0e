import { lastSelfTest, runSelfTests } from '../../../core/crypto';
import type { MainContext } from '../../context';
import type { Handler } from '../dispatch';

export function appInfo(ctx: MainContext): Handler<'app:info'> {
  return () => ({
    name: ctx.appName,
    version: ctx.appVersion,
    platform: `${process.platform}-${process.arch}`,
    runtime: ctx.runtime,
    versions: { node: process.versions.node, electron: ctx.electronVersion },
    selfTest: lastSelfTest(),
  });
}

export const runSelfTest: Handler<'selftest:run'> = () => runSelfTests();
