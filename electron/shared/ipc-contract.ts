/**
 * The only door between main and renderer. Every channel declares a request schema and a strict
 * response schema; main parses both, so a handler that returns an undeclared field (say, key bytes)
 * fails instead of leaking. The renderer imports this file for types only.
 *
 * Nothing here ever carries key material: the renderer sees lengths, check values, fingerprints,
 * public-key hashes and KMS results.
 */
import * as z from 'zod';
import { channels, entryChannels, type AnyChannel, type Channel, type EntryChannel } from './channels';
import { CEREMONY_ID, STATION } from './path-ids';
import { AWS_REGION_NAME } from './region-name';

const empty = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) }).strict();
const isoTime = z.string().datetime({ offset: true });
const hex = z.string().regex(/^[0-9a-fA-F]*$/);
const keyId = z.string().min(1).max(2048);

// ── shared shapes ──────────────────────────────────────────────────────────────────────────────
export const selfTestStatus = z
  .object({
    ok: z.boolean(),
    ranAt: z.string(),
    results: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string() }).strict()),
  })
  .strict();

const configuredEndpoint = z.object({ url: z.string(), source: z.string() }).strict();

export const connection = z
  .object({
    target: z.enum(['emulator', 'aws']),
    /** "Local emulator — rehearsal" or "AWS (profile prod-security)". */
    label: z.string(),
    region: z.string(),
    /** The KMS endpoint main chose (never the renderer), and where it came from (env, AWS config, default). */
    endpoint: z.string(),
    endpointSource: z.string(),
    account: z.string(),
    principalArn: z.string(),
    userId: z.string(),
  })
  .strict();

export const keySpecOption = z
  .object({
    keySpec: z.string(),
    importable: z.boolean(),
    reason: z.string().nullable(),
    keyUsages: z.array(z.string()),
  })
  .strict();

export const keySummary = z
  .object({
    keyId: z.string(),
    arn: z.string(),
    aliases: z.array(z.string()),
    origin: z.string().nullable(),
    keySpec: z.string().nullable(),
    keyUsage: z.string().nullable(),
    keyState: z.string().nullable(),
    description: z.string(),
  })
  .strict();

export const wrappingCombination = z
  .object({
    wrappingAlgorithm: z.string(),
    wrappingKeySpec: z.string(),
    allowed: z.boolean(),
    reason: z.string().nullable(),
  })
  .strict();

export const keyDescription = keySummary
  .extend({
    expirationModel: z.string().nullable(),
    validTo: isoTime.nullable(),
    currentKeyMaterialId: z.string().nullable(),
    multiRegion: z.boolean(),
    creationDate: isoTime.nullable(),
    /** What the officers can do with this key, in one sentence, and whether import is possible. */
    importability: z
      .object({
        mode: z.enum(['first-import', 'reimport', 'offline-wrap', 'none']),
        explanation: z.string(),
      })
      .strict(),
    /** Every wrapping algorithm × wrapping key spec for this key spec, with the reason where refused. */
    combinations: z.array(wrappingCombination),
    recommended: z.object({ wrappingAlgorithm: z.string(), wrappingKeySpec: z.string() }).strict().nullable(),
  })
  .strict();

export const fingerprint = z
  .object({
    sha256: hex,
    /** SHA-256 as hex in groups of four, for reading aloud. */
    groups: z.string(),
    /** PGP word list rendering, for reading aloud across the air gap. */
    words: z.array(z.string()),
  })
  .strict();

export const importParameters = z
  .object({
    keyId: z.string(),
    wrappingAlgorithm: z.string(),
    wrappingKeySpec: z.string(),
    publicKey: fingerprint,
    importTokenSha256: hex,
    parametersValidTo: isoTime,
  })
  .strict();

export const materialInfo = z
  .object({
    keySpec: z.string(),
    source: z.enum(['generated', 'file', 'components', 'backup']),
    fileName: z.string().nullable(),
    length: z.number().int().nonnegative(),
    formatFound: z.string(),
    notes: z.array(z.string()),
    checkValue: z
      .object({ kind: z.string(), value: z.string(), legacyEcbKcv: z.string().nullable() })
      .strict(),
    publicKeySha256: hex.nullable(),
  })
  .strict();

export const wrappedInfo = z
  .object({
    wrappingAlgorithm: z.string(),
    wrappingKeySpec: z.string(),
    size: z.number().int().positive(),
    sha256: hex,
  })
  .strict();

export const savedFiles = z
  .object({
    folder: z.string(),
    files: z.array(z.object({ name: z.string(), size: z.number().int(), sha256: hex }).strict()),
  })
  .strict();

export const importResult = z
  .object({
    keyId: z.string(),
    keyState: z.string(),
    expirationModel: z.string(),
    validTo: isoTime.nullable(),
    keyMaterialId: z.string().nullable(),
    importedAt: isoTime,
  })
  .strict();

