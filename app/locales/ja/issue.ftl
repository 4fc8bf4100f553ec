# issue


## The page

issue-loading = 課題を読み込んでいます…
issue-title = { $key }: { $summary }
issue-breadcrumb = パンくずリスト
issue-breadcrumb-dashboard = ダッシュボード
issue-as-of = { $at } 時点の保存済みのコピーを表示しています。
issue-refresh = 更新

## Fields

issue-assignee = 担当者
issue-reporter = 報告者
issue-unassigned = 未割り当て
issue-priority = 優先度
issue-priority-none = なし
issue-site = サイト
issue-labels = ラベル
issue-components = コンポーネント
issue-fix-versions = 修正バージョン
issue-created = 作成日
issue-updated = 更新日
issue-resolved = 解決日
issue-list-separator = {"、"}

## Sections

issue-description = 説明
issue-no-description = 説明はありません。
issue-related = 関連する課題
issue-attachments = 添付ファイル
issue-attachment-by = { $author }、{ $date }
issue-open-in-jira = Jira で開く

## Files

issue-file-size-bytes = { $size } B
issue-file-size-kb = { $size } KB
issue-file-size-mb = { $size } MB
issue-file-kind-unknown = ファイル

## Comments

issue-comments = コメント
issue-comments-loading = コメントを読み込んでいます…
issue-comments-failed = コメントを読み込めませんでした：{ $error }
issue-comments-none = まだコメントはありません。
issue-comments-order = コメントの並び順
issue-comments-newest-first = 新しい順
issue-comments-oldest-first = 古い順
issue-comments-range = { $total } 件中 { $first }–{ $last } 件
issue-comments-pages = コメントのページ
issue-comments-newer = より新しいコメント
issue-comments-earlier = 以前のコメント
issue-comments-older = より古いコメント
issue-comments-later = 以降のコメント

## Descriptions and comments: what the app writes around Jira's text

issue-adf-panel-info = 情報
issue-adf-panel-note = メモ
issue-adf-panel-tip = ヒント
issue-adf-panel-warning = 警告
issue-adf-panel-error = エラー
issue-adf-panel-success = 成功
issue-adf-panel-custom = パネル
issue-adf-expand = 詳細
issue-adf-task-done = 完了：
issue-adf-task-to-do = 未完了：
issue-adf-decision = 決定事項：
issue-adf-mention-someone = @誰か
issue-adf-synced = 同期されたコンテンツ（Jira で表示）
issue-adf-unsupported = （未対応のコンテンツ）
issue-adf-unsupported-mark = このアプリでは表示できない書式
issue-adf-external-image = 外部の画像
issue-adf-external-image-from = { $name }（{ $host }）
issue-adf-attachment = 添付ファイル：{ $name }
issue-adf-attachment-unnamed = 添付ファイル：ファイル
issue-adf-extension = 拡張機能：{ $key }
issue-adf-extension-unnamed = 拡張機能

## サーバーが課題の表示に入れる語

issue-status-unknown = 不明
issue-person-unknown = 不明なユーザー
issue-person-former = 以前のユーザー
issue-relation-parent = 親
issue-relation-subtask = サブタスク
