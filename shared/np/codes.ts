/**
 * The one registry of NP後払い codes (np-api.md §7, §8): each code's Japanese meaning and what staff should do,
 * the order field it is about (fieldOfNpCode: the edit dialog's highlights), what it tells about the transaction
 * (npCodeFacts: apply.ts), the codes the shared validation and the sandbox give (NP_PERSON_CODES, NP_CODE), and
 * the holds staff can settle outside the data. Also the app's own LOCAL_* codes, used when NP gave no code
 * (transport failures, ambiguous sends), and the sandbox's SBX* codes for checks whose NP code is not public
 * (docs/sandbox.md). Pure data + lookups: usable in the renderer, the core and the sandbox.
 */

export interface NpCodeInfo {
  code: string;
  /** What the code means, in Japanese. */
  meaning: string;
  /** What staff should do about it, in Japanese. */
  action: string;
}

type Table = Record<string, readonly [meaning: string, action: string]>;

const FIX_ORDER = '受注情報の該当項目を修正し、取引修正（未登録なら取引登録）をやり直してください。';
const CHECK_NP_ID = 'アプリの不具合の可能性があります。NP取引IDを確認し、解決しない場合はサポートに連絡してください。';
const NP_SUPPORT = 'NPのシステムエラーです。時間をおいて再実行し、続く場合はNPサポートデスクに連絡してください。';
const PROHIBITED = '機種依存文字・絵文字・半角カナなどNPで使えない文字を全角の通常文字に置き換えてください。';

/** Request-level and id-format codes shared by every batch endpoint. */
const REQUEST_CODES: Table = {
  EPRO0101: ['有効な取引が1件も含まれていません（空の送信、または全件が不正）', '送信内容を確認してください。認証確認のための空送信ならこの応答は正常です。'],
  EPRO0102: ['1回の送信に含められる取引は1,000件までです', '1,000件以下に分けて送信してください。'],
  EPRO0105: ['NP取引IDが入力されていません', CHECK_NP_ID],
  EPRO0106: ['同じNP取引IDが1回の送信内で重複しています', '重複を除いて再送してください。'],
  EPRO0107: ['この操作の対象となるNP後払いの取引ではありません', 'NP加盟店管理画面で取引の種別を確認してください。'],
  EPRO0109: ['請求書発行日の形式が正しくありません（yyyy-MM-dd）', '請求書発行日を正しい日付で入力してください。'],
  E0100002: ['NP取引IDが半角英数字ではありません', CHECK_NP_ID],
  E0100003: ['NP取引IDが11桁ではありません', CHECK_NP_ID],
  E0100113: ['該当する取引がNPに存在しません', 'NP取引IDと接続先（テスト環境/本番環境）を確認してください。'],
};

