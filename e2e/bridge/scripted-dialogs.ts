import type { FileDialogs } from '../../electron/main/context';

/** File dialogs answered by the test: queue the path the "user" picks next (null = cancel). */
export class ScriptedDialogs implements FileDialogs {
  private readonly answers: Record<'open' | 'folder', (string | null)[]> = { open: [], folder: [] };
  readonly asked: { kind: string; title: string }[] = [];

  answer(kind: 'open' | 'folder', path: string | null): void {
    this.answers[kind].push(path);
  }

  private next(kind: 'open' | 'folder', title: string): Promise<string | null> {
    this.asked.push({ kind, title });
    const queue = this.answers[kind];
    if (queue.length === 0)
      throw new Error(`test did not script an answer for the ${kind} dialog "${title}"`);
    return Promise.resolve(queue.shift() ?? null);
  }

  openFile({ title }: { title: string }) {
    return this.next('open', title);
  }
  chooseFolder({ title }: { title: string }) {
    return this.next('folder', title);
  }
}
