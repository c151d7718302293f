/** 設定: the NP environment, credentials (write-only SP code), connection test, app info, sync, demo reset. */
import { ApiError } from '../../../../shared/api-result';
import type { CredentialSlotStatus, CredentialsStatus, Handlers } from '../../../../shared/contract';
import type { NpCredentials } from '../../../../shared/np/api-types';
import { maskMerchantCode, type CredentialEnvironment } from '../../credentials/secret-store';
import { isUnreadableCredentials } from '../../credentials/credential-health';
import { createNpClient } from '../../np/client';
import type { CoreContext } from '../context';
import { describeConnectionFailure } from '../connection-test';
import { messageOf } from '../../../../shared/error-message';

type SettingsHandlers = Pick<
  Handlers,
  | 'appInfo'
  | 'getSettings'
  | 'setSettings'
  | 'credentialsStatus'
  | 'setCredentials'
  | 'clearCredentials'
  | 'testConnection'
  | 'startSync'
  | 'syncState'
  | 'demoReset'
>;

const ENV_LABEL: Record<CredentialEnvironment, string> = { test: 'NPテスト環境', production: 'NP本番環境' };

async function slot(ctx: CoreContext, env: CredentialEnvironment): Promise<CredentialSlotStatus> {
  // Unreadable credentials show as not configured (AppInfo.credentialsProblem says why): staff save new ones.
  const creds = await ctx.secrets.load(env).catch((e: unknown) => {
    if (isUnreadableCredentials(e)) return null;
    throw e;
  });
  return creds
    ? { configured: true, merchantCodeMasked: maskMerchantCode(creds.merchantCode), terminalId: creds.terminalId }
    : { configured: false, merchantCodeMasked: null, terminalId: null };
}

async function credentialsStatus(ctx: CoreContext): Promise<CredentialsStatus> {
  return { test: await slot(ctx, 'test'), production: await slot(ctx, 'production'), storageUnavailable: await ctx.secrets.unavailableReason() };
}

/** Asks NP whether it accepts these credentials (valid credentials + an empty request answer 400 EPRO0101). */
async function verify(baseUrl: string, credentials: NpCredentials): Promise<{ ok: boolean; message: string }> {
  const answer = await createNpClient({ baseUrl, credentials, timeoutMs: 15_000 }).verifyCredentials();
  return answer.ok ? { ok: true, message: 'NPに接続できました。接続情報は有効です。' } : { ok: false, message: describeConnectionFailure(answer.error) };
}

export function settingsHandlers(ctx: CoreContext, baseUrlFor: (env: CredentialEnvironment) => string): SettingsHandlers {
  return {
    appInfo: () => {
      const environment = ctx.session().settings.get().environment;
      return { version: ctx.version, mode: environment === 'sandbox' ? 'demo' : 'live', environment, transport: ctx.transport, credentialsProblem: ctx.credentialsProblem() };
    },

    getSettings: () => ctx.session().settings.get(),

    setSettings: async (patch) => {
      const s = ctx.session();
      if (patch.environment && patch.environment !== 'sandbox' && !(await ctx.secrets.load(patch.environment))) {
        throw new ApiError({
          code: 'credentials',
          message: `${ENV_LABEL[patch.environment]}の接続情報が登録されていません。先に加盟店コード・SPコード・端末IDを登録してください。`,
        });
      }
      const before = s.settings.get();
      const next = s.settings.set(patch);
      if (next.environment !== before.environment || next.autoRefreshMinutes !== before.autoRefreshMinutes) await ctx.reconnect();
      return next;
    },

    credentialsStatus: () => credentialsStatus(ctx),

    setCredentials: async ({ environment, merchantCode, spCode, terminalId }) => {
      const unavailable = await ctx.secrets.unavailableReason();
      if (unavailable) throw new ApiError({ code: 'credentials', message: unavailable });
      const credentials = { merchantCode, spCode, terminalId };
      const check = await verify(baseUrlFor(environment), credentials);
      if (!check.ok) throw new ApiError({ code: 'credentials', message: `接続情報を保存しませんでした。${check.message}` });
      await ctx.secrets.save(environment, credentials);
      if (ctx.session().settings.get().environment === environment) await ctx.reconnect();
      await ctx.recheckCredentials();
      return credentialsStatus(ctx);
    },

    clearCredentials: async ({ environment }) => {
      await ctx.secrets.clear(environment);
      const s = ctx.session();
      if (s.settings.get().environment === environment) {
        s.settings.set({ environment: 'sandbox' });
        await ctx.reconnect();
      }
      await ctx.recheckCredentials();
      return credentialsStatus(ctx);
    },

    testConnection: async ({ environment }) => {
      let endpoint;
      try {
        endpoint = await ctx.endpointFor(environment);
      } catch (e) {
        return { ok: false, message: messageOf(e) };
      }
      return verify(endpoint.baseUrl, endpoint.credentials);
    },

    startSync: () => ctx.session().sync.run('manual'),

    syncState: () => ctx.session().sync.state(),

    demoReset: async () => {
      if (ctx.session().settings.get().environment !== 'sandbox') {
        throw new ApiError({ code: 'refused', message: 'デモデータの初期化はデモモードでのみ使えます。' });
      }
      return { orders: await ctx.resetDemo() };
    },
  };
}
