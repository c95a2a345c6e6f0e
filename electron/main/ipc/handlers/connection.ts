import { hasEnvironmentCredentials, listAwsProfiles } from '../../../core/kms/aws-profiles';
import type { MainContext } from '../../context';
import type { Handler } from '../dispatch';

export const listProfiles: Handler<'connection:profiles'> = () => ({
  profiles: listAwsProfiles(),
  environmentCredentials: hasEnvironmentCredentials(),
  defaultRegion: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? null,
});

export const connect =
  (ctx: MainContext): Handler<'connection:connect'> =>
  (req) =>
    ctx.session.connect(req);

export const disconnect =
  (ctx: MainContext): Handler<'connection:disconnect'> =>
  () => {
    ctx.session.disconnect();
    return { ok: true };
  };