export const verification = z
  .object({
    method: z.string(),
    passed: z.boolean(),
    checks: z.array(z.object({ name: z.string(), passed: z.boolean(), detail: z.string() }).strict()),
    keyMaterialId: z.string().nullable(),
  })
  .strict();

export const station = STATION;

export const ceremonyInfo = z
  .object({
    ceremonyId: z.string(),
    station,
    operator: z.string(),
    witnesses: z.array(z.string()),
    transcriptPath: z.string(),
    stationKeyId: hex,
    events: z.number().int().nonnegative(),
    headHash: hex,
  })
  .strict();

export const transcriptView = z
  .object({
    verification: z.object({ intact: z.boolean(), message: z.string(), events: z.number().int() }).strict(),
    events: z.array(
      z
        .object({
          seq: z.number().int(),
          time: z.string(),
          station: z.string(),
          action: z.string(),
          result: z.string(),
          keyArn: z.string().nullable(),
          summary: z.string(),
          offline: z.boolean(),
        })
        .strict(),
    ),
  })
  .strict();

const fileDigest = z.object({ size: z.number().int(), sha256: hex }).strict();
export const fileFix = z
  .object({ file: z.string(), what: z.string(), before: fileDigest, after: fileDigest })
  .strict();

/** The ceremony policy's verdict on one action (electron/core/ceremony/policy.ts): allowed, or why not. */
export const policyVerdict = z.union([
  z
    .object({
      allowed: z.literal(true),
      /** Allowed only with an explicit confirmation (and a reason where `needsReason`). */
      confirm: z
        .object({ guard: z.string(), needsReason: z.boolean(), message: z.string() })
        .strict()
        .nullable(),
    })
    .strict(),
  z.object({ allowed: z.literal(false), code: z.string(), message: z.string(), hint: z.string() }).strict(),
]);

/** Exactly what ImportKeyMaterial will send, the digest witnesses approve, and who approved it. */
/** One material of a symmetric key (ListKeyRotations, ALL_KEY_MATERIAL; spec §1.6). */
export const keyMaterialEntry = z
  .object({
    keyMaterialId: z.string(),
    description: z.string().nullable(),
    importState: z.string().nullable(),
    keyMaterialState: z.string().nullable(),
    expirationModel: z.string().nullable(),
    validTo: z.string().nullable(),
    rotationDate: z.string().nullable(),
    rotationType: z.string().nullable(),
  })
  .strict();

/** The expiry planner's answer (core/lifecycle/expiry-planner.ts): one entry per material, soonest first. */
export const expiryPlan = z
  .object({
    generatedAt: z.string(),
    regions: z.array(
      z
        .object({
          profile: z.string().nullable(),
          region: z.string(),
          status: z.enum(['listed', 'failed']),
          externalKeys: z.number().int(),
          asOf: z.string().nullable(),
          message: z.string().optional(),
          hint: z.string().optional(),
        })
        .strict(),
    ),
    entries: z.array(
      z
        .object({
          profile: z.string().nullable(),
          region: z.string(),
          alias: z.string().nullable(),
          keyId: z.string(),
          keyArn: z.string(),
          keySpec: z.string(),
          keyState: z.string(),
          multiRegion: z.string().nullable(),
          keyMaterialId: z.string().nullable(),
          keyMaterialState: z.string().nullable(),
          importState: z.enum(['IMPORTED', 'PENDING_IMPORT']),
          expirationModel: z.string().nullable(),
          validTo: z.string().nullable(),
          daysLeft: z.number().int().nullable(),
          warning: z
            .enum(['material-missing', 'within-7-days', 'within-30-days', 'within-90-days'])
            .nullable(),
          backup: z.enum(['recorded', 'none', 'unknown']),
        })
        .strict(),
    ),
  })
  .strict();

export const approvalStatus = z
  .object({
    request: z
      .object({
        keyArn: z.string(),
        aliases: z.array(z.string()),
        region: z.string(),
        account: z.string(),
        keySpec: z.string(),
        wrappingAlgorithm: z.string(),
        wrappingKeySpec: z.string(),
        encryptedKeyMaterialSha256: hex,
        importTokenSha256: z.string(),
        checkValue: z.object({ kind: z.string(), value: z.string() }).strict(),
        expirationModel: z.enum(['KEY_MATERIAL_EXPIRES', 'KEY_MATERIAL_DOES_NOT_EXPIRE']),
        validTo: z.string().nullable(),
        justification: z.string().nullable(),
        importType: z.literal('NEW_KEY_MATERIAL').optional(),
        keyMaterialDescription: z.string().nullable().optional(),
      })
      .strict(),
    digest: hex,
    approvedBy: z.array(z.string()),
    needed: z.number().int(),
    /** False once a value changed since the request was computed: its approvals are void. */
    valid: z.boolean(),
  })
  .strict();

