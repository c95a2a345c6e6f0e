/**
 * Every KMS error the ceremony can meet, as a sentence about what happened and what to do next.
 * One table; unknown errors keep KMS's own message.
 */
import { AppError } from '../errors';

interface Explanation {
  message: (kmsMessage: string) => string;
  hint: string;
}

const EXPLANATIONS: Record<string, Explanation> = {
  InvalidCiphertextException: {
    message: () =>
      'KMS could not unwrap the key material: it was wrapped with a different public key or wrapping algorithm, or the material is not in the format this key spec needs.',
    hint: 'Get new import parameters, check the wrapping algorithm and the key material, wrap again, and import.',
  },
  ExpiredImportTokenException: {
    message: () => 'The import token has expired (import parameters are valid for 24 hours).',
    hint: 'Get new import parameters, wrap the key material again with the new public key, and import.',
  },
  InvalidImportTokenException: {
    message: () => 'KMS refused the import token: it belongs to another key, or to other import parameters.',
    hint: 'Get new import parameters for this key and wrap again.',
  },
  IncorrectKeyMaterialException: {
    message: (m) =>
      `This key already had key material, and the material you wrapped is different. A key can only ever be reimported with the same material. (KMS: ${m})`,
    hint: 'Load the original key material that your organisation kept, wrap it, and import again.',
  },
  KMSInvalidStateException: {
    message: (m) => `The key is not in a state that allows this. (KMS: ${m})`,
    hint: 'Describe the key to see its state; cancel a pending deletion or enable the key first.',
  },
  NotFoundException: {
    message: (m) => `KMS has no such key or alias in this account and Region. (KMS: ${m})`,
    hint: 'Check the key ID, the account and the Region you connected to.',
  },
  DisabledException: {
    message: (m) => `The key is disabled. (KMS: ${m})`,
    hint: 'Enable the key, then try again.',
  },
  AccessDeniedException: {
    message: (m) => `AWS denied the request. (AWS: ${m})`,
    hint: 'Use a role or profile allowed to perform this KMS action on this key.',
  },
  UnsupportedOperationException: {
    message: (m) => `KMS does not support this for this key. (KMS: ${m})`,
    hint: 'Import works only for keys created with Origin EXTERNAL.',
  },
  ValidationException: {
    message: (m) => `KMS rejected the request as invalid. (KMS: ${m})`,
    hint: 'Check the values entered, such as the Valid to date (in the future, at most 365 days ahead).',
  },
  AlreadyExistsException: {
    message: (m) => `That name is already in use. (KMS: ${m})`,
    hint: 'Choose another alias.',
  },
  LimitExceededException: {
    message: (m) => `An AWS quota was reached. (KMS: ${m})`,
    hint: 'Wait and try again, or ask for a quota increase.',
  },
  KMSInvalidSignatureException: {
    message: () => 'KMS says the signature is not valid.',
    hint: 'The material in KMS differs from the officers’ copy; stop the ceremony and investigate.',
  },
  UnrecognizedClientException: {
    message: () => 'AWS did not recognise the credentials.',
    hint: 'Check the profile or sign in again (for SSO: aws sso login).',
  },
  ExpiredTokenException: {
    message: () => 'The AWS session credentials have expired.',
    hint: 'Sign in again (for SSO: aws sso login) and reconnect.',
  },
  CredentialsProviderError: {
    message: (m) => `No usable AWS credentials were found. (${m})`,
    hint: 'Pick another profile, sign in with aws sso login, or set environment credentials.',
  },
};

/**
 * Where one error name covers cases that need different advice, KMS's message tells them apart (spec §4.1,
 * rows 21–22: a rotation's NEW_KEY_MATERIAL). Checked before EXPLANATIONS.
 */
const BY_MESSAGE: { name: string; pattern: RegExp; explanation: Explanation }[] = [
  {
    name: 'IncorrectKeyMaterialException',
    pattern: /being imported as NEW_KEY_MATERIAL is already associated/,
    explanation: {
      message: (m) =>
        `This material is already one of the key's materials (its current, an earlier or a pending one), so it cannot be the key's new material. A rotation needs material the key has never held. (KMS: ${m})`,
      hint: 'Generate new key material (or load a different one), wrap it and import it again. Nothing was changed.',
    },
  },
  {
    name: 'KMSInvalidStateException',
    pattern: /because another key material \(id: [0-9a-f]+\) is pending rotation/,
    explanation: {
      message: (m) => `Another new material is already imported and waiting for its rotation. (KMS: ${m})`,
      hint: 'Finish that rotation first (RotateKeyOnDemand), or delete the pending material, then start this one.',
    },
  },
];

export function explainKmsError(error: unknown, action: string): AppError {
  if (error instanceof AppError) return error;
  const name = (error as { name?: string })?.name ?? 'Error';
  const kmsMessage = (error as { message?: string })?.message ?? String(error);
  const explanation =
    BY_MESSAGE.find((e) => e.name === name && e.pattern.test(kmsMessage))?.explanation ?? EXPLANATIONS[name];
  if (explanation) return new AppError(name, explanation.message(kmsMessage), explanation.hint);
  const network = /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|getaddrinfo|socket hang up/.test(kmsMessage);
  if (network) {
    return new AppError(
      'NETWORK',
      `Could not reach KMS while trying to ${action}: ${kmsMessage}`,
      'Check the network connection, the Region and the endpoint (AWS config or AWS_ENDPOINT_URL_KMS), then try again.',
    );
  }
  return new AppError(
    name,
    `KMS refused to ${action}: ${kmsMessage}`,
    'Nothing was changed. Check the values and try again.',
  );
}
