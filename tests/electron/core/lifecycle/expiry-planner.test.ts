import { randomBytes } from 'node:crypto';
import { CreateAliasCommand, CreateKeyCommand } from '@aws-sdk/client-kms';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expiryCalendar } from '../../../../electron/core/lifecycle/expiry-calendar';
import { expiryCsv, expiryJson, expiryTable } from '../../../../electron/core/lifecycle/expiry-formats';
import {
  planExpiry,
  type ExpiryPlan,
  type PlannerSource,
} from '../../../../electron/core/lifecycle/expiry-planner';
import { explainKmsError } from '../../../../electron/core/kms/explain-error';
import { openConnection } from '../../../../electron/core/kms/connect';
import {
  createExternalKey,
  daysAhead,
  importMaterial,
  startHarness,
  type Harness,
} from '../emulator/helpers';

/**
 * The expiry planner over three emulator Regions (issue 13): keys expiring in 5, 40 and 200 days, one that
 * does not expire, one whose material expired, an AWS_KMS key (not listed) and a Region without permission.
 */
let h: Harness;
let plan: ExpiryPlan;
const keys: Record<string, string> = {};
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'] as const;

const emulatorSource = (region: string): PlannerSource => ({
  profile: null,
  region,
  open: async () =>
    (await openConnection({ target: 'emulator', endpoint: h.emulator.endpoint, region })).gateway,
});

/** A Region where the caller may not list keys: the gateway explains AccessDenied as it would from AWS. */
const deniedSource: PlannerSource = {
  profile: 'auditor',
  region: 'eu-central-1',
  open: async () => {
    const { gateway } = await openConnection({
      target: 'emulator',
      endpoint: h.emulator.endpoint,
      region: 'eu-central-1',
    });
    gateway.listKeys = () =>
      Promise.reject(
        explainKmsError(
          Object.assign(
            new Error(
              'User: arn:aws:iam::111122223333:user/auditor is not authorized to perform: kms:ListKeys',
            ),
            {
              name: 'AccessDeniedException',
            },
          ),
          'list keys',
        ),
      );
    return gateway;
  },
};

beforeAll(async () => {
  h = await startHarness();
  const days = [5, 40, 200];
  for (const [i, region] of REGIONS.entries()) {
    const kms = h.client(region);
    const key = await createExternalKey(kms);
    await importMaterial(kms, key.KeyId!, randomBytes(32), { validTo: daysAhead(h.emulator, days[i]!) });
    await kms.send(new CreateAliasCommand({ AliasName: `alias/expires-${days[i]}`, TargetKeyId: key.KeyId }));
    keys[days[i]!] = key.Arn!;
  }
  const forever = await createExternalKey(h.kms, 'HMAC_256');
  await importMaterial(h.kms, forever.KeyId!, randomBytes(32));
  keys.forever = forever.Arn!;
  const lapsed = await createExternalKey(h.client('eu-west-1'));
  await importMaterial(h.client('eu-west-1'), lapsed.KeyId!, randomBytes(32), {
    validTo: daysAhead(h.emulator, 30 / 86_400),
  });
  await h.kms.send(new CreateKeyCommand({})); // AWS_KMS origin: not the planner's business
  h.emulator.advanceClock(60); // the lapsed key's material expires (30 s ahead): it is missing now
  keys.lapsed = lapsed.Arn!;
  plan = await planExpiry([...REGIONS.map(emulatorSource), deniedSource], {
    backedUpKeyIds: new Set([keys[40]!.split('/')[1]!]),
  });
});
afterAll(async () => h.close());

