/**
 * Step Material, split knowledge (issue 11; ANSI X9.24-1 key components, PCI PIN 15-1 and 25-1): the key
 * is entered as 2–9 components, one per named custodian, each checked (length, check value the custodian
 * brought) before it is accepted, then XORed here in main. Each component lives in a wiped Secret until the
 * XOR; the transcript records who entered a component and its check value, never a digit of it.
 */
import { basename } from 'node:path';
import {
  acceptComponent,
  assertDistinctComponent,
  componentFileFormat,
  componentLength,
  distinctCustodians,
  MAX_COMPONENTS,
  MIN_COMPONENTS,
  xorComponents,
  type ComponentInput,
} from '../../custody';
import { readSecretFile, secretFromTyped } from '../../crypto';
import { AppError } from '../../errors';
import type { MaterialInfo } from '../../../shared/ipc-contract';
import { enforce, personKey } from '../policy';
import { policyFacts } from '../policy-facts';
import { clearCustodyEntry, type ComponentEntry } from '../custody-state';
import { requireKey, runStep, type CeremonyState } from '../state';
import { materialDetails } from '../transcript-details';
import { adoptMaterial } from './material';

/** Custodians hold no other role in the ceremony: not the operator (PCI PIN 25-1, split knowledge). */
export function custodianRoleClashes(s: CeremonyState): { name: string; role: string }[] {
  return s.roles ? [{ name: s.roles.operator, role: 'operator' }] : [];
}

/**
 * Begins component entry for the selected key, naming the custodians in the order they enter. Refused
 * (nothing held) for asymmetric keys, fewer than 2 or more than 9 custodians, one person named twice, the
 * operator as custodian, or material already held without `replace`. Errors: the policy's codes,
 * NOT_SPLITTABLE, COMPONENT_COUNT, DUPLICATE_CUSTODIAN, CUSTODIAN_ROLE_CLASH.
 */
export async function beginComponents(
  s: CeremonyState,
  req: { custodians: string[]; replace?: boolean },
): Promise<void> {
  enforce(policyFacts(s), 'material.components', req.replace ? { confirmed: true } : null);
  const key = requireKey(s);
  componentLength(key.keySpec);
  if (req.custodians.length < MIN_COMPONENTS || req.custodians.length > MAX_COMPONENTS) {
    throw new AppError(
      'COMPONENT_COUNT',
      `${req.custodians.length} custodian(s) were named; a key is combined from ${MIN_COMPONENTS} to ${MAX_COMPONENTS} components, one per custodian.`,
      'Name one custodian per component (at least two).',
    );
  }
  const custodians = distinctCustodians(req.custodians, custodianRoleClashes(s));
  await runStep(
    s,
    'material.components-begun',
    {
      keySpec: key.keySpec,
      custodians: custodians.map((c) => c.display),
    },
    () => {
      clearCustodyEntry(s.custody);
      s.custody.entry = {
        kind: 'components',
        keyId: key.keyId,
        keySpec: key.keySpec,
        custodians,
        accepted: [],
        replace: req.replace === true,
      };
    },
  );
}

function requireComponentEntry(s: CeremonyState): ComponentEntry {
  const entry = s.custody.entry;
  if (entry?.kind !== 'components' || entry.keyId !== s.key?.keyId) {
    throw new AppError(
      'NO_COMPONENT_ENTRY',
      'No component entry is open for this key.',
      'Choose “Enter as custodian components” in step Material and name the custodians first.',
    );
  }
  return entry;
}

/**
 * The named custodian who has not entered yet: checked before a component is read, and before main asks
 * for a component file. Errors: NO_COMPONENT_ENTRY, NOT_A_CUSTODIAN, COMPONENT_ALREADY_ENTERED.
 */
export function checkComponentCustodian(s: CeremonyState, custodian: string): void {
  awaitedCustodian(requireComponentEntry(s), custodian);
}

function awaitedCustodian(entry: ComponentEntry, custodian: string) {
  const named = entry.custodians.find((c) => personKey(c.display) === personKey(custodian));
  if (!named) {
    throw new AppError(
      'NOT_A_CUSTODIAN',
      `“${custodian}” is not one of the custodians named for this key (${entry.custodians.map((c) => c.display).join(', ')}).`,
      'Each named custodian enters their own component; choose the custodian’s name from the list.',
    );
  }
  if (entry.accepted.some((a) => a.custodian.key === named.key)) {
    throw new AppError(
      'COMPONENT_ALREADY_ENTERED',
      `${named.display} has already entered a component for this key.`,
      'The next custodian enters theirs; to start over, cancel the entry.',
    );
  }
  return named;
}

/** One custodian's component: typed hex groups (a string from the entry window, moved at once into a Secret) or a file. */
export type ComponentSubmission = { custodian: string; checkValue: string } & (
  { hex: string } | { file: string }
);