/** Register / update field codes for the buyer (購入者). */
const CUSTOMER_CODES: Table = {
  E0100048: ['購入者氏名が入力されていません', FIX_ORDER],
  E0100049: ['購入者氏名に使用できない文字が含まれています', PROHIBITED],
  E0100050: ['購入者氏名が全角21文字を超えています', '購入者氏名を21文字以内にしてください。'],
  E0100051: ['購入者氏名（カナ）が全角25文字を超えています', 'フリガナを25文字以内にしてください。'],
  E0100052: ['購入者氏名（カナ）に使用できない文字が含まれています', PROHIBITED],
  E0100053: ['購入者の会社名が全角30文字を超えています', '会社名を30文字以内にしてください。'],
  E0100054: ['購入者の会社名に使用できない文字が含まれています', PROHIBITED],
  E0100055: ['購入者の部署名が全角30文字を超えています', '部署名を30文字以内にしてください。'],
  E0100056: ['購入者の部署名に使用できない文字が含まれています', PROHIBITED],
  E0100057: ['購入者の郵便番号が入力されていません', FIX_ORDER],
  E0100058: ['購入者の郵便番号に使用できない文字が含まれています', '郵便番号は半角数字とハイフンで入力してください。'],
  E0100136: ['購入者の郵便番号の形式が正しくありません（例: 1070052、107-0052）', '郵便番号を7桁で入力してください。'],
  E0100059: ['購入者の郵便番号と住所が一致しません', '郵便番号と住所（都道府県）を確認してください。'],
  E0100060: ['購入者の住所が入力されていません', FIX_ORDER],
  E0100061: ['購入者の住所に使用できない文字が含まれています', PROHIBITED],
  E0100062: ['購入者の住所が全角55文字を超えています', '住所を55文字以内にしてください（会社名は会社名欄へ）。'],
  E0100063: ['購入者の電話番号が入力されていません', FIX_ORDER],
  E0100064: ['購入者の電話番号に使用できない文字が含まれています', '電話番号は半角数字とハイフンで入力してください。'],
  E0100065: ['購入者の電話番号の形式が正しくありません', '電話番号を確認してください。'],
  E0100066: ['購入者の電話番号: 020/050/060/070/080/090で始まる番号は11桁です', '電話番号の桁数を確認してください。'],
  E0100067: ['購入者の電話番号: 020/050/060/070/080/090以外で始まる番号は10桁です', '電話番号の桁数を確認してください。'],
  E0100068: ['加盟店設定で必須の項目（メールアドレス）が入力されていません', '購入者のメールアドレスを入力してください。'],
  E0100069: ['購入者のメールアドレスに使用できない文字が含まれています', 'メールアドレスは半角英数字記号で入力してください。'],
  E0100070: ['購入者のメールアドレスが半角100文字を超えています', 'メールアドレスを確認してください。'],
  E0100071: ['購入者のメールアドレスの形式が正しくありません', 'メールアドレスを確認してください。'],
};

/** Register / update field codes for the ship-to (配送先), same order as the buyer's. */
const DEST_CODES: Table = {
  E0100072: ['配送先氏名が入力されていません', FIX_ORDER],
  E0100073: ['配送先氏名に使用できない文字が含まれています', PROHIBITED],
  E0100074: ['配送先氏名が全角21文字を超えています', '配送先氏名を21文字以内にしてください。'],
  E0100075: ['配送先氏名（カナ）が全角25文字を超えています', 'フリガナを25文字以内にしてください。'],
  E0100076: ['配送先氏名（カナ）に使用できない文字が含まれています', PROHIBITED],
  E0100077: ['配送先の会社名が全角30文字を超えています', '会社名を30文字以内にしてください。'],
  E0100078: ['配送先の会社名に使用できない文字が含まれています', PROHIBITED],
  E0100079: ['配送先の部署名が全角30文字を超えています', '部署名を30文字以内にしてください。'],
  E0100080: ['配送先の部署名に使用できない文字が含まれています', PROHIBITED],
  E0100081: ['配送先の郵便番号が入力されていません', FIX_ORDER],
  E0100082: ['配送先の郵便番号に使用できない文字が含まれています', '郵便番号は半角数字とハイフンで入力してください。'],
  E0100137: ['配送先の郵便番号の形式が正しくありません（例: 1070052、107-0052）', '郵便番号を7桁で入力してください。'],
  E0100083: ['配送先の郵便番号と住所が一致しません', '郵便番号と住所（都道府県）を確認してください。'],
  E0100084: ['配送先の住所が入力されていません', FIX_ORDER],
  E0100085: ['配送先の住所に使用できない文字が含まれています', PROHIBITED],
  E0100086: ['配送先の住所が全角55文字を超えています', '住所を55文字以内にしてください（会社名は会社名欄へ）。'],
  E0100087: ['配送先の電話番号が入力されていません', FIX_ORDER],
  E0100088: ['配送先の電話番号に使用できない文字が含まれています', '電話番号は半角数字とハイフンで入力してください。'],
  E0100089: ['配送先の電話番号の形式が正しくありません', '電話番号を確認してください。'],
  E0100090: ['配送先の電話番号: 020/050/060/070/080/090で始まる番号は11桁です', '電話番号の桁数を確認してください。'],
  E0100091: ['配送先の電話番号: 020/050/060/070/080/090以外で始まる番号は10桁です', '電話番号の桁数を確認してください。'],
};

