import { randomUUID } from 'node:crypto';
import type { EmulatorContext } from './context';

/**
 * The one STS call the app makes before a ceremony, sts:GetCallerIdentity (awsQuery protocol: a form-encoded
 * POST answered with XML), so the app reaches the emulator through exactly the code path it uses for AWS.
 * The caller is the account root of the emulator's account; other STS actions are InvalidAction.
 */
export const STS_CONTENT_TYPE = 'application/x-www-form-urlencoded';

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

export function stsReply(ctx: EmulatorContext, body: string): { status: number; xml: string } {
  const action = new URLSearchParams(body).get('Action');
  const requestId = randomUUID();
  if (action !== 'GetCallerIdentity') {
    const message = `Could not find operation ${action ?? '(none)'} for version 2011-06-15`;
    return {
      status: 400,
      xml:
        `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>InvalidAction</Code>` +
        `<Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    };
  }
  return {
    status: 200,
    xml:
      `<GetCallerIdentityResponse xmlns="${NS}"><GetCallerIdentityResult>` +
      `<Arn>arn:aws:iam::${ctx.accountId}:root</Arn><UserId>${ctx.accountId}</UserId>` +
      `<Account>${ctx.accountId}</Account></GetCallerIdentityResult>` +
      `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
  };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
