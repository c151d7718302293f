/** Japanese explanations of why NP could not be reached or refused the credentials (never the credentials). */
import { NpClientError } from '../np/client';

export function describeConnectionFailure(e: unknown): string {
  if (!(e instanceof NpClientError)) return 'NPに接続できませんでした。';
  switch (e.kind) {
    case 'auth':
      return 'NPが接続情報を受け付けませんでした（401）。加盟店コードとSPコードを確認してください。';
    case 'forbidden':
      return 'NPが端末IDを受け付けませんでした（403）。端末IDを確認してください。';
    case 'timeout':
      return 'NPからの応答がありませんでした（タイムアウト）。時間をおいて再度お試しください。';
    case 'network':
      return 'NPに接続できません。ネットワーク接続を確認してください。';
    case 'server':
      return 'NPのサーバーでエラーが発生しました。時間をおいて再度お試しください。';
    default:
      return `NPへの接続を確認できませんでした（${e.kind}）。`;
  }
}