/** Amount, state and operation codes (update, cancel, shipments, reregister). */
const OPERATION_CODES: Table = {
  E0102004: ['商品合計と顧客請求金額の差が3,000円を超えています', '商品・送料・手数料・値引きの合計が請求金額と合うよう修正してください。'],
  E0100114: ['取引はキャンセル済みです（NP側の期限切れ自動キャンセルを含む）', '必要なら取引登録をやり直してから出荷報告してください。'],
  E0100115: ['出荷報告済みのため、この操作はできません', '出荷報告後の変更はキャンセル（入金前のみ）か一部返品の再登録で行ってください。'],
  E0100118: ['購入者が入金済みのため、キャンセルできません', '返金はNP加盟店管理画面またはお客様と直接調整してください。'],
  E0100120: ['与信結果がOKではないため、出荷報告できません', '与信結果（審査保留・審査NG・審査中）を確認してください。審査中なら結果を待ってください。'],
  E0100121: ['NP後払いwizの請求書印字データが未取得です', 'NP加盟店管理画面で印字データを取得してから出荷報告してください。'],
  E0100131: ['加盟店への返品（戻し）後の取引のため操作できません', 'NP加盟店管理画面で取引の状況を確認してください。'],
  E0100132: ['支払方法が想定と異なる取引です', 'NP加盟店管理画面で取引の支払方法を確認してください。'],
  E0100105: ['配送業者コードが入力されていません', '配送業者を選択してください。'],
  E0100106: ['配送業者コードが数字ではありません', '配送業者を選択し直してください。'],
  E0100107: ['配送業者コードが5桁ではありません', '配送業者を選択し直してください。'],
  E0100108: ['配送業者コードがNPの配送業者マスタにありません', 'NPが対応する配送業者を選択してください。'],
  E0100109: ['配送伝票番号が入力されていません', '配送伝票番号を入力してください。'],
  E0100110: ['配送伝票番号の形式が正しくありません（半角英数字とハイフン、20文字以内）', '配送伝票番号を確認してください。'],
  E0100111: ['NP後払いwiz（同梱）では請求書発行日が必須です', '請求書発行日を入力してください。'],
  E0100143: ['NP後払い（別送）では請求書発行日を送れません', '請求書区分を確認してください（別送なら発行日は不要です）。'],
  E0100124: ['請求書発行日が印字データ作成日より前です', '請求書発行日を確認してください。'],
  E0100126: ['請求書発行日が出荷報告日から10日以内ではありません', '請求書発行日を確認してください。'],
  E0109002: ['NPシステムエラー（取引手数料）', NP_SUPPORT],
  E0109003: ['NPシステムエラー（請求書発行手数料）', NP_SUPPORT],
  E0131006: ['この取引はすでに一部返品の再登録が行われています', '再登録後の新しい取引を確認してください。'],
  E0131010: ['再登録の請求金額が元の取引の金額を超えています', '返品後の金額（元の金額以下）で再登録してください。'],
  E0131011: ['一部返品の再登録の回数上限を超えています', 'NP加盟店管理画面で対応してください。'],
};

