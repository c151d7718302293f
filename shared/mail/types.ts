/** Mail settings, outbox records and what the mail screens receive (shared by the core and the renderer). */
import { z } from 'zod';
import { MAIL_TEMPLATE_IDS, type MailTemplate, type MailTemplateId } from './templates';
import { isMailAddress, PLACEHOLDERS } from './placeholders';

const address = (what: string) =>
  z
    .string()
    .trim()
    .max(254, { error: `${what}が長すぎます` })
    .refine((s) => s === '' || isMailAddress(s), { error: `${what}の形式が正しくありません（例: shop@example.jp）` });

export const SMTP_SECURITY = ['starttls', 'tls', 'none'] as const;
export const SMTP_SECURITY_LABELS: Record<(typeof SMTP_SECURITY)[number], string> = {
  starttls: 'STARTTLS（587番ポートなど）',
  tls: 'SSL/TLS（465番ポートなど）',
  none: '暗号化なし',
};
export const MAIL_ENCODINGS = ['utf8', 'iso2022jp'] as const;
export type MailEncoding = (typeof MAIL_ENCODINGS)[number];
export const MAIL_ENCODING_LABELS: Record<MailEncoding, string> = { utf8: 'UTF-8（推奨）', iso2022jp: 'ISO-2022-JP（古いメールソフト向け）' };

export const MailSettingsSchema = z.object({
  host: z.string().trim().max(253, { error: 'SMTPサーバーが長すぎます' }),
  port: z.number({ error: 'ポート番号は数値です' }).int().min(1, { error: 'ポート番号は1〜65535です' }).max(65535, { error: 'ポート番号は1〜65535です' }),
  security: z.enum(SMTP_SECURITY),
  user: z.string().trim().max(254, { error: 'ユーザー名が長すぎます' }),
  fromName: z.string().trim().max(64, { error: '差出人名は64文字以内です' }),
  fromAddress: address('差出人メールアドレス'),
  /** A copy of every mail to the shop ('' = none). */
  bcc: address('BCCのメールアドレス'),
  signature: z.string().max(2000, { error: '署名は2000文字以内です' }),
  encoding: z.enum(MAIL_ENCODINGS),
  /** Pause between two mails (providers limit how fast a shop may send). */
  sendIntervalMs: z.number().int().min(0).max(60_000, { error: '送信間隔は60秒以内です' }),
  /** 発送のお知らせ when NP accepts the 出荷報告. */
  autoShipped: z.boolean(),
  /** 審査NG mail when a sync finds 審査NG. */
  autoAuthoriNg: z.boolean(),
});
export type MailSettings = z.infer<typeof MailSettingsSchema>;

export const DEFAULT_MAIL_SETTINGS: MailSettings = {
  host: '',
  port: 587,
  security: 'starttls',
  user: '',
  fromName: '',
  fromAddress: '',
  bcc: '',
  signature: '',
  encoding: 'utf8',
  sendIntervalMs: 1000,
  autoShipped: false,
  autoAuthoriNg: false,
};

/** Where mail goes now. */
export type MailDelivery =
  | { kind: 'demo'; label: string } // demo mode: the in-process server, read in デモ受信箱
  | { kind: 'override'; label: string } // npm run web --smtp-host
  | { kind: 'smtp'; label: string } // the shop's SMTP server
  | { kind: 'unconfigured'; label: string };

export interface MailSettingsView {
  settings: MailSettings;
  /** Whether an SMTP password is stored (the password itself never leaves the main side). */
  passwordSet: boolean;
  delivery: MailDelivery;
  /** null when the password can be stored securely here; otherwise why not (Japanese). */
  storageUnavailable: string | null;
  /** The sender worker: mails waiting, and why it waits (offline, not configured), if it does. */
  queued: number;
  waiting: string | null;
}

/** queued → sending → sent | failed (the server's answer) | unknown (送信結果不明: staff decide). */
export const MAIL_STATES = ['queued', 'sending', 'sent', 'failed', 'unknown'] as const;
export type MailState = (typeof MAIL_STATES)[number];
export const MAIL_STATE_LABELS: Record<MailState, string> = {
  queued: '送信待ち',
  sending: '送信中',
  sent: '送信済み',
  failed: '送信失敗',
  unknown: '送信結果不明',
};

export interface MailRecord {
  id: number;
  orderId: number;
  templateId: MailTemplateId;
  templateName: string;
  to: string;
  subject: string;
  body: string;
  state: MailState;
  /** 'manual' (staff) or 'auto' (automation). */
  origin: 'manual' | 'auto';
  attempts: number;
  createdAt: number;
  sentAt: number | null;
  /** The server's answer or why the outcome is unknown (Japanese). */
  lastError: string | null;
}

/** The メール column of one order: its last mail and whether any mail needs attention. */
export interface MailSummary {
  orderId: number;
  last: { templateName: string; state: MailState; at: number } | null;
  /** Mails that failed or whose outcome is unknown. */
  problems: number;
}

export interface MailTemplatesView {
  templates: MailTemplate[];
  placeholders: ReadonlyArray<{ key: string; hint: string }>;
}
export const MAIL_PLACEHOLDER_LIST = PLACEHOLDERS;

export interface MailPreview {
  to: string;
  subject: string;
  body: string;
  problems: string[];
  /** Mails of this template already sent or queued for the order. */
  alreadySent: number;
}

export interface MailQueueResult {
  orderId: number;
  orderNo: string;
  /** queued; refused (why in message); confirm: the template was already sent, queue again only when staff agree. */
  outcome: 'queued' | 'refused' | 'confirm';
  mailId: number | null;
  message: string;
}

export interface DemoInboxMessage {
  id: number;
  receivedAt: number;
  from: string;
  to: string;
  subject: string;
  text: string;
  /** The raw header lines as received (Content-Type, Subject encoding…). */
  headers: string;
}

const templateId = z.enum(MAIL_TEMPLATE_IDS);
const orderId = z.number().int().positive();

export const mailInputs = {
  setSettings: MailSettingsSchema.partial(),
  setPassword: z.object({ password: z.string().max(512, { error: 'パスワードが長すぎます' }).nullable() }),
  testSend: z.object({ to: address('送信先').refine((s) => s !== '', { error: '送信先のメールアドレスを入力してください' }) }),
  saveTemplate: z.object({
    id: templateId,
    subject: z.string().trim().min(1, { error: '件名を入力してください' }).max(200, { error: '件名は200文字以内です' }),
    body: z.string().min(1, { error: '本文を入力してください' }).max(20_000, { error: '本文は20,000文字以内です' }),
  }),
  resetTemplate: z.object({ id: templateId }),
  preview: z.object({ templateId, orderId, subject: z.string().max(200).optional(), body: z.string().max(20_000).optional() }),
  queue: z.object({ templateId, orderIds: z.array(orderId).min(1).max(10_000), resend: z.boolean() }),
  list: z.union([z.object({ orderId }), z.object({ ids: z.array(z.number().int().positive()).max(10_000) })]),
  summaries: z.object({ orderIds: z.array(orderId).max(1000) }),
  resolve: z.object({ id: z.number().int().positive(), action: z.enum(['resend', 'delivered']) }),
};

export type { MailTemplate, MailTemplateId };
