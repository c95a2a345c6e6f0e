import { hasEnvironmentCredentials, listAwsProfiles } from '../../../core/kms/aws-profiles';
import { configuredEndpoint } from '../../../core/kms/endpoint-policy';
import type { MainContext } from '../../context';
import type { Handler } from '../dispatch';

/** Profiles, and the KMS endpoint each would use (shown before connecting; main re-checks at connect). */
export const listProfiles =
  (ctx: MainContext): Handler<'connection:profiles'> =>
  () => {
    const env = ctx.env ?? process.env;
    return {
      profiles: listAwsProfiles(env).map((p) => ({ ...p, endpoint: configuredEndpoint('kms', p.name, env) })),
      environmentCredentials: hasEnvironmentCredentials(env),
      environmentEndpoint: configuredEndpoint('kms', null, env),
      defaultRegion: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? null,
    };
  };

/** The renderer names a target; the endpoint, and any confirmation of a non-AWS host, are main's. */
export const connect =
  (ctx: MainContext): Handler<'connection:connect'> =>
  (req) =>
    ctx.session.connect(req, { confirm: (q) => ctx.dialogs.confirm(q), env: ctx.env ?? process.env });

export const disconnect =
  (ctx: MainContext): Handler<'connection:disconnect'> =>
  () => {
    ctx.session.disconnect();
    return { ok: true };
  };