/** Custody (issue 11): the components or shares entered so far and the backups made — names, counts, check values. */
export const custodyStatus = z
  .object({
    entry: z
      .object({
        /** 'passphrases': a backup waiting for custodians' passphrases (typed in the entry window). */
        kind: z.enum(['components', 'shares', 'passphrases']),
        keySpec: z.string(),
        custodians: z.array(z.string()),
        /** `share`: "2 of 3" for a share or a passphrase share; null for a component. No check value for a passphrase. */
        entered: z.array(
          z
            .object({
              custodian: z.string(),
              checkValue: z.string().nullable(),
              share: z.string().nullable(),
            })
            .strict(),
        ),
        /** The custodian whose component or passphrase is next, or null. */
        next: z.string().nullable(),
        threshold: z.number().int().nullable(),
        backupId: z.string().nullable(),
        /** Every component entered, or at least M shares of one backup. */
        ready: z.boolean(),
      })
      .strict()
      .nullable(),
    backups: z.array(
      z
        .object({
          backupId: z.string(),
          keyArn: z.string(),
          checkValue: z.string(),
          threshold: z.number().int(),
          total: z.number().int(),
          shares: z.array(
            z
              .object({
                index: z.number().int(),
                custodian: z.string(),
                form: z.string(),
                shareSha256: hex,
                /** Null for a sheet printed and not saved. */
                file: z.string().nullable(),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
  })
  .strict();

/** Rotation of imported material (issue 13): what RotateKeyOnDemand will do, the witnesses' approvals. */
export const rotationApprovalStatus = z
  .object({
    request: z
      .object({
        operation: z.literal('RotateKeyOnDemand'),
        keyArn: z.string(),
        aliases: z.array(z.string()),
        region: z.string(),
        account: z.string(),
        fromKeyMaterialId: z.string(),
        toKeyMaterialId: z.string(),
        toKeyMaterialDescription: z.string().nullable(),
        toCheckValue: z.string().nullable(),
        toValidTo: z.string().nullable(),
      })
      .strict(),
    digest: hex,
    approvedBy: z.array(z.string()),
    needed: z.number().int(),
  })
  .strict();

/** The rotation this ceremony runs on its key (core/ceremony/rotation/begin.ts describeRotation). */
export const rotationStatus = z
  .object({
    keyArn: z.string(),
    begunAt: isoTime.nullable(),
    fromKeyMaterialId: z.string().nullable(),
    /** The NEW material this ceremony imported into the primary (a multi-Region rotation's, for every replica). */
    stagedKeyMaterialId: z.string().nullable(),
    approval: rotationApprovalStatus.nullable(),
    started: z
      .object({ at: isoTime, fromKeyMaterialId: z.string(), toKeyMaterialId: z.string() })
      .strict()
      .nullable(),
    completedAt: isoTime.nullable(),
    provenStatements: z.array(z.string()).nullable(),
  })
  .strict();

export const rotationProgress = z
  .object({
    startedAt: isoTime,
    elapsedSeconds: z.number().int().nonnegative(),
    currentKeyMaterialId: z.string().nullable(),
    done: z.boolean(),
  })
  .strict();

/** A multi-Region rotation, Region by Region (core/ceremony/rotation/rotation-regions.ts). */
export const rotationRegions = z
  .object({
    keyId: z.string(),
    primaryRegion: z.string(),
    current: z.string(),
    keyMaterialId: z.string().nullable(),
    regions: z.array(
      z
        .object({
          region: z.string(),
          role: z.enum(['PRIMARY', 'REPLICA']),
          keyState: z.string(),
          importState: z.string().nullable(),
          keyMaterialState: z.string().nullable(),
          done: z.boolean(),
          failure: z.string().nullable(),
        })
        .strict(),
    ),
    allDone: z.boolean(),
  })
  .strict();

const regionName = z.string().regex(AWS_REGION_NAME, 'a Region such as eu-west-1');

/** A multi-Region key's Regions as KMS reports them (core/ceremony/multi-region/region-proof.ts). */
export const multiRegionStatus = z
  .object({
    keyId: z.string(),
    primaryRegion: z.string(),
    /** The Region the ceremony's steps act in now. */
    current: z.string(),
    regions: z.array(
      z
        .object({
          region: z.string(),
          role: z.enum(['PRIMARY', 'REPLICA']),
          keyState: z.string(),
          keyMaterialId: z.string().nullable(),
          /** Imported, with the primary's KeyMaterialId. */
          done: z.boolean(),
          failure: z.string().nullable(),
        })
        .strict(),
    ),
  })
  .strict();

/** A multi-Region key's other Region across the air gap (core/ceremony/multi-region/air-gap-regions.ts): never a token. */
export const airGapRegion = z
  .object({
    region: z.string(),
    keyArn: z.string(),
    publicKeySha256: hex.length(64),
    words: z.array(z.string()),
    parametersValidTo: isoTime,
    fingerprintConfirmedBy: z.array(z.string()),
    /** This Region's EncryptedKeyMaterial (wrapped offline, or read from the wrapped bundle online). */
    wrappedSha256: hex.length(64).nullable(),
  })
  .strict();

export const sessionState = z
  .object({
    station,
    ceremony: ceremonyInfo.nullable(),
    connection: connection.nullable(),
    key: keyDescription.nullable(),
    parameters: importParameters.nullable(),
    material: materialInfo.nullable(),
    wrapped: wrappedInfo.extend({ fromOfflineStation: z.boolean() }).strict().nullable(),
    /** Offline station: what the parameters were read from, and every normalisation fix made to them. */
    parametersSource: z
      .object({ source: z.string(), fixes: z.array(fileFix), warnings: z.array(z.string()) })
      .strict()
      .nullable(),
    imported: importResult.nullable(),
    verification: verification.nullable(),
    /** Witnesses who confirmed the current wrapping public key's fingerprint on this station. */
    fingerprintConfirmedBy: z.array(z.string()),
    /** Per action (key.create, material.generate, material.load, wrap, import.approve, import). */
    policy: z.record(z.string(), policyVerdict),
    approval: approvalStatus.nullable(),
    custody: custodyStatus,
    rotation: rotationStatus.nullable(),
    /** A multi-Region ceremony: the primary's Region and the one the steps act in now; else null. */
    multiRegion: z
      .object({ keyId: z.string(), primaryRegion: z.string(), current: z.string() })
      .strict()
      .nullable(),
    /** Air gap, multi-Region key: the other Regions the parameters (and wrapped) bundle carry. */
    airGapRegions: z.array(airGapRegion),
  })
  .strict();

const cancelled = z.object({ cancelled: z.literal(true) }).strict();

const parametersSelection = z
  .object({
    from: z.enum(['file', 'folder']),
    /** Only when the input does not say (e.g. a bare public key or CLI JSON). */
    keySpec: z.string().max(64).nullable(),
    wrappingAlgorithm: z.string().max(64).nullable(),
  })
  .strict();

/** ImportKeyMaterial's expiry; `reimport` confirms importing again into a key this ceremony imported into. */
const importRequest = <E extends z.ZodRawShape>(extra: E) =>
  z.discriminatedUnion('expirationModel', [
    z.object({ expirationModel: z.literal('KEY_MATERIAL_EXPIRES'), validTo: isoTime, ...extra }).strict(),
    z
      .object({
        expirationModel: z.literal('KEY_MATERIAL_DOES_NOT_EXPIRE'),
        justification: z
          .string()
          .trim()
          .min(10, 'a written justification of at least 10 characters')
          .max(2000),
        ...extra,
      })
      .strict(),
  ]);

/** Rotation: stage the material as NEW_KEY_MATERIAL (main checks the description against KMS's rule). */
const newKeyMaterial = z
  .object({ description: z.string().max(256).nullable() })
  .strict()
  .optional();

const custodianField = z.string().trim().min(1).max(80);
const componentAccepted = z
  .object({
    custodian: z.string(),
    checkValue: z.string(),
    entered: z.number().int(),
    total: z.number().int(),
  })
  .strict();
const shareReceived = z
  .object({
    custodian: z.string(),
    share: z.string(),
    backupId: z.string(),
    entered: z.number().int(),
    threshold: z.number().int(),
  })
  .strict();

// ── the channels ───────────────────────────────────────────────────────────────────────────────
export const contract = {
  'app:info': {
    req: empty,
    res: z
      .object({
        name: z.string(),
        version: z.string(),
        platform: z.string(),
        runtime: z.enum(['electron', 'browser-bridge']),
        versions: z.object({ node: z.string(), electron: z.string().nullable() }).strict(),
        selfTest: selfTestStatus.nullable(),
      })
      .strict(),
  },
  'selftest:run': { req: empty, res: selfTestStatus },
  'connection:profiles': {
    req: empty,
    res: z
      .object({
        profiles: z.array(
          z
            .object({
              name: z.string(),
              kind: z.string(),
              region: z.string().nullable(),
              /** The KMS endpoint configured for this profile, and where; null = the AWS default. */
              endpoint: configuredEndpoint.nullable(),
            })
            .strict(),
        ),
        environmentCredentials: z.boolean(),
        /** The endpoint used with environment credentials (AWS_ENDPOINT_URL_KMS, or AWS_PROFILE's config). */
        environmentEndpoint: configuredEndpoint.nullable(),
        defaultRegion: z.string().nullable(),
      })
      .strict(),
  },
  'connection:connect': {
    req: z.discriminatedUnion('target', [
      z
        .object({
          target: z.literal('emulator'),
          /** The Region to sign for; default the embedded emulator's (us-east-1). */
          region: z.string().regex(AWS_REGION_NAME, 'a Region such as eu-west-1').optional(),
        })
        .strict(),
      z
        .object({
          target: z.literal('aws'),
          /** null = environment credentials. */
          profile: z.string().min(1).max(128).nullable(),
          region: z.string().regex(AWS_REGION_NAME, 'a Region such as eu-west-1'),
          // No endpoint: main takes it from its own environment and AWS config (endpoint-policy.ts).
        })
        .strict(),
    ]),
    res: connection,
  },
  'connection:disconnect': { req: empty, res: ok },
  'keys:specOptions': { req: empty, res: z.object({ keySpecs: z.array(keySpecOption) }).strict() },
  'keys:list': { req: empty, res: z.object({ keys: z.array(keySummary), truncated: z.boolean() }).strict() },
  'keys:create': {
    req: z
      .object({
        keySpec: z.string().min(1).max(64),
        keyUsage: z.string().min(1).max(64),
        description: z.string().max(8192),
        alias: z
          .string()
          .regex(/^alias\/[a-zA-Z0-9/_-]{1,250}$/, 'alias/ followed by letters, digits, / _ or -')
          .nullable(),
        multiRegion: z.boolean(),
        /** "Create another key" in a ceremony that already created one: the reason is recorded. */
        another: z
          .object({ reason: z.string().trim().min(3).max(2000) })
          .strict()
          .nullish(),
      })
      .strict(),
    res: keyDescription,
  },
  'keys:describe': { req: z.object({ keyId }).strict(), res: keyDescription },
  'keys:setEnabled': { req: z.object({ keyId, enabled: z.boolean() }).strict(), res: keyDescription },
  /** Main asks the officers natively (key ARN and aliases) first; `cancelled` when they decline. */
  'keys:deleteMaterial': { req: z.object({ keyId }).strict(), res: z.union([keyDescription, cancelled]) },
  /** The selected key's materials (symmetric keys; others have one material for life: an empty list). */
  'keys:materials': { req: empty, res: z.object({ materials: z.array(keyMaterialEntry) }).strict() },
  /** Read-only inventory of EXTERNAL key material across Regions (the emulator's, or an AWS profile's). */
  'expiry:plan': {
    req: z
      .object({
        target: z.enum(['emulator', 'aws']),
        profile: z.string().trim().min(1).max(200).nullable(),
        regions: z.array(z.string().trim().min(1).max(32)).min(1).max(30),
      })
      .strict(),
    res: expiryPlan,
  },
  /** Main asks for a folder and writes the last plan there (never overwriting); `cancelled` if none chosen. */
  'expiry:export': {
    req: z.object({ format: z.enum(['ics', 'csv', 'json']) }).strict(),
    res: z.union([z.object({ path: z.string() }).strict(), cancelled]),
  },
  'params:get': {
    req: z.object({ wrappingAlgorithm: z.string().max(64), wrappingKeySpec: z.string().max(64) }).strict(),
    res: importParameters,
  },
  'material:generate': {
    /** `replace`: confirmed replacement of material already held (the new check value is recorded). */
    req: z.object({ replace: z.boolean().optional() }).strict(),
    res: materialInfo,
  },
  'material:load': {
    req: z
      .object({
        format: z.enum(['auto', 'raw', 'hex', 'base64', 'pem', 'der', 'p12']),
        /** Typed into an uncontrolled field, sent once, never stored by the renderer. */
        passphrase: z.string().max(1024).nullable(),
        replace: z.boolean().optional(),
      })
      .strict(),
    res: z.union([materialInfo, cancelled]),
  },
  'material:clear': { req: empty, res: ok },
  'wrap:run': { req: empty, res: wrappedInfo },
  'wrap:save': { req: empty, res: z.union([savedFiles, cancelled]) },
  'import:run': {
    req: importRequest({ reimport: z.boolean().optional(), newKeyMaterial }),
    res: importResult,
  },
  /** Main computes the approval request for these values (earlier approvals of other values are void). */
  'import:requestApproval': { req: importRequest({ newKeyMaterial }), res: approvalStatus },
  /** One witness approves, by name, the request whose digest they were shown. */
  'import:approve': {
    req: z.object({ witness: z.string().trim().min(1).max(200), digest: hex.length(64) }).strict(),
    res: approvalStatus,
  },
  'verify:run': { req: empty, res: verification },
  // ── rotation of imported material (issue 13; main: handlers/rotation.ts, core/ceremony/rotation/) ──
  /** Read-only: may the selected key be rotated now? A refusal is an answer here (shown by the button). */
  'rotation:check': {
    req: empty,
    res: z.union([
      z
        .object({
          allowed: z.literal(true),
          currentKeyMaterialId: z.string(),
          /** An interrupted multi-Region rotation's staged material, continued in the remaining replicas. */
          continuesKeyMaterialId: z.string().optional(),
        })
        .strict(),
      z
        .object({ allowed: z.literal(false), code: z.string(), message: z.string(), hint: z.string() })
        .strict(),
    ]),
  },
  'rotation:begin': { req: empty, res: rotationStatus },
  'rotation:requestApproval': { req: empty, res: rotationApprovalStatus },
  'rotation:approve': {
    req: z.object({ witness: z.string().trim().min(1).max(200), digest: hex.length(64) }).strict(),
    res: rotationApprovalStatus,
  },
  'rotation:rotate': {
    req: empty,
    res: z.object({ startedAt: isoTime, toKeyMaterialId: z.string() }).strict(),
  },
  /** One reading of DescribeKey.CurrentKeyMaterialId; the renderer polls it while KMS rotates. */
  'rotation:progress': { req: empty, res: rotationProgress },
  'rotation:prove': {
    req: empty,
    res: z
      .object({ fromKeyMaterialId: z.string(), toKeyMaterialId: z.string(), statements: z.array(z.string()) })
      .strict(),
  },
  /** A multi-Region rotation: each Region with the new material's state there, read from KMS (resumable). */
  'rotation:regions': { req: empty, res: rotationRegions },
  'session:state': { req: empty, res: sessionState },
  'ceremony:interrupted': {
    req: empty,
    res: z
      .object({
        ceremonies: z.array(
          z
            .object({
              ceremonyId: z.string(),
              station,
              operator: z.string(),
              witnesses: z.array(z.string()),
              keyArn: z.string().nullable(),
              events: z.number().int(),
              lastAction: z.string().nullable(),
              lastTime: z.string().nullable(),
              torn: z.boolean(),
              intact: z.boolean(),
            })
            .strict(),
        ),
      })
      .strict(),
  },
  'ceremony:abortInterrupted': {
    req: z.object({ ceremonyId: CEREMONY_ID, reason: z.string().trim().min(3).max(2000) }).strict(),
    res: ok,
  },
  'ceremony:start': {
    req: z
      .object({
        station,
        operator: z.string().trim().min(1, 'the operator’s name').max(200),
        witnesses: z.array(z.string().trim().min(1).max(200)).min(1, 'at least one witness').max(20),
        resumeCeremonyId: CEREMONY_ID.nullable(),
        /** Offline station: where to read the parameters bundle from (it names the ceremony to join). */
        parameters: parametersSelection.nullable(),
        /** Witness approvals the import needs; default every witness. */
        approvals: z.number().int().min(1).max(20).nullish(),
      })
      .strict(),
    res: z.union([ceremonyInfo, cancelled]),
  },
  'ceremony:finish': {
    req: z
      .object({ outcome: z.enum(['completed', 'aborted']), reason: z.string().trim().min(1).max(2000) })
      .strict(),
    res: ceremonyInfo,
  },
  'ceremony:confirmFingerprint': {
    req: z
      .object({
        witness: z.string().trim().min(1).max(200),
        /** The PGP words as the witness heard them read on the other station; null = confirmed by eye/ear. */
        heardWords: z.string().max(4000).nullable(),
      })
      .strict(),
    res: z.object({ matched: z.boolean(), message: z.string() }).strict(),
  },
  'transcript:view': { req: empty, res: transcriptView },
  'transcript:verifyFile': { req: empty, res: z.union([transcriptView, cancelled]) },
  'ceremony:closed': {
    req: empty,
    res: z
      .object({
        ceremonies: z.array(
          z
            .object({
              ceremonyId: z.string(),
              station,
              outcome: z.enum(['completed', 'aborted']),
              operator: z.string(),
              witnesses: z.array(z.string()),
              keyArn: z.string().nullable(),
              events: z.number().int(),
              closedAt: z.string(),
              intact: z.boolean(),
            })
            .strict(),
        ),
      })
      .strict(),
  },
  /** The record of a closed ceremony of this station, named by id; main reads the transcript itself. */
  'record:exportClosed': {
    req: z.object({ ceremonyId: CEREMONY_ID, station }).strict(),
    res: z.union([z.object({ files: z.array(z.string()) }).strict(), cancelled]),
  },
  'station:exportPublicKey': {
    req: empty,
    res: z.union([z.object({ path: z.string(), keyId: hex }).strict(), cancelled]),
  },
  'bundle:exportParameters': { req: empty, res: z.union([savedFiles, cancelled]) },
  'bundle:loadParameters': {
    req: parametersSelection,
    res: z.union([
      z
        .object({
          source: z.string(),
          keyArn: z.string(),
          keySpec: z.string(),
          parameters: importParameters,
          fixes: z.array(fileFix),
          warnings: z.array(z.string()),
        })
        .strict(),
      cancelled,
    ]),
  },
  'bundle:exportWrapped': { req: empty, res: z.union([savedFiles, cancelled]) },
  'bundle:loadWrapped': {
    req: z.object({ from: z.enum(['file', 'folder']) }).strict(),
    res: z.union([
      wrappedInfo
        .extend({
          checkValue: z.object({ kind: z.string(), value: z.string() }).strict(),
          offlineEvents: z.number().int(),
        })
        .strict(),
      cancelled,
    ]),
  },
  // ── custody (issue 11): the wizard's side ──
  /** Names the custodians (2–9, in the order they enter) for the selected key; `replace`: confirmed. */
  'custody:beginComponents': {
    req: z
      .object({ custodians: z.array(custodianField).min(1).max(9), replace: z.boolean().optional() })
      .strict(),
    res: custodyStatus,
  },
  'custody:combineComponents': { req: empty, res: materialInfo },
  /**
   * Main asks for the folder when a share is a file (0600), prints each sheet (main's print window, never this
   * renderer) until its custodian holds it (main's own questions), then writes and records the backup.
   */
  'custody:backup': {
    req: z
      .object({
        threshold: z.number().int().min(2).max(9),
        shares: z
          .array(
            z.discriminatedUnion('form', [
              z
                .object({
                  custodian: custodianField,
                  form: z.literal('age-x25519'),
                  recipient: z.string().trim().max(200),
                })
                .strict(),
              z
                .object({
                  custodian: custodianField,
                  form: z.literal('printed-sheet'),
                  /** The officers chose to save this sheet as a PDF file too. */
                  saveFile: z.boolean().optional(),
                })
                .strict(),
              // The passphrase itself is typed by the custodian in the entry window (entry:submitPassphrase).
              z.object({ custodian: custodianField, form: z.literal('age-passphrase') }).strict(),
            ]),
          )
          .min(2)
          .max(9),
      })
      .strict(),
    res: z.union([custodyStatus, cancelled]),
  },
  /** A backup with passphrase shares, once every passphrase is set: main asks for the folder and writes it. */
  'custody:completeBackup': { req: empty, res: z.union([custodyStatus, cancelled]) },
  /** `checkValue`: the material's check value on the key's record (optional): other material is refused. */
  'custody:beginRestore': {
    req: z
      .object({ checkValue: z.string().trim().max(80).nullable(), replace: z.boolean().optional() })
      .strict(),
    res: custodyStatus,
  },
  'custody:restore': { req: empty, res: materialInfo },
  'custody:cancel': { req: empty, res: ok },
  /** Opens the custody entry window (Electron); in the browser bridge, the entry page is opened beside. */
  'custody:openEntry': { req: empty, res: ok },
  // ── custody entry window only (entryChannels): typed values, sent once, never stored by the page ──
  'entry:status': { req: empty, res: custodyStatus },
  'entry:submitComponent': {
    req: z
      .object({
        custodian: custodianField,
        component: z.string().max(1024),
        checkValue: z.string().max(32),
      })
      .strict(),
    res: componentAccepted,
  },
  /** Main asks for the custodian's component file (raw bytes or hex groups); checked as a typed one. */
  'entry:submitComponentFile': {
    req: z.object({ custodian: custodianField, checkValue: z.string().max(32) }).strict(),
    res: z.union([componentAccepted, cancelled]),
  },
  /** A custodian's passphrase for their backup share, typed twice; main compares and holds it until the backup. */
  'entry:submitPassphrase': {
    req: z
      .object({ custodian: custodianField, passphrase: z.string().max(1024), confirm: z.string().max(1024) })
      .strict(),
    res: z
      .object({ custodian: z.string(), share: z.string(), set: z.number().int(), total: z.number().int() })
      .strict(),
  },
  'entry:submitShareText': {
    req: z.object({ custodian: custodianField, text: z.string().max(16_384) }).strict(),
    res: shareReceived,
  },
  /** Main asks for the age file; the identity or passphrase is typed in the entry window. */
  'entry:submitShareFile': {
    req: z
      .object({
        custodian: custodianField,
        unlock: z.union([
          z.object({ identity: z.string().max(512) }).strict(),
          z.object({ passphrase: z.string().max(1024) }).strict(),
        ]),
      })
      .strict(),
    res: z.union([shareReceived, cancelled]),
  },
  // ── multi-Region ceremony (issue 13): Regions by name, validated here and checked against KMS in main ──
  /** Every Region of the selected multi-Region key, read from KMS (resumable: done Regions show done). */
  'multiRegion:status': { req: empty, res: multiRegionStatus },
  /** Main refuses existing replicas, then asks natively naming the key and the Regions; `cancelled` if declined. */
  'multiRegion:replicate': {
    req: z
      .object({
        regions: z
          .array(regionName)
          .min(1)
          .max(16)
          .refine((r) => new Set(r).size === r.length, 'each Region once'),
      })
      .strict(),
    res: z.union([z.object({ created: z.array(z.string()) }).strict(), cancelled]),
  },
  /** The steps then act in this Region (its parameters, wrap, approval, import); the material is kept. */
  'multiRegion:useRegion': { req: z.object({ region: regionName }).strict(), res: keyDescription },
  /** In a replica Region after its import: the same KeyMaterialId as the primary, and a cross-Region decrypt. */
  'multiRegion:prove': {
    req: empty,
    res: z
      .object({ region: z.string(), keyMaterialId: z.string(), statements: z.array(z.string()) })
      .strict(),
  },
  // ── multi-Region key across the air gap (issue 13; main: handlers/air-gap-regions.ts) ──
  /** Online: GetParametersForImport in one replica Region, added to the parameters bundle's Regions. */
  'airGap:fetchRegion': { req: z.object({ region: regionName }).strict(), res: airGapRegion },
  /** Offline: a named witness confirms one other Region's wrapping public key fingerprint. */
  'airGap:confirmRegionFingerprint': {
    req: z
      .object({
        region: regionName,
        witness: z.string().trim().min(1).max(200),
        heardWords: z.string().max(4000).nullable(),
      })
      .strict(),
    res: z.object({ matched: z.boolean(), message: z.string() }).strict(),
  },
  /** Offline, after the first Region's wrap: the same material wrapped for every other Region (all or none). */
  'airGap:wrapRegions': { req: empty, res: z.array(airGapRegion) },
} as const satisfies Record<AnyChannel, { req: z.ZodType; res: z.ZodType }>;

export const ipcError = z.object({ code: z.string(), message: z.string(), hint: z.string() }).strict();
export type IpcError = z.infer<typeof ipcError>;

export type Req<C extends AnyChannel> = z.input<(typeof contract)[C]['req']>;
export type Res<C extends AnyChannel> = z.output<(typeof contract)[C]['res']>;

export type Connection = z.infer<typeof connection>;
export type KeySummary = z.infer<typeof keySummary>;
export type KeyDescription = z.infer<typeof keyDescription>;
export type KeySpecOption = z.infer<typeof keySpecOption>;
export type ImportParameters = z.infer<typeof importParameters>;
export type MaterialInfo = z.infer<typeof materialInfo>;
export type WrappedInfo = z.infer<typeof wrappedInfo>;
export type ImportResult = z.infer<typeof importResult>;
export type Verification = z.infer<typeof verification>;
export type SessionState = z.infer<typeof sessionState>;
export type ApprovalStatus = z.infer<typeof approvalStatus>;
export type KeyMaterialEntry = z.infer<typeof keyMaterialEntry>;
export type ExpiryPlanView = z.infer<typeof expiryPlan>;
export type CustodyStatus = z.infer<typeof custodyStatus>;
export type RotationStatus = z.infer<typeof rotationStatus>;
export type RotationApprovalStatusView = z.infer<typeof rotationApprovalStatus>;
export type MultiRegionStatus = z.infer<typeof multiRegionStatus>;
export type AirGapRegion = z.infer<typeof airGapRegion>;
export type RotationRegionsView = z.infer<typeof rotationRegions>;
export type PolicyVerdict = z.infer<typeof policyVerdict>;
export type SelfTestStatus = z.infer<typeof selfTestStatus>;
export type CeremonyInfo = z.infer<typeof ceremonyInfo>;
export type TranscriptView = z.infer<typeof transcriptView>;
export type FileFix = z.infer<typeof fileFix>;

/** What every call resolves to: errors are values, typed, never a rejected promise with a mangled message. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** `window.ceremony`: one method per channel, derived from the contract so the two cannot drift. */
export type CeremonyApi = {
  [C in Channel as (typeof channels)[C]]: (req: Req<C>) => Promise<Result<Res<C>>>;
};

/** `window.custodyEntry` in the custody entry window: its channels only. */
export type CustodyEntryApi = {
  [C in EntryChannel as (typeof entryChannels)[C]]: (req: Req<C>) => Promise<Result<Res<C>>>;
};

export { channels, entryChannels };
export type { AnyChannel, Channel, EntryChannel };
