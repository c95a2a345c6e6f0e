/**
 * What the handlers need from their host. Electron's main process and the browser test bridge each
 * build one; the handlers themselves never import `electron`, so both hosts run identical handler code.
 */
import type { CeremonySession } from '../core/ceremony/session';
import type { Confirm } from '../core/confirmation';
import type { ShareSheetPrinter } from '../core/custody';
import type { StationKey } from '../core/transcript';

export interface FileDialogs {
  /** Absolute path the user chose, or null if they cancelled. Runs in main, never in the renderer. */
  openFile(options: {
    title: string;
    filters?: { name: string; extensions: string[] }[];
  }): Promise<string | null>;
  chooseFolder(options: { title: string }): Promise<string | null>;
  /** A native yes/no question from main (a non-AWS endpoint, deleting key material); true = go ahead. */
  confirm: Confirm;
}

export interface MainContext {
  runtime: 'electron' | 'browser-bridge';
  appName: string;
  appVersion: string;
  electronVersion: string | null;
  dialogs: FileDialogs;
  session: CeremonySession;
  /** Where AWS settings (profiles, endpoints) are read: process.env in the app; a test's own in the bridge. */
  env?: NodeJS.ProcessEnv;
  /** This station's transcripts folder and Ed25519 ceremony key (created at first run). */
  station: { transcriptsDir: string; key: () => Promise<StationKey> };
  /** Starts the embedded emulator in the background (an online ceremony's Connect step is next). */
  warmEmulator?: () => void;
  /** Opens (or focuses) the custody entry window (issue 11); absent in the browser bridge (a second page). */
  openCustodyEntry?: () => void;
  /** Prints share sheets (issue 11): the print window in the app, a virtual PDF printer in the test bridge. */
  shareSheetPrinter?: ShareSheetPrinter;
}
