/**
 * The shop's own profile (設定 → ショップ情報): the shop block of the 納品書, the ご依頼主 of the carriers'
 * 送り状 data, and the ショップ名 of mails (settings.shop.name). Plus the 納品書's greeting (挨拶文).
 * TEL and zip are folded to digits like an order's; the 適格請求書発行事業者登録番号 is 'T' + 13 digits.
 */
import { z } from 'zod';
import { foldTel, foldZip } from './search-fold';

/** 'T' + 13 digits; 全角 and spaces/hyphens typed by staff are folded away. */
export const INVOICE_NUMBER_PATTERN = /^T\d{13}$/u;

const foldInvoiceNumber = (s: string): string => s.normalize('NFKC').toUpperCase().replace(/[\s-]/gu, '');

export const ShopProfileSchema = z.object({
  name: z.string({ error: 'ショップ名は文字列で入力してください' }).trim().max(50, { error: 'ショップ名は50文字以内で入力してください' }),
  zip: z
    .string({ error: 'ショップの郵便番号は文字列で入力してください' })
    .transform(foldZip)
    .pipe(z.string().regex(/^(\d{7})?$/u, { error: 'ショップの郵便番号は7桁の数字で入力してください（例: 107-0052）' })),
  address: z.string({ error: 'ショップの住所は文字列で入力してください' }).trim().max(100, { error: 'ショップの住所は100文字以内で入力してください' }),
  tel: z
    .string({ error: 'ショップのTELは文字列で入力してください' })
    .transform(foldTel)
    .pipe(z.string().regex(/^(\d{10,11})?$/u, { error: 'ショップのTELは10桁または11桁の数字で入力してください' })),
  email: z
    .string({ error: 'ショップのメールアドレスは文字列で入力してください' })
    .trim()
    .max(254, { error: 'ショップのメールアドレスが長すぎます' })
    .regex(/^$|^[^\s@]+@[^\s@]+\.[^\s@]+$/u, { error: 'ショップのメールアドレスの形式が正しくありません' }),
  /** 適格請求書発行事業者登録番号 (optional): printed on the 納品書 when set. */
  invoiceNumber: z
    .string({ error: '登録番号は文字列で入力してください' })
    .transform(foldInvoiceNumber)
    .pipe(z.string().regex(/^(T\d{13})?$/u, { error: '登録番号は「T」＋13桁の数字で入力してください（例: T1234567890123）' }))
    .transform((v) => v || undefined) // '' = none
    .optional(),
});
export type ShopProfile = z.infer<typeof ShopProfileSchema>;

export const EMPTY_SHOP_PROFILE: ShopProfile = { name: '', zip: '', address: '', tel: '', email: '' };

/** 納品書の挨拶文 (printed under the title). */
export const DeliveryNoteGreetingSchema = z
  .string({ error: '納品書の挨拶文は文字列で入力してください' })
  .max(400, { error: '納品書の挨拶文は400文字以内で入力してください' });

export const DEFAULT_DELIVERY_NOTE_GREETING =
  'このたびはご注文いただき誠にありがとうございます。\n下記の通り納品いたしますので、ご確認ください。';
