/**
 * Which KMS action needs what, as one table (issue 9; issue 10 grows it into the full ceremony policy).
 * Main enforces it before any call reaches KMS, whatever the renderer asks: actions that change KMS state
 * run only inside an open ceremony, and — except CreateKey, which makes the ceremony's key — only on the
 * key that ceremony has selected (its choice is itself in the transcript). The intent is written to the
 * transcript before the call and the outcome after, so a crash between the two stays visible.
 */
import { AppError } from '../errors';

export type KmsAction =
  | 'ListKeys'
  | 'ListAliases'
  | 'DescribeKey'
  | 'CreateKey'
  | 'GetParametersForImport'
  | 'ImportKeyMaterial'
  | 'DeleteImportedKeyMaterial'
  | 'EnableKey'
  | 'DisableKey';

export interface KmsActionRule {
  /** Needs an open ceremony (and so a transcript to record the intent in). */
  ceremony: boolean;
  /** Acts only on the ceremony's selected key. */
  selectedKey: boolean;
  /** Main asks the officers natively, naming the key ARN and alias, before the call. */
  nativeConfirmation: boolean;
}

const FREE: KmsActionRule = { ceremony: false, selectedKey: false, nativeConfirmation: false };

export const KMS_ACTION_POLICY: Readonly<Record<KmsAction, KmsActionRule>> = {
  ListKeys: FREE,
  ListAliases: FREE,
  DescribeKey: FREE,
  CreateKey: { ceremony: true, selectedKey: false, nativeConfirmation: false },
  GetParametersForImport: { ceremony: true, selectedKey: true, nativeConfirmation: false },
  ImportKeyMaterial: { ceremony: true, selectedKey: true, nativeConfirmation: false },
  DeleteImportedKeyMaterial: { ceremony: true, selectedKey: true, nativeConfirmation: true },
  EnableKey: { ceremony: true, selectedKey: true, nativeConfirmation: false },
  DisableKey: { ceremony: true, selectedKey: true, nativeConfirmation: false },
};

const cut = (s: string) => (s.length > 120 ? `${s.slice(0, 120)}…` : s);

/**
 * Throws AppError NO_CEREMONY, NO_KEY or NOT_CEREMONY_KEY when `action` is not allowed now; returns the
 * ceremony (non-null) for recording the intent. `keyId` is what the request names (key id or ARN).
 */
export function authorizeKmsAction<L>(
  action: KmsAction,
  state: { log: L | null; key: { keyId: string; arn: string } | null; keyId?: string },
): L {
  const rule = KMS_ACTION_POLICY[action];
  if (rule.ceremony && !state.log) {
    throw new AppError(
      'NO_CEREMONY',
      `${action} changes KMS state, so it is allowed only inside a ceremony; none is open.`,
      'Nothing was sent to KMS. Start a ceremony (operator and witnesses) first, so that the step is recorded.',
    );
  }
  if (rule.selectedKey) {
    const key = state.key;
    if (!key) {
      throw new AppError(
        'NO_KEY',
        `${action} acts only on the ceremony's key, and no key is selected.`,
        'Nothing was sent to KMS. Pick or create the key in step Key first.',
      );
    }
    const asked = state.keyId ?? key.keyId;
    if (asked !== key.keyId && asked !== key.arn) {
      throw new AppError(
        'NOT_CEREMONY_KEY',
        `${action} was asked for key ${cut(asked)}, but this ceremony's key is ${key.arn}.`,
        'Nothing was sent to KMS. A ceremony changes only its own key: select that key in step Key first (the choice is recorded).',
      );
    }
  }
  return state.log as L;
}

/** What main asks before DeleteImportedKeyMaterial: the key ARN and aliases, in main's own words. */
export function deleteMaterialQuestion(key: { arn: string; aliases: string[] }) {
  return {
    title: 'Delete imported key material',
    message: `Delete the imported key material from ${key.arn}?`,
    detail: [
      `Aliases: ${key.aliases.length ? key.aliases.join(', ') : '(none)'}`,
      'KMS will stop using this key at once (state PendingImport). Only the same key material can bring it back.',
    ].join('\n'),
    confirmLabel: 'Delete key material',
  };
}
