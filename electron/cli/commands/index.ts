import type { Command } from '../command';
import type { CodeCacheStatus } from '../code-cache';
import type { RecordWorkerLoad } from '../../core/record/record-pdf-thread';
import { raiseInterruptBudget } from '../interrupt-budget';

/** A sub-command as `kms-ceremony help` lists it; its module (and what that imports) loads only when it runs. */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

/** Every sub-command, in the order `kms-ceremony help` lists them. Add one entry per command file. */
export const commands: CommandEntry[] = [
  {
    name: 'wrap',
    summary: 'Wrap key material for ImportKeyMaterial (EncryptedKeyMaterial.bin)',
    load: async () => (await import('./wrap')).wrapCommand,
  },
  {
    name: 'generate',
    summary: 'Generate key material for a KeySpec (file mode 0600)',
    load: async () => (await import('./generate')).generateCommand,
  },
  {
    name: 'kcv',
    summary: 'Print the check value of key material',
    load: async () => (await import('./kcv')).kcvCommand,
  },
  {
    name: 'inspect',
    summary: 'Describe a key / material / blob file without printing secrets',
    load: async () => (await import('./inspect')).inspectCommand,
  },
  {
    name: 'selftest',
    summary: 'Run the crypto known-answer self-tests',
    load: async () => (await import('./selftest')).selftestCommand,
  },
  {
    name: 'verify-transcript',
    summary: 'Verify a ceremony transcript (signatures, hash chain, order)',
    load: async () => (await import('./verify-transcript')).verifyTranscriptCommand,
  },
  {
    name: 'emulator',
    summary: 'Run the local KMS emulator',
    load: async () => (await import('./emulator')).emulatorCommand,
  },
  {
    name: 'run',
    summary: 'Run a scripted ceremony (YAML/JSON), whole or split at the air gap',
    // Compiled: one CommonJS bundle through the V8 code cache (../code-cache.ts); from sources: the module.
    // The record is drawn last on a worker that warms pdfkit up on the other core meanwhile: it starts
    // here, so it boots while run.cjs loads; it draws one record (the run stops it when it draws none).
    load: async () => {
      // V8's interrupt budget goes up once both bundles came from their caches (../interrupt-budget.ts).
      let main: CodeCacheStatus | null = null;
      let worker: RecordWorkerLoad | null = null;
      const raise = () => {
        if (main && worker && [main, worker].every((s) => s !== 'miss' && s !== 'rejected'))
          raiseInterruptBudget();
      };
      const thread = await import('../../core/record/record-pdf-thread');
      const started = thread.prepareRecordPdfThread(undefined, {
        once: true,
        onLoaded: (cache) => {
          worker = cache;
          raise();
        },
      });
      if (!started) worker = 'off';
      // Its cache is written only by a run that drew a record, i.e. went through a whole ceremony.
      const bundle = (await import('../code-cache')).loadCompiledBundle<typeof import('./run')>(
        'run.cjs',
        undefined,
        () => thread.recordPdfThreadState().drawnByWorker > 0,
      );
      main = bundle?.status ?? 'off';
      raise();
      return bundle?.exports.runCommand ?? (await import('./run')).runCommand;
    },
  },
  {
    name: 'expiry',
    summary: 'Plan key material expiry across Regions and profiles (table, JSON, CSV, iCalendar)',
    load: async () => (await import('./expiry')).expiryCommand,
  },
  {
    name: 'shares',
    summary: 'Back up key material to M-of-N custodian shares, rebuild and verify it',
    load: async () => (await import('./shares')).sharesCommand,
  },
];