/** Hold reasons (与信保留事由), np-api.md §7.3. */
const HOLD_CODES: Table = {
  RE001: ['購入者氏名が氏名の規則（姓名・漢字）を満たしていないか、個人名と判断できません', '購入者のフルネーム（漢字）を確認し、取引修正してください。'],
  RE002: ['購入者氏名が個人名か判断できません（外国姓、ハンドルネーム、店舗名など）', '購入者の氏名を確認し、取引修正してください。'],
  RE003: ['購入者氏名が文字化けしている可能性があります（機種依存文字など）', '氏名の文字を確認し、取引修正してください。'],
  RE004: ['購入者が法人・店舗のため担当者のフルネームが必要です', '担当者の氏名を入力し、取引修正してください。'],
  RE005: ['配送先氏名が氏名の規則（姓名・漢字）を満たしていないか、個人名と判断できません', '配送先のフルネーム（漢字）を確認し、取引修正してください。'],
  RE006: ['配送先氏名が個人名か判断できません（外国姓、ハンドルネーム、店舗名など）', '配送先の氏名を確認し、取引修正してください。'],
  RE007: ['配送先氏名が文字化けしている可能性があります（機種依存文字など）', '配送先氏名の文字を確認し、取引修正してください。'],
  RE008: ['配送先が法人・店舗のため担当者のフルネームが必要です', '配送先の担当者氏名を入力し、取引修正してください。'],
  RE009: ['購入者の住所が不完全な可能性があります（建物名・部屋番号、会社名は会社名欄へ）', '建物名・部屋番号を確認し、取引修正してください。'],
  RE010: ['購入者の住所が重複しているか曖昧です', '住所を確認し、取引修正してください。'],
  RE011: ['購入者の住所に建物名・部屋番号が不足している可能性があります（請求書が届かないおそれ）', '建物名・部屋番号を確認し、取引修正してください。'],
  RE012: ['購入者の住所に会社名・店舗名が不足している可能性があります', '会社名を会社名欄に入力し、取引修正してください。'],
  RE013: ['購入者の住所が文字化けしている可能性があります', '住所の文字を確認し、取引修正してください。'],
  RE014: ['購入者がその住所に在籍しているか確認が必要です（一時滞在先・営業所留め等は不可）', '購入者に確認し、取引修正またはキャンセルしてください。'],
  RE015: ['配送先の住所が不完全な可能性があります（建物名・部屋番号、会社名は会社名欄へ）', '配送先の建物名・部屋番号を確認し、取引修正してください。'],
  RE016: ['配送先の住所が重複しているか曖昧です', '配送先住所を確認し、取引修正してください。'],
  RE017: ['配送先の住所に建物名・部屋番号が不足している可能性があります', '配送先の建物名・部屋番号を確認し、取引修正してください。'],
  RE018: ['配送先の住所に会社名・店舗名が不足している可能性があります', '配送先の会社名を入力し、取引修正してください。'],
  RE019: ['配送先の住所が文字化けしている可能性があります', '配送先住所の文字を確認し、取引修正してください。'],
  RE020: ['配送先に購入者が在籍しているか確認が必要です（一時滞在先・営業所留め等は不可）', '購入者に確認し、取引修正またはキャンセルしてください。'],
  RE021: ['購入者の電話番号がNPの確認で不備と判定されました', '購入者の電話番号を確認し、取引修正してください。'],
  RE022: ['購入者の固定電話番号の確認が必要です', '携帯電話番号など連絡のつく番号を確認し、取引修正してください。'],
  RE023: ['配送先の電話番号がNPの確認で不備と判定されました', '配送先の電話番号を確認し、取引修正してください。'],
  RE024: ['インターネット注文では購入者のメールアドレスが必要です', 'メールアドレスを入力し、取引修正してください。'],
  RE025: ['購入者情報に加盟店自身のメールアドレスまたは無効なアドレスが含まれています', 'メールアドレスを確認し、取引修正してください。'],
  RE026: ['NP後払いを利用できない取引です（私書箱、社内取引、未審査サイト、送料・手数料のみ、禁止商材、テスト注文など）', '取引をキャンセルし、別の支払方法を案内してください。'],
  RE027: ['過去の取引に類似の情報がすでに存在します', '重複注文でないか確認してください。'],
  RE028: ['NPから購入者に電話で連絡がつきませんでした', '購入者に連絡し、取引修正またはキャンセルしてください。'],
  RE029: ['詳細審査が必要です。翌営業日18時までに結果が出ます', '結果が出るまで出荷しないでください。'],
  RE031: ['電話番号が加盟店または関係者のものと思われます', '購入者本人の電話番号を確認し、取引修正してください。'],
};

/**
 * Hold reasons that can be settled outside the order's data: NP phones the buyer or confirms presence, or the
 * address already holds the building and room. When every reason of a hold is one of these, staff can ask NP to
 * review again with a 取引修正 of unchanged data (再審査).
 */
export const HOLD_SETTLED_OUTSIDE_DATA: ReadonlySet<string> = new Set([
  'RE009', 'RE011', 'RE014', 'RE015', 'RE017', 'RE020', 'RE021', 'RE022', 'RE023', 'RE027', 'RE028',
]);

