/** Native file dialogs, attached to the main window so they are modal to the ceremony. */
import { dialog, type BrowserWindow } from 'electron';
import type { FileDialogs } from './context';

export function electronDialogs(parent: () => BrowserWindow | null): FileDialogs {
  return {
    async openFile({ title, filters }) {
      const win = parent();
      const options = { title, filters, properties: ['openFile' as const] };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseFolder({ title }) {
      const win = parent();
      const options = { title, properties: ['openDirectory' as const, 'createDirectory' as const] };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
