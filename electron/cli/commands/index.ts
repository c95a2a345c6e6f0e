import type { Command } from '../command';
import { emulatorCommand } from './emulator';
import { generateCommand } from './generate';
import { inspectCommand } from './inspect';
import { kcvCommand } from './kcv';
import { runCommand } from './run';
import { selftestCommand } from './selftest';
import { sharesCommand } from './shares';
import { verifyTranscriptCommand } from './verify-transcript';
import { wrapCommand } from './wrap';

/** Every sub-command, in the order `kms-ceremony help` lists them. Add one line per command file. */
export const commands: Command[] = [
  wrapCommand,
  generateCommand,
  kcvCommand,
  inspectCommand,
  selftestCommand,
  verifyTranscriptCommand,
  emulatorCommand,
  runCommand,
  sharesCommand,
];
