/** The handler table: one entry per contract channel (the type makes a missing one a compile error). */
import type { MainContext } from '../../context';
import type { HandlerTable } from '../dispatch';
import { appInfo } from './app-info';

export function createHandlers(ctx: MainContext): HandlerTable {
  return {
    'app:info': appInfo(ctx),
  };
}
