import type { NativeConfirmation } from '../../electron/core/confirmation';
import type { FileDialogs } from '../../electron/main/context';

type Kind = 'open' | 'folder' | 'confirm';

/**
 * Dialogs answered by the test: queue the path the "user" picks next (null = cancel), or the answer to
 * main's next native confirmation (true = the confirm button). Every question asked is kept, with the
 * words main showed, so a test can check what the officers were told.
 */
export class ScriptedDialogs implements FileDialogs {
  private readonly answers: { open: (string | null)[]; folder: (string | null)[]; confirm: boolean[] } = {
    open: [],
    folder: [],
    confirm: [],
  };
  readonly asked: { kind: Kind; title: string; message?: string; detail?: string }[] = [];

  answer(kind: 'open' | 'folder', path: string | null): void;
  answer(kind: 'confirm', yes: boolean): void;
  answer(kind: Kind, value: string | null | boolean): void {
    (this.answers[kind] as unknown[]).push(value);
  }

  private next<T>(kind: Kind, title: string, extra: { message?: string; detail?: string } = {}): Promise<T> {
    this.asked.push({ kind, title, ...extra });
    const queue = this.answers[kind] as T[];
    if (queue.length === 0)
      throw new Error(`test did not script an answer for the ${kind} dialog "${title}"`);
    return Promise.resolve(queue.shift() as T);
  }

  openFile({ title }: { title: string }) {
    return this.next<string | null>('open', title);
  }
  chooseFolder({ title }: { title: string }) {
    return this.next<string | null>('folder', title);
  }
  confirm({ title, message, detail }: NativeConfirmation) {
    return this.next<boolean>('confirm', title, { message, detail });
  }
}
