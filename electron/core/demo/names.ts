/** Common Japanese surnames and given names with their readings (カタカナ) and romaji (for demo emails). */

/** [漢字, フリガナ, romaji] */
export type NameEntry = readonly [kanji: string, kana: string, romaji: string];

export const SURNAMES: readonly NameEntry[] = [
  ['佐藤', 'サトウ', 'sato'], ['鈴木', 'スズキ', 'suzuki'], ['高橋', 'タカハシ', 'takahashi'], ['田中', 'タナカ', 'tanaka'],
  ['伊藤', 'イトウ', 'ito'], ['渡辺', 'ワタナベ', 'watanabe'], ['山本', 'ヤマモト', 'yamamoto'], ['中村', 'ナカムラ', 'nakamura'],
  ['小林', 'コバヤシ', 'kobayashi'], ['加藤', 'カトウ', 'kato'], ['吉田', 'ヨシダ', 'yoshida'], ['山田', 'ヤマダ', 'yamada'],
  ['佐々木', 'ササキ', 'sasaki'], ['山口', 'ヤマグチ', 'yamaguchi'], ['松本', 'マツモト', 'matsumoto'], ['井上', 'イノウエ', 'inoue'],
  ['木村', 'キムラ', 'kimura'], ['林', 'ハヤシ', 'hayashi'], ['斎藤', 'サイトウ', 'saito'], ['清水', 'シミズ', 'shimizu'],
  ['山崎', 'ヤマザキ', 'yamazaki'], ['森', 'モリ', 'mori'], ['池田', 'イケダ', 'ikeda'], ['橋本', 'ハシモト', 'hashimoto'],
  ['阿部', 'アベ', 'abe'], ['石川', 'イシカワ', 'ishikawa'], ['山下', 'ヤマシタ', 'yamashita'], ['中島', 'ナカジマ', 'nakajima'],
  ['石井', 'イシイ', 'ishii'], ['小川', 'オガワ', 'ogawa'], ['前田', 'マエダ', 'maeda'], ['岡田', 'オカダ', 'okada'],
  ['長谷川', 'ハセガワ', 'hasegawa'], ['藤田', 'フジタ', 'fujita'], ['後藤', 'ゴトウ', 'goto'], ['近藤', 'コンドウ', 'kondo'],
  ['村上', 'ムラカミ', 'murakami'], ['遠藤', 'エンドウ', 'endo'], ['青木', 'アオキ', 'aoki'], ['坂本', 'サカモト', 'sakamoto'],
  ['斉藤', 'サイトウ', 'saito'], ['福田', 'フクダ', 'fukuda'], ['太田', 'オオタ', 'ota'], ['西村', 'ニシムラ', 'nishimura'],
  ['藤井', 'フジイ', 'fujii'], ['金子', 'カネコ', 'kaneko'], ['岡本', 'オカモト', 'okamoto'], ['藤原', 'フジワラ', 'fujiwara'],
  ['中野', 'ナカノ', 'nakano'], ['三浦', 'ミウラ', 'miura'], ['原田', 'ハラダ', 'harada'], ['中川', 'ナカガワ', 'nakagawa'],
  ['松田', 'マツダ', 'matsuda'], ['竹内', 'タケウチ', 'takeuchi'], ['小野', 'オノ', 'ono'], ['田村', 'タムラ', 'tamura'],
  ['中山', 'ナカヤマ', 'nakayama'], ['和田', 'ワダ', 'wada'], ['石田', 'イシダ', 'ishida'], ['森田', 'モリタ', 'morita'],
  ['上田', 'ウエダ', 'ueda'], ['原', 'ハラ', 'hara'], ['内田', 'ウチダ', 'uchida'], ['柴田', 'シバタ', 'shibata'],
  ['酒井', 'サカイ', 'sakai'], ['宮崎', 'ミヤザキ', 'miyazaki'], ['横山', 'ヨコヤマ', 'yokoyama'], ['高木', 'タカギ', 'takagi'],
  ['安藤', 'アンドウ', 'ando'], ['宮本', 'ミヤモト', 'miyamoto'], ['大野', 'オオノ', 'ono'], ['小島', 'コジマ', 'kojima'],
  ['髙橋', 'タカハシ', 'takahashi'], ['渡邊', 'ワタナベ', 'watanabe'], ['齋藤', 'サイトウ', 'saito'], ['東海林', 'ショウジ', 'shoji'],
];

