# dashboard

assigned-on = { $site } であなたに割り当て済み

## ページ

dashboard-title = ダッシュボード
dashboard-loading-sites = サイトを読み込んでいます…
dashboard-dates-in = 日時の表示：{ $zone }
dashboard-account-status = Atlassian アカウント：{ $status }
dashboard-email-hidden = Atlassian のプライバシー設定により、メールアドレスは非表示です
dashboard-refresh = 更新
dashboard-your-sites = あなたのサイト
dashboard-sites-count = { $count ->
    [0] 許可したサイトはありません
   *[other] { $count } 件のサイト
}
dashboard-no-sites = どのサイトへのアクセスも許可されていません。サインアウトしてからもう一度サインインし、サイトを選択してください。
dashboard-recently-viewed = 最近表示した課題
dashboard-connect-again = 再接続
dashboard-grant-lifetime = { $since } から Atlassian に接続しています。{ $by } までに、Atlassian から再接続を求められます。

## サイトのカード

dashboard-other-product = その他の製品
dashboard-cloud-id = クラウド ID
dashboard-default-site = デフォルトのサイト
dashboard-make-default = { $site } をデフォルトにする

## サイトであなたに割り当てられた課題

dashboard-assigned-title = あなたに割り当て済み
dashboard-assigned-no-script = あなたに割り当てられた課題をここに表示するには、JavaScript を有効にしてください。
dashboard-assigned-on-request = { $site } でのこのアプリの 1 時間あたりの Jira 利用枠を節約するため、この一覧は表示を求めたときに読み込みます。
dashboard-assigned-show = 表示する
dashboard-assigned-show-label = { $site } であなたに割り当てられた課題を表示する
dashboard-assigned-loading = あなたに割り当てられた課題を読み込んでいます…
dashboard-assigned-none = ここであなたに割り当てられている未完了の課題はありません。
dashboard-assigned-try-again = もう一度試す
dashboard-assigned-refresh-label = { $site } であなたに割り当てられた課題を更新する
dashboard-assigned-as-of = { $at } 時点の情報です。
dashboard-assigned-copy-from = { $at } 時点の保存済みのコピーを表示しています。
dashboard-assigned-more = さらに表示
dashboard-assigned-loading-more = 読み込んでいます…

## アプリが Jira の利用枠を節約している間、一覧がコピーである理由

dashboard-spare-duration = { $unit ->
    [minutes] { $count } 分
   *[seconds] { $count } 秒
}
dashboard-spare-near-limit = { $site } でのこのアプリの 1 時間あたりの Jira 利用枠がまもなく上限に達するため、この一覧を最大 { $duration }のあいだ再表示します。
dashboard-spare-busy = この 1 時間、{ $site } でこのアプリを使う人が多いため、Jira の利用枠を節約するよう、この一覧を最大 { $duration }のあいだ再表示します。
