import { AppError } from '../errors';
import { checkValue, KEY_SPEC_INFO, Secret, type CheckValue, type KeySpec } from '../crypto';
import { parseCheckValueText } from './check-value-text';
import { distinctCustodians, type CustodianName } from './custodian-names';
import { parseHexGroups } from './hex-groups';

/**
 * Split-knowledge entry (ANSI X9.24-1 key components, PCI PIN Security Requirements 15-1 and 25): a symmetric
 * or HMAC key is the XOR of 2–9 components, each as long as the key, each held by a different custodian who
 * also brings the component's check value. Every component is parsed, length-checked and checked against its
 * check value *before* it is accepted; only then are the components XORed. Secret bytes live only in
 * Secret (wiped, non-pooled) buffers; errors name the custodian and what to do, never any digits.
 */
export const MIN_COMPONENTS = 2;
export const MAX_COMPONENTS = 9;

export interface ComponentInput {
  custodian: string;
  /** 'hex': typed hex groups as bytes (ASCII); 'raw': the component's bytes (from a file). The caller wipes it. */
  format: 'hex' | 'raw';
  component: Uint8Array;
  /** The component's check value the custodian brought, 6 hex digits (AES-CMAC KCV or HMAC check value). */
  checkValue: string;
  /** The file it was read from (base name only), named in every refusal. */
  source?: string;
}

export interface AcceptedComponent {
  custodian: CustodianName;
  component: Secret;
  /** Upper-case hex, verified against the component. */
  checkValue: string;
}

/** Component length in bytes for `keySpec`; throws NOT_SPLITTABLE for asymmetric (and unsupported) specs. */
export function componentLength(keySpec: KeySpec): number {
  const shape = KEY_SPEC_INFO[keySpec].material;
  if (shape.kind !== 'symmetric' && shape.kind !== 'hmac') {
    throw new AppError(
      'NOT_SPLITTABLE',
      `${keySpec} keys are not entered as components: only SYMMETRIC_DEFAULT and HMAC keys are XOR-split.`,
      'Load the private key from its file or generate it in the app; back it up with M-of-N shares instead.',
    );
  }
  return shape.bytes;
}

/**
 * How a component file (one per custodian, read from their removable drive) holds its component: exactly
 * the key's length in bytes is 'raw'; anything else is read as typed hex groups (and refused by name there
 * if it is not). A raw component that happens to be all hex-digit bytes has probability (22/256)^length.
 */
export function componentFileFormat(keySpec: KeySpec, file: Uint8Array): ComponentInput['format'] {
  return file.length === componentLength(keySpec) ? 'raw' : 'hex';
}

/**
 * Parses one component and checks its length and check value. Returns it in a Secret the caller wipes.
 * Errors: BAD_HEX, BAD_LENGTH, BAD_CHECK_VALUE, KCV_MISMATCH (all naming the custodian).
 */
export function acceptComponent(
  keySpec: KeySpec,
  input: ComponentInput,
  custodian: CustodianName,
): AcceptedComponent {
  const length = componentLength(keySpec);
  const who = `${custodian.display}'s component${input.source ? ` (file ${input.source})` : ''}`;
  const expected = parseCheckValueText(input.checkValue, `${who} check value`);
  let component: Secret;
  if (input.format === 'hex') {
    const bytes = parseHexGroups(input.component, who, length);
    try {
      component = Secret.copyOf(bytes);
    } finally {
      bytes.fill(0);
    }
  } else {
    if (input.component.length !== length) {
      throw new AppError(
        'BAD_LENGTH',
        `${who} is ${input.component.length} bytes; ${keySpec} components are exactly ${length} bytes.`,
        `Check that ${custodian.display} brought the component file for this key.`,
      );
    }
    component = Secret.copyOf(input.component);
  }
  try {
    const actual = checkValue(keySpec, component);
    if (actual.value !== expected) {
      const legacy = actual.legacyEcbKcv === expected;
      throw new AppError(
        'KCV_MISMATCH',
        legacy
          ? `${who} matches its check value only as the legacy AES-ECB KCV; AES components are checked with the AES-CMAC KCV (ANSI X9.24-1).`
          : `${who} does not match the check value ${expected} that ${custodian.display} brought; the component was not accepted.`,
        legacy
          ? `Ask ${custodian.display} for the component's AES-CMAC check value.`
          : input.source
            ? `${custodian.display} should check that ${input.source} is their component for this key and that the check value is the one written with it.`
            : `${custodian.display} should compare the groups with the component form and type them again.`,
      );
    }
    return { custodian, component, checkValue: expected };
  } catch (error) {
    component.wipe();
    throw error;
  }
}