/** NG reasons (与信NG事由), np-api.md §7.2. */
const NG_CODES: Table = {
  NG001: ['利用上限金額超過（購入者の未払い残高の合計が上限を超えています）', 'NP後払いは利用できません。別の支払方法を案内してください。'],
  NG002: ['情報不備の可能性があります', '購入者情報を確認し、誤りがあれば取引修正してください。'],
  NG999: ['その他の理由によりNP後払いを利用できません', '別の支払方法を案内してください。'],
};

/**
 * The sandbox's own codes for checks NP surely makes but whose code is not public (np-api.md §15).
 * They never come from the real NP; the shared validation uses them so that client and sandbox agree.
 */
const SANDBOX_CODES: Table = {
  SBX0001: ['加盟店取引IDが入力されていません（サンドボックス独自コード）', 'アプリの不具合の可能性があります。サポートに連絡してください。'],
  SBX0002: ['加盟店取引IDが40文字を超えているか、使用できない文字を含みます（サンドボックス独自コード）', '注文番号を確認してください。'],
  SBX0003: ['加盟店注文日が入力されていないか、形式（yyyy-MM-dd）が正しくありません（サンドボックス独自コード）', '受注日を確認してください。'],
  SBX0004: ['決済種別（settlement_type）が02/03ではありません（サンドボックス独自コード）', '請求書区分を確認してください。'],
  SBX0005: ['顧客請求金額が正の整数ではありません（サンドボックス独自コード）', '購入金額を確認してください。'],
  SBX0006: ['商品明細がありません（サンドボックス独自コード）', '商品を1件以上登録してください。'],
  SBX0007: ['商品名が入力されていないか、150文字を超えているか、使用できない文字を含みます（サンドボックス独自コード）', '商品名を確認してください。'],
  SBX0008: ['商品単価が整数ではありません（サンドボックス独自コード）', '商品の単価を確認してください。'],
  SBX0009: ['商品数量が1以上の整数ではありません（サンドボックス独自コード）', '商品の数量を確認してください。'],
  SBX0010: ['サイト名・サイトURLが長すぎるか、使用できない文字を含みます（サンドボックス独自コード）', '設定のサイト名・URLを確認してください。'],
  SBX0011: ['再登録の元取引が出荷報告済み・キャンセル済みではありません（サンドボックス独自コード）', '元の取引をキャンセルしてから再登録してください。'],
  SBX0012: ['再登録は出荷報告の翌日以降にしかできません（サンドボックス独自コード）', '翌日以降に再登録してください。'],
  SBX0013: ['同じ加盟店取引IDの有効な取引がすでにあります（サンドボックスの厳格モード）', '既存の取引を確認するか、キャンセルしてから登録してください。'],
};

/** The app's own codes, used when NP gave no code. */
const LOCAL_CODES: Table = {
  LOCAL_AMBIGUOUS_REGISTER: [
    '登録要求がNPに届いたか不明です（応答を受け取れませんでした）',
    'NP加盟店管理画面で取引を確認し、取引IDを紐付けるか、再度取引登録してください',
  ],
  LOCAL_AMBIGUOUS: ['要求がNPに届いたか不明です（応答を受け取れませんでした）', 'NPの状態を確認してから再実行してください。'],
  LOCAL_NETWORK: ['NPに接続できませんでした（ネットワークエラー）', 'ネットワーク接続を確認し、しばらくしてから再実行してください。'],
  LOCAL_TIMEOUT: ['NPからの応答が時間内にありませんでした（タイムアウト）', 'しばらくしてから再実行してください。'],
  LOCAL_AUTH: ['NPの認証に失敗しました（加盟店コードまたはSPコードが正しくありません）', '設定画面で加盟店コード・SPコードを確認してください。'],
  LOCAL_FORBIDDEN: ['NPへのアクセスが拒否されました（端末IDが正しくない可能性があります）', '設定画面で端末IDと接続先を確認してください。'],
  LOCAL_SERVER: ['NPのサーバーでエラーが発生しました（メンテナンス中の可能性があります）', 'しばらくしてから再実行してください。'],
  LOCAL_BAD_RESPONSE: ['NPからの応答を解釈できませんでした', 'しばらくしてから再実行し、続く場合はサポートに連絡してください。'],
};

