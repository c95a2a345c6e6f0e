/**
 * The KMS error catalogue (spec §1.9) as one table. Every client error is answered with HTTP 400, as real KMS
 * does, even where the Smithy model says 404/409/412. `silent` errors are sent without a `message` member,
 * because real KMS sends none for them (botocore then shows an empty message).
 */
export const ERROR_CATALOGUE = {
  ValidationException: { status: 400 },
  NotFoundException: { status: 400 },
  InvalidArnException: { status: 400 },
  UnsupportedOperationException: { status: 400 },
  KMSInvalidStateException: { status: 400 },
  InvalidCiphertextException: { status: 400, silent: true },
  IncorrectKeyMaterialException: { status: 400 },
  ExpiredImportTokenException: { status: 400 },
  InvalidImportTokenException: { status: 400, silent: true },
  DisabledException: { status: 400 },
  LimitExceededException: { status: 400 },
  AlreadyExistsException: { status: 400 },
  NotAuthorizedException: { status: 400 },
  ConflictException: { status: 400 },
  DryRunOperationException: { status: 400 },
  InvalidAliasNameException: { status: 400 },
  InvalidMarkerException: { status: 400 },
  InvalidKeyUsageException: { status: 400 },
  IncorrectKeyException: { status: 400 },
  KMSInvalidMacException: { status: 400, silent: true },
  KMSInvalidSignatureException: { status: 400, silent: true },
  MissingAuthenticationTokenException: { status: 400 },
  UnknownOperationException: { status: 400, silent: true },
  SerializationException: { status: 400 },
  RequestEntityTooLargeException: { status: 413 },
  KMSInternalException: { status: 500 },
} as const satisfies Record<string, { status: number; silent?: boolean }>;

export type KmsErrorType = keyof typeof ERROR_CATALOGUE;

/** A KMS API error: `type` becomes `__type` on the wire. Operations throw it; the server encodes it. */
export class KmsError extends Error {
  constructor(
    readonly type: KmsErrorType,
    message = '',
  ) {
    super(message);
    this.name = type;
  }

  get status(): number {
    return ERROR_CATALOGUE[this.type].status;
  }

  /** The JSON body real KMS sends: no `message` member for the errors KMS answers without one. */
  toBody(): { __type: string; message?: string } {
    const silent = 'silent' in ERROR_CATALOGUE[this.type];
    return silent || this.message === ''
      ? { __type: this.type }
      : { __type: this.type, message: this.message };
  }
}

/** Messages that several operations share, worded exactly as real KMS words them (spec §1.3–§1.10). */
export const messages = {
  pendingImport: (arn: string) => `${arn} is pending import.`,
  pendingDeletion: (arn: string) => `${arn} is pending deletion.`,
  creating: (arn: string) => `${arn} is creating.`,
  disabled: (arn: string) => `${arn} is disabled.`,
  notPendingDeletion: (arn: string) => `${arn} is not pending deletion.`,
  originNotValid: (arn: string, origin: string) =>
    `${arn} origin is ${origin} which is not valid for this operation.`,
  keyDoesNotExist: (arn: string) => `Key '${arn}' does not exist`,
  wrongKeyUsage: (arn: string, usage: string, operation: string) =>
    `${arn} key usage is ${usage} which is not valid for ${operation}.`,
  invalidKeyId: (keyId: string) => `Invalid keyId '${keyId}'`,
  invalidArnRegion: (region: string) => `Invalid arn ${region}`,
  aliasNotFound: (aliasArn: string) => `Alias ${aliasArn} is not found.`,
};
