/** The four mails shops send to buyers, with their default wording (設定 → メールテンプレート edits them). */

export const MAIL_TEMPLATE_IDS = ['order_received', 'shipped', 'authori_ng', 'authori_hold'] as const;
export type MailTemplateId = (typeof MAIL_TEMPLATE_IDS)[number];

export const MAIL_TEMPLATE_NAMES: Record<MailTemplateId, string> = {
  order_received: '受注確認',
  shipped: '発送のお知らせ',
  authori_ng: '審査NG（お支払方法変更のお願い）',
  authori_hold: '審査保留（ご登録内容確認のお願い）',
};

export interface MailTemplate {
  id: MailTemplateId;
  name: string;
  subject: string;
  body: string;
  /** False once staff edited it. */
  isDefault: boolean;
}

const GREETING = '{{お名前}} 様\n\nこの度は{{ショップ名}}をご利用いただき、誠にありがとうございます。\n';
const ORDER_BLOCK = [
  '■ご注文内容',
  '注文番号：{{注文番号}}',
  'ご注文日：{{受注日}}',
  'お支払方法：{{お支払方法}}',
  '',
  '{{商品一覧}}',
  '',
  'お支払合計：{{合計金額}}（税込）',
].join('\n');
const CLOSING = '\nご不明な点がございましたら、本メールへの返信にてお気軽にお問い合わせください。\n\n{{署名}}\n';

export const DEFAULT_MAIL_TEMPLATES: Record<MailTemplateId, { subject: string; body: string }> = {
  order_received: {
    subject: '【{{ショップ名}}】ご注文ありがとうございます（注文番号：{{注文番号}}）',
    body: [
      GREETING,
      '以下の内容でご注文を承りました。',
      '商品の発送準備が整いましたら、改めて発送のお知らせをお送りいたします。',
      '',
      ORDER_BLOCK,
      CLOSING,
    ].join('\n'),
  },
  shipped: {
    subject: '【{{ショップ名}}】商品発送のお知らせ（注文番号：{{注文番号}}）',
    body: [
      GREETING,
      'ご注文いただいた商品を発送いたしました。',
      'お届けまで今しばらくお待ちくださいませ。',
      '',
      '■配送について',
      '配送業者：{{配送業者}}',
      'お問い合わせ伝票番号：{{配送伝票番号}}',
      '配送状況の確認：{{配送状況URL}}',
      '※配送状況が反映されるまでお時間をいただく場合がございます。',
      '',
      ORDER_BLOCK,
      '',
      'NP後払いをご利用のお客様には、商品とは別にNP後払いの請求書が届きます（請求書同梱の場合は商品に同封しております）。',
      '請求書の発行から14日以内に、コンビニ・銀行・郵便局でお支払いください。',
      CLOSING,
    ].join('\n'),
  },
  authori_ng: {
    subject: '【{{ショップ名}}】お支払方法変更のお願い（注文番号：{{注文番号}}）',
    body: [
      GREETING,
      '誠に恐れ入りますが、ご注文時にお選びいただいた「NP後払い」は、',
      '後払い決済サービス会社（株式会社ネットプロテクションズ）の審査の結果、ご利用いただけないこととなりました。',
      '審査の理由につきましては、当店ではお答えいたしかねますことをご了承ください。',
      '',
      'つきましては、お手数ですが別のお支払方法（クレジットカード・代金引換など）への変更をお願いいたします。',
      '本メールにご希望のお支払方法をご返信いただけましたら、手続きを進めさせていただきます。',
      '',
      ORDER_BLOCK,
      '',
      '恐れ入りますが、7日以内にご連絡がない場合はご注文をキャンセルとさせていただく場合がございます。',
      CLOSING,
    ].join('\n'),
  },
  authori_hold: {
    subject: '【{{ショップ名}}】ご登録内容確認のお願い（注文番号：{{注文番号}}）',
    body: [
      GREETING,
      'ご注文時にお選びいただいた「NP後払い」の審査にあたり、ご登録いただいたご住所・お電話番号などを確認させていただきたく、ご連絡いたしました。',
      '',
      '番地・建物名・部屋番号の記載漏れや、お電話番号の誤りがないか、ご確認をお願いいたします。',
      '内容に誤りがございましたら、正しいご住所・お電話番号を本メールにご返信ください。',
      '確認が取れ次第、審査を再開させていただきます。',
      '',
      ORDER_BLOCK,
      CLOSING,
    ].join('\n'),
  },
};

/** A template as it is when nobody edited it. */
export function defaultTemplate(id: MailTemplateId): MailTemplate {
  return { id, name: MAIL_TEMPLATE_NAMES[id], ...DEFAULT_MAIL_TEMPLATES[id], isDefault: true };
}
