/**
 * Mail placeholders ({{注文番号}} …) and how a template becomes a mail for one order. Pure: the core renders
 * the mail it queues and the settings screen previews with the same code, so the preview is what is sent.
 */
import type { Order } from '../order';
import { ORDER_STATUS_LABELS, PAYMENT_METHOD_LABELS } from '../order';
import { carrierName } from '../np/carriers';
import { toJstDate } from '../jst-date';
import { formatTel } from '../tel-zip-format';
import { trackingUrl } from './tracking';

export const PLACEHOLDERS = [
  { key: '注文番号', hint: '例: 10023' },
  { key: 'お名前', hint: '購入者のお名前（漢字）' },
  { key: '受注日', hint: '例: 2026年11月28日' },
  { key: '合計金額', hint: '例: 12,980円' },
  { key: 'お支払方法', hint: '例: NP後払い' },
  { key: '対応状況', hint: '例: 発送済み' },
  { key: '商品一覧', hint: '商品名・数量・金額（1行に1商品）' },
  { key: '配送業者', hint: '例: ヤマト運輸' },
  { key: '配送伝票番号', hint: '例: 1234-5678-9012' },
  { key: '配送状況URL', hint: '配送業者の荷物追跡ページ' },
  { key: '発送日', hint: '例: 2026年11月30日（受注情報の発送日。未入力なら空欄）' },
  { key: 'ショップ名', hint: '設定 → ショップ情報（未設定ならサイト名）' },
  { key: 'ショップメールアドレス', hint: '設定 → ショップ情報' },
  { key: 'ショップ電話番号', hint: '設定 → ショップ情報' },
  { key: '署名', hint: '設定 → メールの署名' },
] as const;
export type PlaceholderKey = (typeof PLACEHOLDERS)[number]['key'];
const KNOWN = new Set<string>(PLACEHOLDERS.map((p) => p.key));

/** A placeholder that must have a value when the template uses it (a 発送のお知らせ without a slip number is refused). */
const REQUIRED_WHEN_USED: ReadonlySet<PlaceholderKey> = new Set<PlaceholderKey>(['配送業者', '配送伝票番号']);

const PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/gu;

/** The placeholders a text uses, in order of first use (unknown ones included, as written). */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PATTERN)].map((m) => m[1] ?? ''))];
}

/** Placeholders the app does not know, e.g. a typo {{お名前様}}: refused when a template is saved. */
export function unknownPlaceholders(text: string): string[] {
  return placeholdersIn(text).filter((k) => !KNOWN.has(k));
}

/** What the mail says about the shop and its sender. */
export interface MailSender {
  shopName: string;
  shopEmail: string;
  shopTel: string;
  signature: string;
}

export type MailValues = Record<PlaceholderKey, string>;

const yen = (n: number): string => `${n.toLocaleString('ja-JP')}円`;
const jaDate = (epochMs: number): string => {
  const [y, m, d] = toJstDate(epochMs).split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** The placeholder values of one order ('' where the order has no value). */
export function mailValues(order: Order, sender: MailSender): MailValues {
  const carrier = order.carrierCode ? carrierName(order.carrierCode) : '';
  const url = trackingUrl(order.carrierCode, order.slipNo);
  return {
    注文番号: order.orderNo,
    お名前: order.customer.name,
    受注日: jaDate(order.orderedAt),
    合計金額: yen(order.total),
    お支払方法: PAYMENT_METHOD_LABELS[order.paymentMethod],
    対応状況: ORDER_STATUS_LABELS[order.status],
    商品一覧: order.lines.map((l) => `・${l.name} × ${l.quantity}\u3000${yen(l.unitPrice * l.quantity)}`).join('\n'),
    配送業者: carrier,
    配送伝票番号: order.slipNo,
    配送状況URL: url ?? (carrier ? `（${carrier}のホームページで配送伝票番号をご入力ください）` : ''),
    発送日: order.shippedAt ? jaDate(order.shippedAt) : '',
    ショップ名: sender.shopName,
    ショップメールアドレス: sender.shopEmail,
    ショップ電話番号: sender.shopTel ? formatTel(sender.shopTel) : '',
    署名: sender.signature,
  };
}

export function fillPlaceholders(text: string, values: Partial<Record<string, string>>): string {
  return text.replace(PATTERN, (whole, key: string) => values[key] ?? whole);
}

export interface TemplateText {
  subject: string;
  body: string;
}

export interface RenderedMail {
  to: string;
  subject: string;
  body: string;
  /** Why this mail cannot be sent (Japanese); empty when it can. */
  problems: string[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;
export const isMailAddress = (s: string): boolean => EMAIL.test(s);

/** The mail one template makes for one order, and what stops it from being sent. */
export function renderMail(template: TemplateText, order: Order, sender: MailSender): RenderedMail {
  const values = mailValues(order, sender);
  const problems: string[] = [];
  const unknown = unknownPlaceholders(template.subject + template.body);
  if (unknown.length) problems.push(`テンプレートに不明な差し込み項目があります: ${unknown.map((k) => `{{${k}}}`).join('、')}`);
  const used = placeholdersIn(template.subject + template.body) as PlaceholderKey[];
  const empty = used.filter((k) => REQUIRED_WHEN_USED.has(k) && !values[k]);
  if (empty.length) problems.push(`${empty.join('・')}が未入力です。受注情報に入力してから送信してください。`);
  const to = order.customer.email.trim();
  if (!to) problems.push('お客様のメールアドレスが登録されていません。');
  else if (!isMailAddress(to)) problems.push(`お客様のメールアドレス「${to}」の形式が正しくありません。`);
  const subject = fillPlaceholders(template.subject, values).replace(/\s*[\r\n]+\s*/gu, ' ').trim();
  return { to, subject, body: fillPlaceholders(template.body, values), problems };
}