/**
 * Accepts every component (each checked as above, custodians distinct) and XORs them into the key.
 * Returns the key in a Secret the caller wipes, and its check value (to show and record). The components
 * are wiped before returning, also on error. Refuses fewer than 2 or more than 9 components, two identical
 * components (split knowledge would be lost) and a combined key of all zeros.
 */
export function combineComponents(
  keySpec: KeySpec,
  inputs: readonly ComponentInput[],
  otherRoles: readonly { name: string; role: string }[] = [],
): { material: Secret; checkValue: CheckValue; custodians: string[] } {
  componentLength(keySpec); // refuses asymmetric key specs first
  if (inputs.length < MIN_COMPONENTS || inputs.length > MAX_COMPONENTS) {
    throw new AppError(
      'COMPONENT_COUNT',
      `${inputs.length} component${inputs.length === 1 ? ' was' : 's were'} given; a key is combined from ${MIN_COMPONENTS} to ${MAX_COMPONENTS} components.`,
      'Bring one component per custodian (at least two custodians).',
    );
  }
  const names = distinctCustodians(
    inputs.map((i) => i.custodian),
    otherRoles,
  );
  const accepted: AcceptedComponent[] = [];
  try {
    inputs.forEach((input, i) => {
      const next = acceptComponent(keySpec, input, names[i]!);
      accepted.push(next);
      assertDistinctComponent(accepted.slice(0, -1), next);
    });
    return { ...xorComponents(keySpec, accepted), custodians: names.map((n) => n.display) };
  } finally {
    for (const { component } of accepted) component.wipe();
  }
}

/**
 * XORs accepted components (each already checked by `acceptComponent`) into the key, in a Secret the
 * caller wipes, with its check value. Does not wipe the components. Errors: ZERO_KEY.
 */
export function xorComponents(
  keySpec: KeySpec,
  accepted: readonly AcceptedComponent[],
): { material: Secret; checkValue: CheckValue } {
  const material = Secret.alloc(componentLength(keySpec));
  material.use((key) => {
    for (const { component } of accepted) component.use((c) => xorInto(key, c));
  });
  if (material.use((key) => key.every((b) => b === 0))) {
    material.wipe();
    throw new AppError(
      'ZERO_KEY',
      'The components combine to a key of all zeros; that key cannot be used.',
      'The custodians must generate new components.',
    );
  }
  return { material, checkValue: checkValue(keySpec, material) };
}

/** Refuses a component equal to one already accepted (split knowledge would be lost). Errors: DUPLICATE_COMPONENT. */
export function assertDistinctComponent(
  earlier: readonly AcceptedComponent[],
  next: AcceptedComponent,
): void {
  const same = earlier.find((a) => a.component.equals(next.component));
  if (same) {
    throw new AppError(
      'DUPLICATE_COMPONENT',
      `${same.custodian.display} and ${next.custodian.display} entered the same component; each custodian's component must be different.`,
      'Each custodian should enter their own component from their own form.',
    );
  }
}

function xorInto(target: Buffer, source: Buffer): void {
  for (let i = 0; i < target.length; i++) target[i] = target[i]! ^ source[i]!;
}
