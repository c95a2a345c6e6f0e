/** The handler table: one entry per contract channel (the type makes a missing one a compile error). */
import type { MainContext } from '../../context';
import type { HandlerTable } from '../dispatch';
import { appInfo, runSelfTest } from './app-info';
import { connect, disconnect, listProfiles } from './connection';
import {
  getImportParameters,
  importKeyMaterial,
  saveImportFiles,
  sessionState,
  verifyImport,
  wrapKeyMaterial,
} from './import';
import {
  createKey,
  deleteImportedKeyMaterial,
  describeKey,
  keySpecOptions,
  listKeys,
  setKeyEnabled,
} from './keys';
import { clearKeyMaterial, generateKeyMaterial, loadKeyMaterial } from './material';

export function createHandlers(ctx: MainContext): HandlerTable {
  return {
    'app:info': appInfo(ctx),
    'selftest:run': runSelfTest,
    'connection:profiles': listProfiles,
    'connection:connect': connect(ctx),
    'connection:disconnect': disconnect(ctx),
    'keys:specOptions': keySpecOptions(ctx),
    'keys:list': listKeys(ctx),
    'keys:create': createKey(ctx),
    'keys:describe': describeKey(ctx),
    'keys:setEnabled': setKeyEnabled(ctx),
    'keys:deleteMaterial': deleteImportedKeyMaterial(ctx),
    'params:get': getImportParameters(ctx),
    'material:generate': generateKeyMaterial(ctx),
    'material:load': loadKeyMaterial(ctx),
    'material:clear': clearKeyMaterial(ctx),
    'wrap:run': wrapKeyMaterial(ctx),
    'wrap:save': saveImportFiles(ctx),
    'import:run': importKeyMaterial(ctx),
    'verify:run': verifyImport(ctx),
    'session:state': sessionState(ctx),
  };
}