const ALL: Table = {
  ...REQUEST_CODES,
  ...CUSTOMER_CODES,
  ...DEST_CODES,
  ...OPERATION_CODES,
  ...HOLD_CODES,
  ...NG_CODES,
  ...SANDBOX_CODES,
  ...LOCAL_CODES,
};

/** Every code this table knows. */
export const KNOWN_NP_CODES: readonly string[] = Object.keys(ALL);
export const HOLD_REASON_CODES: readonly string[] = Object.keys(HOLD_CODES);
export const NG_REASON_CODES: readonly string[] = Object.keys(NG_CODES);

/** The app's local codes by name, so callers do not type strings. */
export const LOCAL = {
  AMBIGUOUS_REGISTER: 'LOCAL_AMBIGUOUS_REGISTER',
  AMBIGUOUS: 'LOCAL_AMBIGUOUS',
  NETWORK: 'LOCAL_NETWORK',
  TIMEOUT: 'LOCAL_TIMEOUT',
  AUTH: 'LOCAL_AUTH',
  FORBIDDEN: 'LOCAL_FORBIDDEN',
  SERVER: 'LOCAL_SERVER',
  BAD_RESPONSE: 'LOCAL_BAD_RESPONSE',
} as const;
export type LocalCode = (typeof LOCAL)[keyof typeof LOCAL];

/** authori_result labels (np-api.md §7.1), matching the NP status labels of shared/np/status.ts. */
export const AUTHORI_RESULT_LABELS: Record<string, string> = {
  '00': '審査OK',
  '10': '審査保留',
  '20': '審査NG',
  '40': '与信審査中',
  '50': '与信審査中',
};

/** payment_status labels (np-api.md §7.4). */
export const PAYMENT_STATUS_LABELS: Record<string, string> = {
  '10': '未入金',
  '20': '入金済み',
  '30': '入金状況非開示',
};

/** The app's own codes (LOCAL_*) are for logs and tests: screens show their meaning, never the code. */
export function isAppCode(code: string): boolean {
  return code.startsWith('LOCAL_');
}

/** Meaning and next step for any code; unknown codes get a generic text (never throws). */
export function describeNpCode(code: string): NpCodeInfo {
  const key = String(code ?? '').trim();
  const hit = Object.prototype.hasOwnProperty.call(ALL, key) ? ALL[key] : undefined;
  if (hit) return { code: key, meaning: hit[0], action: hit[1] };
  const kind = key.startsWith('RE')
    ? '与信保留'
    : key.startsWith('NG')
      ? '与信NG'
      : 'エラー';
  return {
    code: key,
    meaning: `NPから未知の${kind}コード「${key}」が返されました`,
    action: 'NP加盟店管理画面で取引を確認し、不明な場合はNPサポートデスクに問い合わせてください。',
  };
}

// ---------------------------------------------------------------------------------------------------------
// The registry beyond meaning and action: which order field a code is about (the edit dialog's highlights),
// what a code tells about the transaction (apply.ts records it even when the action failed), the codes the
// shared validation and the sandbox give, and which holds can be settled outside the data.

/** Codes the app acts on by name. */
export const NP_CODE = {
  NOT_FOUND: 'E0100113',
  CANCELLED: 'E0100114',
  SHIPPED: 'E0100115',
  PAID: 'E0100118',
} as const;

/** What an error code tells about the transaction at NP, whatever the action was. */
export type NpCodeFact = 'unknown_transaction' | 'cancelled' | 'shipped' | 'paid';
export const NP_CODE_FACTS: Readonly<Record<string, NpCodeFact>> = {
  [NP_CODE.NOT_FOUND]: 'unknown_transaction',
  [NP_CODE.CANCELLED]: 'cancelled',
  [NP_CODE.SHIPPED]: 'shipped',
  [NP_CODE.PAID]: 'paid',
};

/** The facts a list of codes states. */
export function npCodeFacts(codes: readonly string[]): Set<NpCodeFact> {
  return new Set(codes.map((c) => NP_CODE_FACTS[c]).filter((f): f is NpCodeFact => f !== undefined));
}

