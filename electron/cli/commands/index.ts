import type { Command } from '../command';

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
    // Compiled: run.cjs through the V8 code cache, with the record worker (./load-run.ts); from sources:
    // the module. bin/ starts a compiled `run` through ../run-entry.ts instead of this list.
    load: async () => (await import('./load-run')).loadCompiledRun() ?? (await import('./run')).runCommand,
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
