# search

## The search page

search-title = 検索
search-submit = 検索
search-no-jira = アクセスを許可したサイトに Jira がないため、検索できるものはまだありません。
search-key-missing = { $key } はどのサイトにもないか、アクセス権がありません。代わりに { $key } に言及している課題を表示しています。
search-key-missing-unanswered = { $key } は応答したサイトでは見つからず、応答しなかったサイトもあります。代わりに { $key } に言及している課題を表示しています。
search-more-results-from = { $site } のその他の結果です。
search-back-to-all = すべてのサイトに戻る
search-order-merged = すべてのサイトの結果を新しい順に表示しています（全サイトの応答後）。
search-order-to-grouped = サイトごとに表示（応答順）
search-order-grouped = サイトごとに表示しています（応答順）。
search-order-to-merged = すべてのサイトの結果を新しい順に表示
search-basic = 基本検索
search-advanced = 詳細検索（JQL）
search-refused-on = { $site }：{ $error }
search-form-label = サイトを検索
search-jql-label = JQL
search-jql-hint = 例：{ $example }
search-filters = フィルター
search-project = プロジェクト
search-project-placeholder = キーまたは名前
search-status = ステータス
search-people = 関係者
search-updated = 更新日
search-any = 指定なし
search-status-todo = 未着手
search-status-progress = 進行中
search-status-done = 完了
search-who-me = 自分が担当
search-who-reporter = 自分が報告
search-who-unassigned = 未割り当て
search-within-day = 過去 1 日
search-within-week = 過去 1 週間
search-within-month = 過去 30 日
search-problem-empty = 検索するには、キーワードを入力するか、フィルターを選択してください。
search-problem-too-long = 検索できる長さ（{ $max } 文字）を超えています。

## Results

search-all-sites = すべてのサイト
search-results-count = { $count ->
    [0] 結果なし
   *[other] { $count } 件
}
search-results-shown-more = { $count } 件を表示中（さらにあります）
search-not-searched = 未検索
search-nothing-on = { $site } には、この検索に一致するものはありません。
search-refused-see-above = Jira は { $site } でこのクエリを実行できませんでした（上記を参照）。
search-site-error = { $site }：{ $error }
search-unassigned = 未割り当て
search-updated-when = 更新：{ $when }
search-more-from = { $site } のその他の結果

## The search box and its suggestions

search-box-label = キーワード、課題キー、またはリンク
search-box-placeholder = チェックアウト タイムアウト
search-box-hint = すべてのサイトの要約、説明、コメントを検索します。語句を完全一致で探すには "このように" 引用符で囲み、前方一致で探すには語の末尾に * を付けます。
search-suggestions-label = 課題の候補
search-suggestions-count = { $count ->
    [1] 「{ $text }」の候補が 1 件あります。下矢印キーで選択できます。
   *[other] 「{ $text }」の候補が { $count } 件あります。上下の矢印キーで選択できます。
}

## The issue lookup form

lookup-title = 課題を開く
lookup-no-jira = アクセスを許可したサイトに Jira がないため、開ける課題はまだありません。
lookup-site = サイト
lookup-all-sites = すべてのサイト
lookup-key = 課題キーまたはリンク
lookup-hint = ABC-123 のようなキーや、候補から選ぶための要約の語句を入力するか、https://your-site.atlassian.net/browse/ABC-123 のようなリンクを貼り付けてください。
lookup-submit = 課題を開く
lookup-opening = 開いています…
lookup-empty = ABC-123 のような課題キーを入力するか、課題へのリンクを貼り付けてください。
lookup-not-a-key = 「{ $input }」は課題キーではありません。課題キーは ABC-123 のような形式です。
lookup-site-not-granted = { $host } は、アクセスを許可したサイトではありません。
lookup-choose-site = サイトを選択してください。
lookup-missing-all = { $key } はどのサイトにもないか、アクセス権がありません。
lookup-missing-some = { $key } は応答したサイトでは見つからず、応答しなかったサイトもあります。しばらくしてからもう一度お試しください。