/** The codes of one person block: the buyer's (E0100048…) or the ship-to's (E0100072…). */
export interface PersonCodes {
  nameRequired: string;
  nameChars: string;
  nameLength: string;
  kanaLength: string;
  kanaChars: string;
  companyLength: string;
  companyChars: string;
  departmentLength: string;
  departmentChars: string;
  zipRequired: string;
  zipChars: string;
  zipFormat: string;
  zipMismatch: string;
  addressRequired: string;
  addressChars: string;
  addressLength: string;
  telRequired: string;
  telChars: string;
  telFormat: string;
  tel11: string;
  tel10: string;
}

export const NP_PERSON_CODES: { customer: PersonCodes; dest: PersonCodes } = {
  customer: {
    nameRequired: 'E0100048',
    nameChars: 'E0100049',
    nameLength: 'E0100050',
    kanaLength: 'E0100051',
    kanaChars: 'E0100052',
    companyLength: 'E0100053',
    companyChars: 'E0100054',
    departmentLength: 'E0100055',
    departmentChars: 'E0100056',
    zipRequired: 'E0100057',
    zipChars: 'E0100058',
    zipFormat: 'E0100136',
    zipMismatch: 'E0100059',
    addressRequired: 'E0100060',
    addressChars: 'E0100061',
    addressLength: 'E0100062',
    telRequired: 'E0100063',
    telChars: 'E0100064',
    telFormat: 'E0100065',
    tel11: 'E0100066',
    tel10: 'E0100067',
  },
  dest: {
    nameRequired: 'E0100072',
    nameChars: 'E0100073',
    nameLength: 'E0100074',
    kanaLength: 'E0100075',
    kanaChars: 'E0100076',
    companyLength: 'E0100077',
    companyChars: 'E0100078',
    departmentLength: 'E0100079',
    departmentChars: 'E0100080',
    zipRequired: 'E0100081',
    zipChars: 'E0100082',
    zipFormat: 'E0100137',
    zipMismatch: 'E0100083',
    addressRequired: 'E0100084',
    addressChars: 'E0100085',
    addressLength: 'E0100086',
    telRequired: 'E0100087',
    telChars: 'E0100088',
    telFormat: 'E0100089',
    tel11: 'E0100090',
    tel10: 'E0100091',
  },
};

export const NP_EMAIL_CODES = { required: 'E0100068', chars: 'E0100069', length: 'E0100070', format: 'E0100071' } as const;

/** The order form's field of a person check: nameLength → name, zipMismatch → zip … */
const PERSON_FIELD: Record<keyof PersonCodes, string> = {
  nameRequired: 'name',
  nameChars: 'name',
  nameLength: 'name',
  kanaLength: 'kana',
  kanaChars: 'kana',
  companyLength: 'companyName',
  companyChars: 'companyName',
  departmentLength: 'departmentName',
  departmentChars: 'departmentName',
  zipRequired: 'zip',
  zipChars: 'zip',
  zipFormat: 'zip',
  zipMismatch: 'zip',
  addressRequired: 'address',
  addressChars: 'address',
  addressLength: 'address',
  telRequired: 'tel',
  telChars: 'tel',
  telFormat: 'tel',
  tel11: 'tel',
  tel10: 'tel',
};

/** Code → the order form's field path (customer.name, shipTo.tel, lines …). */
const FIELD_OF_CODE: ReadonlyMap<string, string> = new Map<string, string>([
  ['SBX0001', 'orderNo'],
  ['SBX0002', 'orderNo'],
  ['SBX0003', 'orderedAt'],
  ['SBX0005', 'lines'],
  ['SBX0006', 'lines'],
  ['SBX0007', 'lines'],
  ['SBX0008', 'lines'],
  ['SBX0009', 'lines'],
  ['E0102004', 'lines'],
  ...Object.values(NP_EMAIL_CODES).map((c): [string, string] => [c, 'customer.email']),
  ...(Object.entries(PERSON_FIELD) as [keyof PersonCodes, string][]).flatMap(([check, field]): [string, string][] => [
    [NP_PERSON_CODES.customer[check], `customer.${field}`],
    [NP_PERSON_CODES.dest[check], `shipTo.${field}`],
  ]),
]);

/** The order field an NP code is about, or null for codes about the whole order or the transaction. */
export function fieldOfNpCode(code: string): string | null {
  return FIELD_OF_CODE.get(code) ?? null;
}
