### すべてのページの枠、サインインページ、エラーページ。

## 枠

skip-to-content = 本文へスキップ
sandbox-notice-label = サンドボックス
sandbox-notice = — このアプリは Atlassian ではなく、組み込みの Atlassian 代替環境と通信しています。
nav-label = メイン
nav-dashboard = ダッシュボード
nav-search = 検索
sign-out = サインアウト
signing-out = サインアウトしています…
footer-note = Atlassian の公式 API を通じた Jira への読み取り専用アクセスです。
language-label = 言語
language-apply = 変更
loading = 読み込んでいます…

## サインインページ

login-title = サインイン
login-heading = あなたの Jira へ、サインインひとつで
login-lede = Atlassian アカウントでサインインすると、利用中のすべてのサイトを確認し、どの課題でも開けます。Atlassian に求めるのは読み取りアクセスだけです。
login-fact-tokens = トークンはサーバーに保管され、ブラウザーが持つのはセッション Cookie だけです。
login-fact-sites = 最初のサイトだけでなく、許可したすべてのサイトが表示されます。
login-fact-sign-out = いつでもサインアウトでき、セッションはサーバー上で削除されます。
sign-in-with-atlassian = Atlassian でサインイン
redirecting-to-atlassian = Atlassian に移動しています…

## エラーページ

error-request-id = 問題を報告する際は、この ID をお知らせください：
error-try-again = もう一度試す
error-go-to-dashboard = ダッシュボードへ

error-not-signed-in-title = 続けるにはサインインしてください
error-not-signed-in = サインインしていません。
error-connection-expired-title = 接続の有効期限切れ
error-connection-expired = Atlassian との接続の有効期限が切れました。もう一度サインインしてください。
error-missing-scopes-title = 権限が必要です
error-missing-scopes = { $count ->
    [0] Atlassian によると、このアプリに必要な権限がありません。もう一度接続して権限を付与してください。
   *[other] このアプリには、まだ付与されていない権限が必要です：{ $scopes }。もう一度接続して付与してください。
}
error-invalid-state-title = サインインが完了しませんでした
error-invalid-state = このサインインリンクはこのブラウザーでは無効か、すでに使用されています。サインインページからやり直してください。
error-missing-code-title = サインインが完了しませんでした
error-missing-code = Atlassian から認可コードなしで戻されました。サインインページからやり直してください。
error-access-denied-title = アクセスが許可されませんでした
error-access-denied = アクセスが許可されなかったため、Jira サイトを表示できません。いつでもやり直せます。
error-authorization-failed-title = サインインが完了しませんでした
error-authorization-failed = Atlassian はサインインを完了できませんでした：{ $detail }
error-authorization-failed-no-reason-title = サインインが完了しませんでした
error-authorization-failed-no-reason = Atlassian はサインインを完了できませんでした。理由は示されていません。
error-code-not-accepted-title = サインインが完了しませんでした
error-code-not-accepted = Atlassian はサインインを完了できませんでした。認可コードが受け付けられませんでした（有効期限切れの可能性があります）。もう一度サインインしてください。
error-invalid-issue-key-title = 課題キーではありません
error-invalid-issue-key = 「{ $text }」は課題キーではありません。課題キーは ABC-123 のような形式です。
error-site-not-granted-title = サイトを利用できません
error-site-not-granted = そのサイトは、アクセスを許可したサイトに含まれていません。
error-issue-not-found-title = 課題が見つかりません
error-issue-not-found = { $key } が見つからないか、アクセス権がありません。
error-forbidden-title = 権限がありません
error-forbidden = Jira によると、これを表示する権限がありません。
error-rate-limited-title = リクエストが多すぎます
error-rate-limited = Jira は現在リクエストを制限しています。{ $seconds } 秒後にもう一度お試しください。
error-quota-spent-title = Jira の利用枠を使い切りました
error-quota-spent = { $site } でのこのアプリの 1 時間あたりの Jira 利用枠を使い切りました。{ $time } にリセットされます。
error-upstream-failed-title = Atlassian が応答していません
error-upstream-failed = Atlassian がエラーを返しました。しばらくしてからもう一度お試しください。
error-upstream-unavailable-title = Atlassian が応答していません
error-upstream-unavailable = 現在 Atlassian に接続できません。しばらくしてからもう一度お試しください。
error-upstream-timeout-title = Atlassian が応答していません
error-upstream-timeout = Atlassian の応答に時間がかかりすぎました。しばらくしてからもう一度お試しください。
error-session-unavailable-title = サインインを利用できません
error-session-unavailable = サインインは一時的に利用できません。しばらくしてからもう一度お試しください。
error-cross-site-request-title = リクエストが拒否されました
error-cross-site-request = このリクエストは別のウェブサイトから送られたため拒否されました。このアプリを開いて、ここからもう一度お試しください。
error-page-not-found-title = ページが見つかりません
error-page-not-found = このアドレスにはページがありません。
error-internal-title = 問題が発生しました
error-internal = こちら側で問題が発生しました。もう一度お試しいただき、繰り返し起こる場合はお知らせください。
error-renewal-pending-title = 接続中です
error-renewal-pending = Atlassian との接続を別のリクエストが更新中で、時間がかかっています。しばらくしてからもう一度お試しください。
error-upstream-too-large-title = 応答が大きすぎます
error-upstream-too-large = Atlassian の応答がこのアプリの受け付ける大きさを超えたため、表示しませんでした。もう一度お試しください。繰り返し起こる場合はお知らせください。
error-file-too-large-title = ファイルが大きすぎてここでは開けません
error-file-too-large = このファイルは { $size } MB です。ここで開けるのは { $limit } MB までのファイルです。代わりに Jira で開いてください。
error-search-refused-title = 検索できません
error-search-refused = { $count ->
    [0] Jira はこの検索を実行できませんでした。
   *[other] Jira はこの検索を実行できませんでした：{ $details }
}
error-invalid-request-title = 不正なリクエスト
error-invalid-request = このリクエストには不足している項目か、読み取れない値があります。
error-server-fn-title = 問題が発生しました
error-server-fn = サーバーに接続できませんでした。接続を確認して、もう一度お試しください。

## サーバーがほかのメッセージに入れる語

profile-name-unknown = Atlassian ユーザー
error-this-site = このサイト
