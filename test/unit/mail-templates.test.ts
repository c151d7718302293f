/**
 * The pure mail code: placeholders (unknown ones found, values filled, required ones reported), the default
 * templates use only known placeholders, every NP carrier either has a tracking page that takes the slip number
 * or none, and the ISO-2022-JP encoder writes 7-bit JIS that iconv's EUC-JP table round-trips.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { encodeHeaderIso2022Jp, encodeIso2022Jp } from '../../electron/core/mail/iso-2022-jp';
import { fillPlaceholders, mailValues, PLACEHOLDERS, renderMail, unknownPlaceholders } from '../../shared/mail/placeholders';
import { DEFAULT_MAIL_TEMPLATES, MAIL_TEMPLATE_IDS } from '../../shared/mail/templates';
import { hasTrackingPage, trackingUrl } from '../../shared/mail/tracking';
import { NP_CARRIERS } from '../../shared/np/carriers';
import type { Order } from '../../shared/order';

const order: Order = {
  id: 1,
  orderNo: '10023',
  orderedAt: Date.UTC(2026, 10, 27, 16, 30), // 2026-11-28 01:30 JST
  status: 'shipped',
  paymentMethod: 'np_atobarai',
  customer: { name: '山田 太郎', kana: 'ヤマダ タロウ', companyName: '', departmentName: '', zip: '1070052', address: '東京都港区赤坂1-2-3', tel: '0312345678', email: 'taro@example.jp', birthDate: null, gender: 'male' },
  shipTo: null,
  lines: [{ name: '煎茶 100g', unitPrice: 1080, quantity: 2 }],
  shippingFee: 500,
  fee: 0,
  discount: 0,
  carrierCode: '59010',
  slipNo: '1234-5678-9012',
  invoiceType: 'separate',
  note: '',
  shopMemo: '',
  shippedAt: null,
  paidAt: null,
  total: 2660,
  createdAt: 0,
  updatedAt: 0,
};
const sender = { shopName: 'やまと茶舗', shopEmail: 'shop@example.jp', shopTel: '0312345678', signature: '――やまと茶舗' };

describe('mail placeholders', () => {
  it('finds unknown placeholders, as written', () => {
    expect(unknownPlaceholders('{{お名前}} 様 {{お名前様}} {{ 注文番号 }} {{}} {単}')).toEqual(['お名前様', '']);
  });

  it('the default templates use only known placeholders', () => {
    for (const id of MAIL_TEMPLATE_IDS) expect(unknownPlaceholders(DEFAULT_MAIL_TEMPLATES[id].subject + DEFAULT_MAIL_TEMPLATES[id].body), id).toEqual([]);
  });

  it('fills every placeholder from the order and the shop', () => {
    const values = mailValues(order, sender);
    expect(Object.keys(values).sort()).toEqual(PLACEHOLDERS.map((p) => p.key).sort());
    expect(values).toMatchObject({ 受注日: '2026年11月28日', 合計金額: '2,660円', 配送業者: 'ヤマト運輸', ショップ電話番号: '03-1234-5678', 発送日: '' });
    expect(values.配送状況URL).toBe('https://toi.kuronekoyamato.co.jp/cgi-bin/tneko?number01=123456789012');
    expect(values.商品一覧).toBe('・煎茶 100g × 2\u30002,160円');
    expect(fillPlaceholders('{{ お名前 }}様 {{不明}}', values)).toBe('山田 太郎様 {{不明}}');
  });

  it('reports what stops a mail: no address, a bad address, no slip number for a template that prints it', () => {
    const shipped = DEFAULT_MAIL_TEMPLATES.shipped;
    expect(renderMail(shipped, order, sender).problems).toEqual([]);
    expect(renderMail(shipped, { ...order, slipNo: '', customer: { ...order.customer, email: '' } }, sender).problems).toEqual([
      '配送伝票番号が未入力です。受注情報に入力してから送信してください。',
      'お客様のメールアドレスが登録されていません。',
    ]);
    expect(renderMail(DEFAULT_MAIL_TEMPLATES.order_received, { ...order, slipNo: '', customer: { ...order.customer, email: 'taro@' } }, sender).problems).toEqual([
      'お客様のメールアドレス「taro@」の形式が正しくありません。',
    ]);
  });

  it('keeps the subject on one line', () => {
    expect(renderMail({ subject: '{{署名}}', body: '' }, order, { ...sender, signature: 'a\nb' }).subject).toBe('a b');
  });
});

describe('tracking pages', () => {
  it('exist for the big carriers and take the slip number without hyphens', () => {
    for (const code of ['50000', '59010', '59030', '59040', '59041', '59042', '59043', '59060']) {
      const url = trackingUrl(code, '1234-5678-9012');
      expect(url, code).toMatch(/^https:\/\/[^ ]+123456789012/u);
    }
    expect(trackingUrl('59010', '')).toBeNull();
    expect(trackingUrl('55555', '123')).toBeNull();
    expect(trackingUrl(null, '123')).toBeNull();
    expect(NP_CARRIERS.filter((c) => hasTrackingPage(c.code)).length).toBe(8);
  });
});

describe('ISO-2022-JP', () => {
  it('writes 7-bit JIS X 0208 between escapes, full-width for half-width kana, 〓 for what JIS lacks', () => {
    const { bytes, lossy } = encodeIso2022Jp('山田 ﾀﾛｳ様 A1 😀');
    expect(bytes.every((b) => b < 0x80)).toBe(true);
    expect(lossy).toEqual(['😀']);
    // Back through EUC-JP: the JIS bytes + 0x80 are EUC-JP.
    // eslint-disable-next-line no-control-regex -- ISO-2022-JP's escapes are what is checked
    const text = bytes.toString('latin1').replace(/\x1b\$B([^\x1b]*)\x1b\(B/gu, (_m, jis: string) => iconv.decode(Buffer.from([...Buffer.from(jis, 'latin1')].map((b) => b | 0x80)), 'euc-jp'));
    expect(text).toBe('山田 タロウ様 A1 〓');
    // voiced half-width kana without a JIS letter (ｱﾞ, ﾜﾞ) are written with ゛ (shared/kana.ts), nothing lost
    expect(encodeIso2022Jp('ｱﾞﾜﾞｶﾞﾊﾟ').lossy).toEqual([]);
  });

  it('encodes header words of at most 75 characters, each a whole escape sequence', () => {
    const words = encodeHeaderIso2022Jp('【やまと茶舗】商品発送のお知らせ（注文番号：10023）とても長い件名の折り返し').split('\r\n ');
    expect(words.length).toBeGreaterThan(1);
    for (const w of words) {
      expect(w.length).toBeLessThanOrEqual(75);
      const jis = Buffer.from(/^=\?ISO-2022-JP\?B\?(.*)\?=$/u.exec(w)![1]!, 'base64');
      // eslint-disable-next-line no-control-regex -- ISO-2022-JP's escapes are what is checked
      const escapes = jis.toString('latin1').match(/\x1b(?:\$B|\(B)/gu) ?? [];
      expect(escapes.at(-1) ?? '\x1b(B').toBe('\x1b(B'); // each word ends in ASCII mode
    }
    expect(encodeHeaderIso2022Jp('plain ascii')).toBe('plain ascii');
  });
});
