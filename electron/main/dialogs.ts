/** Native file dialogs and confirmations, attached to the main window so they are modal to the ceremony. */
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
    async confirm({ title, message, detail, confirmLabel }) {
      const win = parent();
      // Cancel is the default and the Escape answer: only an explicit click goes ahead.
      const options = {
        type: 'warning' as const,
        title,
        message,
        detail,
        buttons: ['Cancel', confirmLabel],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      };
      const result = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
      return result.response === 1;
    },
  };
}