export const MALE_GIVEN_NAMES: readonly NameEntry[] = [
  ['太郎', 'タロウ', 'taro'], ['一郎', 'イチロウ', 'ichiro'], ['健太', 'ケンタ', 'kenta'], ['翔太', 'ショウタ', 'shota'],
  ['大輔', 'ダイスケ', 'daisuke'], ['拓也', 'タクヤ', 'takuya'], ['直樹', 'ナオキ', 'naoki'], ['和也', 'カズヤ', 'kazuya'],
  ['隆', 'タカシ', 'takashi'], ['誠', 'マコト', 'makoto'], ['浩二', 'コウジ', 'koji'], ['修', 'オサム', 'osamu'],
  ['蓮', 'レン', 'ren'], ['湊', 'ミナト', 'minato'], ['陽翔', 'ハルト', 'haruto'], ['悠真', 'ユウマ', 'yuma'],
  ['大翔', 'ヒロト', 'hiroto'], ['颯太', 'ソウタ', 'sota'], ['雄一', 'ユウイチ', 'yuichi'], ['剛', 'ツヨシ', 'tsuyoshi'],
  ['明', 'アキラ', 'akira'], ['博', 'ヒロシ', 'hiroshi'], ['正人', 'マサト', 'masato'], ['智也', 'トモヤ', 'tomoya'],
  ['亮', 'リョウ', 'ryo'], ['潤', 'ジュン', 'jun'], ['聡', 'サトシ', 'satoshi'], ['勇気', 'ユウキ', 'yuki'],
];

export const FEMALE_GIVEN_NAMES: readonly NameEntry[] = [
  ['花子', 'ハナコ', 'hanako'], ['陽子', 'ヨウコ', 'yoko'], ['恵子', 'ケイコ', 'keiko'], ['由美', 'ユミ', 'yumi'],
  ['美咲', 'ミサキ', 'misaki'], ['彩', 'アヤ', 'aya'], ['愛', 'アイ', 'ai'], ['結衣', 'ユイ', 'yui'],
  ['さくら', 'サクラ', 'sakura'], ['陽菜', 'ヒナ', 'hina'], ['凛', 'リン', 'rin'], ['芽依', 'メイ', 'mei'],
  ['真由美', 'マユミ', 'mayumi'], ['裕子', 'ユウコ', 'yuko'], ['智子', 'トモコ', 'tomoko'], ['直美', 'ナオミ', 'naomi'],
  ['久美子', 'クミコ', 'kumiko'], ['明美', 'アケミ', 'akemi'], ['香織', 'カオリ', 'kaori'], ['麻衣', 'マイ', 'mai'],
  ['葵', 'アオイ', 'aoi'], ['紬', 'ツムギ', 'tsumugi'], ['千尋', 'チヒロ', 'chihiro'], ['舞', 'マイ', 'mai'],
  ['美穂', 'ミホ', 'miho'], ['静香', 'シズカ', 'shizuka'], ['のぞみ', 'ノゾミ', 'nozomi'], ['まゆ', 'マユ', 'mayu'],
];

/** Company names for B2B orders (with a reading), and departments. */
export const COMPANIES: readonly NameEntry[] = [
  ['株式会社サンプル商事', 'カブシキガイシャサンプルショウジ', 'sample-shoji'],
  ['有限会社みどり園', 'ユウゲンガイシャミドリエン', 'midorien'],
  ['合同会社ひかりデザイン', 'ゴウドウガイシャヒカリデザイン', 'hikari-design'],
  ['株式会社東日本フーズ', 'カブシキガイシャヒガシニホンフーズ', 'higashinihon-foods'],
  ['医療法人さくら会', 'イリョウホウジンサクラカイ', 'sakurakai'],
  ['株式会社テスト工業', 'カブシキガイシャテストコウギョウ', 'test-kogyo'],
];
export const DEPARTMENTS: readonly string[] = ['総務部', '経理部', '営業部', '購買課', '人事部', '事務局'];