/**
 * Accepts the next custodian's component after checking its length and check value, and that it differs
 * from the components already entered. Refused (nothing kept) for a custodian not named at the start or
 * who already entered, bad hex, a wrong length, or a check-value mismatch — each naming the custodian.
 * Returns the custodian and the component's check value (what the custodians compare), nothing more.
 */
export async function submitComponent(
  s: CeremonyState,
  req: ComponentSubmission,
): Promise<{ custodian: string; checkValue: string; entered: number; total: number }> {
  const entry = requireComponentEntry(s);
  const named = awaitedCustodian(entry, req.custodian);
  const position = entry.accepted.length + 1;
  return runStep(
    s,
    'material.component-entered',
    {
      keySpec: entry.keySpec,
      custodian: named.display,
      position,
      of: entry.custodians.length,
      // As for shares (restore.ts): the file's base name, never its folder or a byte of it.
      from: 'file' in req ? `file ${basename(req.file)}` : 'typed',
    },
    () => {
      const accepted = withSubmission(entry, req, (input) => acceptComponent(entry.keySpec, input, named));
      try {
        assertDistinctComponent(entry.accepted, accepted);
      } catch (error) {
        accepted.component.wipe();
        throw error;
      }
      entry.accepted.push(accepted);
      return {
        custodian: named.display,
        checkValue: accepted.checkValue,
        entered: entry.accepted.length,
        total: entry.custodians.length,
      };
    },
    (r) => ({ componentCheckValue: r.checkValue }),
  );
}

/** Lends the submission as a ComponentInput to `fn` (synchronously), then wipes what was read or typed. */
function withSubmission<T>(
  entry: ComponentEntry,
  req: ComponentSubmission,
  fn: (input: ComponentInput) => T,
): T {
  const { custodian, checkValue } = req;
  if ('file' in req) {
    const source = basename(req.file);
    const bytes = readComponentFile(req.file, source);
    try {
      return fn({
        custodian,
        checkValue,
        format: componentFileFormat(entry.keySpec, bytes),
        component: bytes,
        source,
      });
    } finally {
      bytes.fill(0);
    }
  }
  const typed = secretFromTyped(req.hex);
  try {
    return typed.use((bytes) => fn({ custodian, checkValue, format: 'hex', component: bytes }));
  } finally {
    typed.wipe();
  }
}

/** The file's bytes (the caller wipes them); a refusal names the file by its base name, not its folder. */
function readComponentFile(file: string, source: string): Buffer {
  try {
    return readSecretFile(file);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw new AppError(error.code, error.message.split(file).join(source), error.hint);
  }
}

/**
 * XORs the entered components into the key material once every named custodian has entered theirs; the
 * combined check value is shown and recorded. The components are wiped. Errors: COMPONENTS_MISSING
 * (naming who has not entered), ZERO_KEY, the policy's codes.
 */
export async function combineEnteredComponents(s: CeremonyState): Promise<MaterialInfo> {
  const entry = requireComponentEntry(s);
  enforce(policyFacts(s), 'material.components', entry.replace ? { confirmed: true } : null);
  const missing = entry.custodians.filter((c) => !entry.accepted.some((a) => a.custodian.key === c.key));
  if (missing.length > 0) {
    throw new AppError(
      'COMPONENTS_MISSING',
      `${missing.map((c) => c.display).join(', ')} ${missing.length > 1 ? 'have' : 'has'} not entered a component yet; ${entry.accepted.length} of ${entry.custodians.length} are in.`,
      'Each named custodian enters their component in the entry window; nothing was combined.',
    );
  }
  const replaced = s.material?.info.checkValue.value ?? null;
  return runStep(
    s,
    'material.combined',
    {
      keySpec: entry.keySpec,
      custodians: entry.accepted.map((a) => a.custodian.display),
      componentCheckValues: entry.accepted.map((a) => `${a.custodian.display}: ${a.checkValue}`),
      ...(replaced ? { replacesCheckValue: replaced } : {}),
    },
    () => {
      const { material } = xorComponents(entry.keySpec, entry.accepted);
      const info = adoptMaterial(s, entry.keySpec, material, {
        source: 'components',
        fileName: null,
        formatFound: `XOR of ${entry.accepted.length} components`,
        notes: [
          `Combined from the components of ${entry.accepted.map((a) => `${a.custodian.display} (check value ${a.checkValue})`).join(', ')}.`,
        ],
      });
      clearCustodyEntry(s.custody);
      return info;
    },
    materialDetails,
  );
}

/** Cancels a component or share entry: every component or share entered is wiped; recorded. */
export async function cancelCustodyEntry(s: CeremonyState): Promise<void> {
  const kind = s.custody.entry?.kind;
  clearCustodyEntry(s.custody);
  if (kind)
    await s.log?.record({
      action: 'material.custody-entry-cancelled',
      result: 'info',
      keyArn: s.key?.arn || null,
      details: { kind },
    });
}