describe('expiry planner', () => {
  it('lists EXTERNAL keys of every Region, missing material first, then soonest ValidTo, then no expiry', () => {
    expect(plan.entries.map((e) => [e.keyArn, e.warning])).toEqual([
      [keys.lapsed, 'material-missing'],
      [keys[5], 'within-7-days'],
      [keys[40], 'within-90-days'],
      [keys[200], null],
      [keys.forever, null],
    ]);
    const in5 = plan.entries[1]!;
    expect(in5).toMatchObject({
      alias: 'alias/expires-5',
      region: 'us-east-1',
      keySpec: 'SYMMETRIC_DEFAULT',
      keyState: 'Enabled',
      keyMaterialState: 'CURRENT',
      importState: 'IMPORTED',
      expirationModel: 'KEY_MATERIAL_EXPIRES',
      backup: 'none',
    });
    expect(in5.keyMaterialId).toMatch(/^[0-9a-f]{64}$/);
    // Days count from the Region's clock (the emulator's, moved 60 s ahead), rounded down.
    expect(plan.entries.slice(1, 4).map((e) => e.daysLeft)).toEqual([4, 39, 199]);
    expect(plan.entries[2]!.backup).toBe('recorded');
    expect(plan.entries[4]).toMatchObject({
      expirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      validTo: null,
      daysLeft: null,
    });
    expect(plan.entries[0]).toMatchObject({
      keyState: 'PendingImport',
      importState: 'PENDING_IMPORT',
      validTo: null,
    });
  });

  it('reports the Region it may not list, in words, and still lists the others', () => {
    expect(plan.regions.map((r) => [r.region, r.status])).toEqual([
      ['us-east-1', 'listed'],
      ['eu-west-1', 'listed'],
      ['ap-southeast-2', 'listed'],
      ['eu-central-1', 'failed'],
    ]);
    const denied = plan.regions[3]!;
    expect(denied.message).toContain('AWS denied the request');
    expect(denied.message).toContain('kms:ListKeys');
    expect(plan.regions[1]).toMatchObject({ externalKeys: 2 });
    expect(expiryTable(plan)).toMatch(/NOT LISTED: eu-central-1 \(profile auditor\): AWS denied the request/);
  });

  it('exports an iCalendar file that parses back: one event at each ValidTo, reminders ahead of it', () => {
    const text = expiryCalendar(plan);
    // RFC 5545 durations: no bare "T" (the ics package writes "-P7DT" for days; we give hours).
    for (const trigger of text.match(/^TRIGGER:.*$/gm) ?? [])
      expect(trigger).toMatch(/^TRIGGER:-P(T\d+H|\d+W|\d+D(T\d+[HMS])?)\r?$/);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const expiring = plan.entries.filter((e) => e.validTo);
    expect(events.map((e) => e.startDate.toJSDate().toISOString())).toEqual(
      expiring.map((e) => new Date(Math.floor(Date.parse(e.validTo!) / 1000) * 1000).toISOString()),
    );
    expect(events[0]!.summary).toBe('KMS key material expires: alias/expires-5 (us-east-1)');
    expect(events[0]!.description).toContain(keys[5]);
    const reminders = (i: number) =>
      events[i]!.component.getAllSubcomponents('valarm').map(
        (a) => -(a.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds() / 86_400,
      );
    expect(reminders(0)).toEqual([1]); // 5 days ahead: only the 1-day reminder is still in the future
    expect(reminders(1)).toEqual([30, 7, 1]);
    expect(reminders(2)).toEqual([90, 30, 7, 1]);
    expect(new Set(events.map((e) => e.uid)).size).toBe(3);
  });

  it('exports CSV (one row per material, quoted where needed) and JSON with the same order', () => {
    const rows = expiryCsv(plan).trimEnd().split('\r\n');
    expect(rows[0]).toMatch(/^daysLeft,validTo,warning,alias,keyArn,/);
    expect(rows).toHaveLength(plan.entries.length + 1);
    expect(rows[2]).toMatch(
      new RegExp(`^4,${plan.entries[1]!.validTo},within-7-days,alias/expires-5,${keys[5]},`),
    );
    const json = JSON.parse(expiryJson(plan)) as ExpiryPlan;
    expect(json.entries.map((e) => e.keyArn)).toEqual(plan.entries.map((e) => e.keyArn));
    expect(json.regions[3]!.status).toBe('failed');
  });
});
