<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AiProviderPreset</name>
    <message>
        <source>OpenAI</source>
        <translation>OpenAI</translation>
    </message>
    <message>
        <source>Anthropic</source>
        <translation>Anthropic</translation>
    </message>
    <message>
        <source>xAI</source>
        <translation>xAI</translation>
    </message>
    <message>
        <source>Ollama</source>
        <translation>Ollama</translation>
    </message>
    <message>
        <source>OpenAI-compatible server</source>
        <translation>OpenAI 互換サーバー</translation>
    </message>
    <message>
        <source>%1 needs an API key.</source>
        <translation>%1 には API キーが必要です。</translation>
    </message>
    <message>
        <source>%1 needs no API key unless the server asks for one.</source>
        <translation>%1 では、サーバーが要求しない限り API キーは不要です。</translation>
    </message>
</context>
<context>
    <name>SessionTokenStore</name>
    <message>
        <source>This build keeps no secrets in a keychain.</source>
        <translation>このビルドでは、キーチェーンに機密情報を保存しません。</translation>
    </message>
</context>
<context>
    <name>gatehouse::AccessRulesEditor</name>
    <message>
        <source>Selected rule</source>
        <translation>選択したルール</translation>
    </message>
    <message>
        <source>Access rules</source>
        <translation>アクセスルール</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>サービス</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>コンポーネント</translation>
    </message>
    <message>
        <source>Verbs</source>
        <translation>メソッド</translation>
    </message>
    <message>
        <source>Requestors</source>
        <translation>リクエスト元</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>フィルター</translation>
    </message>
    <message>
        <source>&amp;Add rule</source>
        <translation>ルールを追加(&amp;A)</translation>
    </message>
    <message>
        <source>Remove r&amp;ule</source>
        <translation>ルールを削除(&amp;U)</translation>
    </message>
    <message>
        <source>* for the whole service, _table/* for every table, _table/name for one.</source>
        <translation>サービス全体は *、すべてのテーブルは _table/*、特定のテーブルは _table/name です。</translation>
    </message>
    <message>
        <source>Allow %1</source>
        <translation>%1 を許可</translation>
    </message>
    <message>
        <source>A&amp;PI</source>
        <translation>API(&amp;P)</translation>
    </message>
    <message>
        <source>Requests from clients over HTTP.</source>
        <translation>HTTP 経由のクライアントからのリクエストです。</translation>
    </message>
    <message>
        <source>Scrip&amp;t</source>
        <translation>スクリプト(&amp;T)</translation>
    </message>
    <message>
        <source>Requests made by server-side scripts.</source>
        <translation>サーバー側スクリプトからのリクエストです。</translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation>サービス(&amp;S):</translation>
    </message>
    <message>
        <source>C&amp;omponent:</source>
        <translation>コンポーネント(&amp;O):</translation>
    </message>
    <message>
        <source>Verbs:</source>
        <translation>メソッド:</translation>
    </message>
    <message>
        <source>Requestors:</source>
        <translation>リクエスト元:</translation>
    </message>
    <message>
        <source>Row &amp;filters:</source>
        <translation>行フィルター(&amp;F):</translation>
    </message>
    <message>
        <source>(no service)</source>
        <translation>(サービスなし)</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>スクリプト</translation>
    </message>
    <message numerus="yes">
        <source>%n filter(s), %1</source>
        <translation>
            <numerusform>フィルター %n 件、%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Rule %1 needs a component (* for the whole service).</source>
        <translation>ルール %1 にはコンポーネントが必要です (サービス全体の場合は *)。</translation>
    </message>
    <message>
        <source>Rule %1 allows no verb.</source>
        <translation>ルール %1 で許可されているメソッドがありません。</translation>
    </message>
    <message>
        <source>Rule %1 needs a requestor (API or Script).</source>
        <translation>ルール %1 にはリクエスト元 (API またはスクリプト) が必要です。</translation>
    </message>
    <message>
        <source>A filter of rule %1 needs a field.</source>
        <translation>ルール %1 のフィルターにフィールドが必要です。</translation>
    </message>
    <message>
        <source>The filter on %1 of rule %2 needs a value.</source>
        <translation>ルール %2 の %1 に対するフィルターに値が必要です。</translation>
    </message>
</context>
<context>
    <name>gatehouse::AiAliasDialog</name>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Edit model alias</source>
        <translation>モデルエイリアスの編集</translation>
    </message>
    <message>
        <source>New model alias</source>
        <translation>新しいモデルエイリアス</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>エイリアス</translation>
    </message>
    <message>
        <source>What OpenAI-style clients send as &quot;model&quot;.</source>
        <translation>OpenAI 形式のクライアントが &quot;model&quot; として送信する値です。</translation>
    </message>
    <message>
        <source>AI connection</source>
        <translation>AI 接続</translation>
    </message>
    <message>
        <source>Provider model</source>
        <translation>プロバイダーのモデル</translation>
    </message>
    <message>
        <source>&amp;Alias:</source>
        <translation>エイリアス(&amp;A):</translation>
    </message>
    <message>
        <source>AI &amp;connection:</source>
        <translation>AI 接続(&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>モデル(&amp;M):</translation>
    </message>
    <message>
        <source>The alias needs 1 to 128 letters, digits or . _ : / -</source>
        <translation>エイリアスは 1～128 文字の英字、数字、または . _ : / - で指定してください</translation>
    </message>
    <message>
        <source>Create an AI connection first.</source>
        <translation>先に AI 接続を作成してください。</translation>
    </message>
    <message>
        <source>Enter the provider&apos;s model name.</source>
        <translation>プロバイダーのモデル名を入力してください。</translation>
    </message>
    <message>
        <source>The alias could not be saved: %1</source>
        <translation>エイリアスを保存できませんでした: %1</translation>
    </message>
</context>
<context>
    <name>gatehouse::AiBudgetDialog</name>
    <message>
        <source>&amp;Hard stop: refuse calls that would go over the limit</source>
        <translation>ハードストップ: 上限を超える呼び出しを拒否する(&amp;H)</translation>
    </message>
    <message>
        <source>Acti&amp;ve</source>
        <translation>有効(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Edit AI budget</source>
        <translation>AI 予算の編集</translation>
    </message>
    <message>
        <source>New AI budget</source>
        <translation>新しい AI 予算</translation>
    </message>
    <message>
        <source>Everything (global)</source>
        <translation>すべて (グローバル)</translation>
    </message>
    <message>
        <source>AI connection</source>
        <translation>AI 接続</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>ロール</translation>
    </message>
    <message>
        <source>App</source>
        <translation>アプリ</translation>
    </message>
    <message>
        <source>Hourly</source>
        <translation>時間単位</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>日単位</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>月単位</translation>
    </message>
    <message>
        <source>Budget name</source>
        <translation>予算名</translation>
    </message>
    <message>
        <source>Budget applies to</source>
        <translation>予算の適用対象</translation>
    </message>
    <message>
        <source>Which one</source>
        <translation>対象</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>Alert webhook URL</source>
        <translation>アラート Webhook URL</translation>
    </message>
    <message>
        <source>optional: receives alerts at 50, 80 and 100 %</source>
        <translation>省略可: 50、80、100 % でアラートを受信します</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Applies to:</source>
        <translation>適用対象(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Which:</source>
        <translation>対象(&amp;W):</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>期間(&amp;P):</translation>
    </message>
    <message>
        <source>&amp;Limit:</source>
        <translation>上限(&amp;L):</translation>
    </message>
    <message>
        <source>Ale&amp;rt webhook:</source>
        <translation>アラート Webhook(&amp;R):</translation>
    </message>
    <message>
        <source>The list could not be loaded: %1</source>
        <translation>一覧を読み込めませんでした: %1</translation>
    </message>
    <message>
        <source>Enter a name.</source>
        <translation>名前を入力してください。</translation>
    </message>
    <message>
        <source>Choose what the budget applies to.</source>
        <translation>予算の適用対象を選択してください。</translation>
    </message>
    <message>
        <source>The limit must be greater than 0.</source>
        <translation>上限は 0 より大きくする必要があります。</translation>
    </message>
    <message>
        <source>The alert webhook must be an http:// or https:// address.</source>
        <translation>アラート Webhook には http:// または https:// のアドレスを指定してください。</translation>
    </message>
    <message>
        <source>The budget could not be saved: %1</source>
        <translation>予算を保存できませんでした: %1</translation>
    </message>
</context>
<context>
    <name>gatehouse::AiConnectionDialog</name>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Acti&amp;ve</source>
        <translation>有効(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Edit AI connection %1</source>
        <translation>AI 接続 %1 の編集</translation>
    </message>
    <message>
        <source>New AI connection</source>
        <translation>新しい AI 接続</translation>
    </message>
    <message>
        <source>Connection name</source>
        <translation>接続名</translation>
    </message>
    <message>
        <source>Used in URLs: /api/v2/&lt;name&gt;/chat.</source>
        <translation>URL で使用します (/api/v2/&lt;name&gt;/chat)。</translation>
    </message>
    <message>
        <source>Connection label</source>
        <translation>接続ラベル</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>プロバイダー</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>ベース URL</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API キー</translation>
    </message>
    <message>
        <source>Default model</source>
        <translation>既定のモデル</translation>
    </message>
    <message>
        <source>Requests per minute per user</source>
        <translation>ユーザーあたりの 1 分間のリクエスト数</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>制限なし</translation>
    </message>
    <message>
        <source>Monthly budget</source>
        <translation>月間予算</translation>
    </message>
    <message>
        <source>A hard stop per calendar month (UTC), in the currency of the prices.</source>
        <translation>暦月 (UTC) ごとのハードストップです。金額は料金と同じ通貨で指定します。</translation>
    </message>
    <message>
        <source>Input price per 1,000 tokens</source>
        <translation>1,000 トークンあたりの入力料金</translation>
    </message>
    <message>
        <source>Output price per 1,000 tokens</source>
        <translation>1,000 トークンあたりの出力料金</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation>ラベル(&amp;L):</translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation>プロバイダー(&amp;P):</translation>
    </message>
    <message>
        <source>&amp;Base URL:</source>
        <translation>ベース URL(&amp;B):</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API キー(&amp;K):</translation>
    </message>
    <message>
        <source>Default &amp;model:</source>
        <translation>既定のモデル(&amp;M):</translation>
    </message>
    <message>
        <source>&amp;Requests per minute:</source>
        <translation>1 分あたりのリクエスト数(&amp;R):</translation>
    </message>
    <message>
        <source>Monthly bud&amp;get:</source>
        <translation>月間予算(&amp;G):</translation>
    </message>
    <message>
        <source>&amp;Input price / 1k tokens:</source>
        <translation>入力料金 / 1k トークン(&amp;I):</translation>
    </message>
    <message>
        <source>&amp;Output price / 1k tokens:</source>
        <translation>出力料金 / 1k トークン(&amp;O):</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必須</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>省略可</translation>
    </message>
    <message>
        <source>Enter a name.</source>
        <translation>名前を入力してください。</translation>
    </message>
    <message>
        <source>The name may contain only letters, digits, &apos;_&apos;, &apos;-&apos; and &apos;.&apos;.</source>
        <translation>名前に使用できるのは英字、数字、&apos;_&apos;、&apos;-&apos;、&apos;.&apos; のみです。</translation>
    </message>
    <message>
        <source>Enter the server&apos;s base URL.</source>
        <translation>サーバーのベース URL を入力してください。</translation>
    </message>
    <message>
        <source>The base URL must be an http:// or https:// address.</source>
        <translation>ベース URL には http:// または https:// のアドレスを指定してください。</translation>
    </message>
    <message>
        <source>Enter the API key.</source>
        <translation>API キーを入力してください。</translation>
    </message>
    <message>
        <source>The connection could not be saved: %1</source>
        <translation>接続を保存できませんでした: %1</translation>
    </message>
</context>
<context>
    <name>gatehouse::AiPage</name>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>ラベル</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>プロバイダー</translation>
    </message>
    <message>
        <source>Default model</source>
        <translation>既定のモデル</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>エイリアス</translation>
    </message>
    <message>
        <source>AI connection</source>
        <translation>AI 接続</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>リクエスト数</translation>
    </message>
    <message>
        <source>Input tokens</source>
        <translation>入力トークン</translation>
    </message>
    <message>
        <source>Output tokens</source>
        <translation>出力トークン</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>コスト</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>AI sections</source>
        <translation>AI セクション</translation>
    </message>
    <message>
        <source>&amp;Connections</source>
        <translation>接続(&amp;C)</translation>
    </message>
    <message>
        <source>Model &amp;aliases</source>
        <translation>モデルエイリアス(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Budgets</source>
        <translation>予算(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Usage</source>
        <translation>使用状況(&amp;U)</translation>
    </message>
    <message>
        <source>AI connections</source>
        <translation>AI 接続</translation>
    </message>
    <message>
        <source>&amp;New connection…</source>
        <translation>新しい接続(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>編集(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Health check</source>
        <translation>ヘルスチェック(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>削除(&amp;D)</translation>
    </message>
    <message>
        <source>Asks the provider for its model list through this connection.</source>
        <translation>この接続を使用して、プロバイダーにモデル一覧を問い合わせます。</translation>
    </message>
    <message>
        <source>Health check result</source>
        <translation>ヘルスチェックの結果</translation>
    </message>
    <message>
        <source>Delete AI connection</source>
        <translation>AI 接続の削除</translation>
    </message>
    <message>
        <source>Delete the AI connection &quot;%1&quot;? Clients using it will fail.</source>
        <translation>AI 接続「%1」を削除しますか? この接続を使用しているクライアントはエラーになります。</translation>
    </message>
    <message>
        <source>The connection could not be deleted</source>
        <translation>接続を削除できませんでした</translation>
    </message>
    <message>
        <source>Model aliases</source>
        <translation>モデルエイリアス</translation>
    </message>
    <message>
        <source>Clients of the OpenAI-compatible endpoint (/api/v2/_ai/v1) send an alias as &quot;model&quot;; it is routed to the connection and model below.</source>
        <translation>OpenAI 互換エンドポイント (/api/v2/_ai/v1) のクライアントは、エイリアスを &quot;model&quot; として送信します。リクエストは下記の接続とモデルにルーティングされます。</translation>
    </message>
    <message>
        <source>&amp;New alias…</source>
        <translation>新しいエイリアス(&amp;N)…</translation>
    </message>
    <message>
        <source>Delete model alias</source>
        <translation>モデルエイリアスの削除</translation>
    </message>
    <message>
        <source>Delete the selected model alias?</source>
        <translation>選択したモデルエイリアスを削除しますか?</translation>
    </message>
    <message>
        <source>AI budgets</source>
        <translation>AI 予算</translation>
    </message>
    <message>
        <source>Applies to</source>
        <translation>適用対象</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>Spent this period</source>
        <translation>今期間の支出</translation>
    </message>
    <message>
        <source>Projected month-end</source>
        <translation>月末の予測</translation>
    </message>
    <message>
        <source>Hard stop</source>
        <translation>ハードストップ</translation>
    </message>
    <message>
        <source>Spend is what the usage log holds for the budget&apos;s current period (UTC). The projected month-end spend assumes the rest of the month continues at the average rate so far; it is shown for monthly budgets once an hour of the month has passed.</source>
        <translation>支出は、予算の現在の期間 (UTC) について使用状況ログに記録されている金額です。月末の予測支出は、月の残りもこれまでの平均ペースで推移すると仮定して算出します。月単位の予算について、月が始まって 1 時間が経過した後に表示されます。</translation>
    </message>
    <message>
        <source>&amp;New budget…</source>
        <translation>新しい予算(&amp;N)…</translation>
    </message>
    <message>
        <source>Delete AI budget</source>
        <translation>AI 予算の削除</translation>
    </message>
    <message>
        <source>Delete the selected budget?</source>
        <translation>選択した予算を削除しますか?</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>過去 24 時間</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>過去 7 日間</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>過去 30 日間</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>過去 90 日間</translation>
    </message>
    <message>
        <source>&amp;Show usage</source>
        <translation>使用状況を表示(&amp;S)</translation>
    </message>
    <message>
        <source>Usage by model</source>
        <translation>モデル別の使用状況</translation>
    </message>
    <message>
        <source>C&amp;onnection:</source>
        <translation>接続(&amp;O):</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>期間(&amp;P):</translation>
    </message>
    <message>
        <source>The AI connections could not be loaded</source>
        <translation>AI 接続を読み込めませんでした</translation>
    </message>
    <message>
        <source>The model aliases could not be loaded</source>
        <translation>モデルエイリアスを読み込めませんでした</translation>
    </message>
    <message>
        <source>The AI budgets could not be loaded</source>
        <translation>AI 予算を読み込めませんでした</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>すべて</translation>
    </message>
    <message>
        <source>Connection %1</source>
        <translation>接続 %1</translation>
    </message>
    <message>
        <source>User %1</source>
        <translation>ユーザー %1</translation>
    </message>
    <message>
        <source>Role %1</source>
        <translation>ロール %1</translation>
    </message>
    <message>
        <source>App %1</source>
        <translation>アプリ %1</translation>
    </message>
    <message>
        <source>Hourly</source>
        <translation>時間単位</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>日単位</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>月単位</translation>
    </message>
    <message>
        <source>%1 (inactive)</source>
        <translation>%1 (無効)</translation>
    </message>
    <message>
        <source>%1 of %2 (%3 %)</source>
        <translation>%1 / %2 (%3 %)</translation>
    </message>
    <message>
        <source>Period %1 to %2 (UTC)</source>
        <translation>期間: %1～%2 (UTC)</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Projected for monthly budgets only.</source>
        <translation>予測は月単位の予算でのみ表示されます。</translation>
    </message>
    <message>
        <source>At this rate the budget runs out before the month ends.</source>
        <translation>このペースでは、月末前に予算を使い切ります。</translation>
    </message>
    <message>
        <source>At this rate the budget lasts the month.</source>
        <translation>このペースなら、予算は月末までもちます。</translation>
    </message>
    <message>
        <source>Too early in the month to project.</source>
        <translation>月初のため、まだ予測できません。</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>alert only</source>
        <translation>アラートのみ</translation>
    </message>
    <message>
        <source>Checking &quot;%1&quot;…</source>
        <translation>「%1」を確認しています…</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is healthy: %2 answered in %3 ms.</source>
        <translation>「%1」は正常です: %2 が %3 ms で応答しました。</translation>
    </message>
    <message>
        <source>%1 (the provider answered %2)</source>
        <translation>%1 (プロバイダーの応答: %2)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not healthy: %2</source>
        <translation>「%1」は正常ではありません: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not healthy: %2 (request %3)</source>
        <translation>「%1」は正常ではありません: %2 (リクエスト %3)</translation>
    </message>
    <message>
        <source>The alias could not be deleted</source>
        <translation>エイリアスを削除できませんでした</translation>
    </message>
    <message>
        <source>The budget could not be deleted</source>
        <translation>予算を削除できませんでした</translation>
    </message>
    <message>
        <source>There is no AI connection yet.</source>
        <translation>AI 接続はまだありません。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>読み込んでいます…</translation>
    </message>
    <message>
        <source>The usage could not be loaded</source>
        <translation>使用状況を読み込めませんでした</translation>
    </message>
    <message>
        <source>Requests: %1 · Input tokens: %2 · Output tokens: %3 · Cost: %4 · Errors: %5</source>
        <translation>リクエスト数: %1 · 入力トークン: %2 · 出力トークン: %3 · コスト: %4 · エラー: %5</translation>
    </message>
    <message>
        <source>AI</source>
        <translation>AI</translation>
    </message>
</context>
<context>
    <name>gatehouse::ApiDocsPage</name>
    <message>
        <source>E&amp;xpand tables and procedures</source>
        <translation>テーブルとプロシージャを展開(&amp;X)</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>サービス</translation>
    </message>
    <message>
        <source>Paths and operations</source>
        <translation>パスと操作</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>メソッド</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>パス</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>Operation details</source>
        <translation>操作の詳細</translation>
    </message>
    <message>
        <source>Database services: one path per table and procedure instead of {table_name}.</source>
        <translation>データベースサービス: {table_name} の代わりに、テーブルとプロシージャごとに 1 つのパスを表示します。</translation>
    </message>
    <message>
        <source>&amp;Operations:</source>
        <translation>操作(&amp;O):</translation>
    </message>
    <message>
        <source>Deta&amp;ils:</source>
        <translation>詳細(&amp;I):</translation>
    </message>
    <message>
        <source>Try it (sent with your admin session)</source>
        <translation>試す (管理者セッションで送信されます)</translation>
    </message>
    <message>
        <source>Ser&amp;vices:</source>
        <translation>サービス(&amp;V):</translation>
    </message>
    <message>
        <source>The services could not be loaded</source>
        <translation>サービスを読み込めませんでした</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Loading the OpenAPI document of %1…</source>
        <translation>%1 の OpenAPI ドキュメントを読み込んでいます…</translation>
    </message>
    <message>
        <source>The API document of %1 could not be loaded</source>
        <translation>%1 の API ドキュメントを読み込めませんでした</translation>
    </message>
    <message numerus="yes">
        <source>%n path(s). Choose an operation to see its parameters and try it.</source>
        <translation>
            <numerusform>%n 個のパスがあります。操作を選択すると、パラメーターを確認して試すことができます。</numerusform>
        </translation>
    </message>
    <message>
        <source>Operation id: %1</source>
        <translation>操作 ID: %1</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>パラメーター</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>In</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>型</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必須</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>Request body</source>
        <translation>リクエスト本文</translation>
    </message>
    <message>
        <source>API docs</source>
        <translation>API ドキュメント</translation>
    </message>
</context>
<context>
    <name>gatehouse::ApiKeyDialog</name>
    <message>
        <source>&amp;Copy</source>
        <translation>コピー(&amp;C)</translation>
    </message>
    <message>
        <source>API key of %1</source>
        <translation>%1 の API キー</translation>
    </message>
    <message>
        <source>This is the only time the key is shown. Copy it now and keep it somewhere safe: Gatehouse stores only a fingerprint of it and cannot show it again. If it is lost, regenerate the key.</source>
        <translation>キーが表示されるのはこの 1 回だけです。今すぐコピーして安全な場所に保管してください。Gatehouse はキーのフィンガープリントのみを保存するため、再表示できません。紛失した場合は、キーを再生成してください。</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API キー(&amp;K):</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API キー</translation>
    </message>
    <message>
        <source>&amp;Copied</source>
        <translation>コピーしました(&amp;C)</translation>
    </message>
</context>
<context>
    <name>gatehouse::AppEditorDialog</name>
    <message>
        <source>&amp;Active (requests with its key are served)</source>
        <translation>有効 (このアプリのキーによるリクエストを処理します)(&amp;A)</translation>
    </message>
    <message>
        <source>Edit app</source>
        <translation>アプリの編集</translation>
    </message>
    <message>
        <source>New app</source>
        <translation>新しいアプリ</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>Default role</source>
        <translation>既定のロール</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>説明(&amp;D):</translation>
    </message>
    <message>
        <source>Default &amp;role:</source>
        <translation>既定のロール(&amp;R):</translation>
    </message>
    <message>
        <source>(no role)</source>
        <translation>(ロールなし)</translation>
    </message>
    <message>
        <source>The roles could not be loaded.</source>
        <translation>ロールを読み込めませんでした。</translation>
    </message>
    <message>
        <source>Enter the app&apos;s name.</source>
        <translation>アプリ名を入力してください。</translation>
    </message>
    <message>
        <source>The app could not be saved</source>
        <translation>アプリを保存できませんでした</translation>
    </message>
</context>
<context>
    <name>gatehouse::AppRoleTable</name>
    <message>
        <source>Role per app</source>
        <translation>アプリごとのロール</translation>
    </message>
    <message>
        <source>App</source>
        <translation>アプリ</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>ロール</translation>
    </message>
    <message>
        <source>Add app ro&amp;le</source>
        <translation>アプリロールを追加(&amp;L)</translation>
    </message>
    <message>
        <source>Remove app r&amp;ole</source>
        <translation>アプリロールを削除(&amp;O)</translation>
    </message>
    <message>
        <source>App role %1 needs an app and a role.</source>
        <translation>アプリロール %1 にはアプリとロールが必要です。</translation>
    </message>
    <message>
        <source>A user has one role per app: app role %1 repeats an app.</source>
        <translation>ユーザーが持てるロールはアプリごとに 1 つです。アプリロール %1 のアプリが重複しています。</translation>
    </message>
</context>
<context>
    <name>gatehouse::AppsPage</name>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Default role</source>
        <translation>既定のロール</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>Key hint</source>
        <translation>キーのヒント</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>編集(&amp;E)…</translation>
    </message>
    <message>
        <source>Deac&amp;tivate</source>
        <translation>無効化(&amp;T)</translation>
    </message>
    <message>
        <source>Re&amp;generate key…</source>
        <translation>キーを再生成(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>削除(&amp;D)…</translation>
    </message>
    <message>
        <source>Apps</source>
        <translation>アプリ</translation>
    </message>
    <message>
        <source>&amp;New app…</source>
        <translation>新しいアプリ(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>更新(&amp;R)</translation>
    </message>
    <message>
        <source>The apps could not be loaded</source>
        <translation>アプリを読み込めませんでした</translation>
    </message>
    <message>
        <source>Ac&amp;tivate</source>
        <translation>有効化(&amp;T)</translation>
    </message>
    <message>
        <source>The server did not send the new API key.</source>
        <translation>サーバーから新しい API キーが送信されませんでした。</translation>
    </message>
    <message>
        <source>Regenerate API key</source>
        <translation>API キーの再生成</translation>
    </message>
    <message>
        <source>Regenerate the API key of &quot;%1&quot;? The current key stops working at once; every client using it must be given the new key.</source>
        <translation>「%1」の API キーを再生成しますか? 現在のキーは直ちに使用できなくなります。このキーを使用しているすべてのクライアントに新しいキーを設定する必要があります。</translation>
    </message>
    <message>
        <source>Re&amp;generate</source>
        <translation>再生成(&amp;G)</translation>
    </message>
    <message>
        <source>The key could not be regenerated</source>
        <translation>キーを再生成できませんでした</translation>
    </message>
    <message>
        <source>The app could not be changed</source>
        <translation>アプリを変更できませんでした</translation>
    </message>
    <message>
        <source>Delete app</source>
        <translation>アプリの削除</translation>
    </message>
    <message>
        <source>Delete the app &quot;%1&quot;? Its API key stops working and its lookups are deleted.</source>
        <translation>アプリ「%1」を削除しますか? API キーは使用できなくなり、ルックアップも削除されます。</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>削除(&amp;D)</translation>
    </message>
    <message>
        <source>The app could not be deleted</source>
        <translation>アプリを削除できませんでした</translation>
    </message>
</context>
<context>
    <name>gatehouse::ConnectPage</name>
    <message>
        <source>&amp;Embedded engine on this computer</source>
        <translation>このコンピューターの組み込みエンジン(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Remote engine:</source>
        <translation>リモートエンジン(&amp;R):</translation>
    </message>
    <message>
        <source>&amp;Forget</source>
        <translation>削除(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>接続(&amp;C)</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未接続</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>サインインしていません</translation>
    </message>
    <message>
        <source>&amp;Keep me signed in on this computer</source>
        <translation>このコンピューターでサインインしたままにする(&amp;K)</translation>
    </message>
    <message>
        <source>S&amp;ign in…</source>
        <translation>サインイン(&amp;I)…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>サインアウト(&amp;O)</translation>
    </message>
    <message>
        <source>Remote engine address</source>
        <translation>リモートエンジンのアドレス</translation>
    </message>
    <message>
        <source>Remove this address from the list</source>
        <translation>このアドレスを一覧から削除します</translation>
    </message>
    <message>
        <source>The session token is kept in the operating system&apos;s keychain, never in a file.</source>
        <translation>セッショントークンはオペレーティングシステムのキーチェーンに保存され、ファイルには保存されません。</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>エンジン</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Engine address:</source>
        <translation>エンジンのアドレス:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状態:</translation>
    </message>
    <message>
        <source>Details:</source>
        <translation>詳細:</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>アカウント:</translation>
    </message>
    <message>
        <source>Signed-in account</source>
        <translation>サインイン中のアカウント</translation>
    </message>
    <message>
        <source>Engine state</source>
        <translation>エンジンの状態</translation>
    </message>
    <message>
        <source>Engine address</source>
        <translation>エンジンのアドレス</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>Enter the engine&apos;s address, for example https://gatehouse.example.org:8443.</source>
        <translation>エンジンのアドレスを入力してください (例: https://gatehouse.example.org:8443)。</translation>
    </message>
    <message>
        <source>This address is not encrypted (http): passwords and tokens cross the network in clear. Use https for a remote engine.</source>
        <translation>このアドレスは暗号化されていません (http)。パスワードとトークンが平文のままネットワーク上を流れます。リモートエンジンには https を使用してください。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>起動しています…</translation>
    </message>
    <message>
        <source>Not running</source>
        <translation>停止中</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>接続しています…</translation>
    </message>
    <message>
        <source>First admin created. Password (shown once): %1</source>
        <translation>最初の管理者を作成しました。パスワード (1 回のみ表示): %1</translation>
    </message>
    <message>
        <source>Unreachable: %1</source>
        <translation>接続できません: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Running — version %1, up %2 s, %3 services</source>
        <translation>実行中 — バージョン %1、稼働時間 %2 秒、サービス数 %3</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>接続</translation>
    </message>
</context>
<context>
    <name>gatehouse::CsvExporter</name>
    <message>
        <source>The file is not open for writing.</source>
        <translation>ファイルが書き込み用に開かれていません。</translation>
    </message>
    <message>
        <source>The file could not be written: %1</source>
        <translation>ファイルに書き込めませんでした: %1</translation>
    </message>
</context>
<context>
    <name>gatehouse::DashboardPage</name>
    <message>
        <source>&amp;Live updates</source>
        <translation>ライブ更新(&amp;L)</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>リクエスト数</translation>
    </message>
    <message>
        <source>Average latency</source>
        <translation>平均レイテンシ</translation>
    </message>
    <message>
        <source>Tokens by model</source>
        <translation>モデル別のトークン数</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>サービス</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>AI spend against budgets</source>
        <translation>予算に対する AI 支出</translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation>範囲(&amp;R):</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>範囲</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>過去 1 時間</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>過去 24 時間</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>過去 7 日間</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>過去 30 日間</translation>
    </message>
    <message>
        <source>Error rate (4xx / 5xx)</source>
        <translation>エラー率 (4xx / 5xx)</translation>
    </message>
    <message>
        <source>Latency p50 / p95</source>
        <translation>レイテンシ p50 / p95</translation>
    </message>
    <message>
        <source>AI spend</source>
        <translation>AI 支出</translation>
    </message>
    <message>
        <source>Top services</source>
        <translation>上位のサービス</translation>
    </message>
    <message>
        <source>Top users</source>
        <translation>上位のユーザー</translation>
    </message>
    <message>
        <source>Loading the metrics failed</source>
        <translation>メトリクスを読み込めませんでした</translation>
    </message>
    <message>
        <source>%1% / %2%</source>
        <translation>%1% / %2%</translation>
    </message>
    <message>
        <source>%1 ms / %2 ms</source>
        <translation>%1 ms / %2 ms</translation>
    </message>
    <message>
        <source>Server errors</source>
        <translation>サーバーエラー</translation>
    </message>
    <message numerus="yes">
        <source>per %n minute(s)</source>
        <translation>
            <numerusform>%n 分あたり</numerusform>
        </translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Input tokens</source>
        <translation>入力トークン</translation>
    </message>
    <message>
        <source>Output tokens</source>
        <translation>出力トークン</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>トークン</translation>
    </message>
    <message>
        <source>No active AI budgets.</source>
        <translation>有効な AI 予算はありません。</translation>
    </message>
    <message>
        <source>%1 (%2): %3 of %4</source>
        <translation>%1 (%2): %3 / %4</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>ダッシュボード</translation>
    </message>
</context>
<context>
    <name>gatehouse::EventScriptEditorDialog</name>
    <message>
        <source>&amp;Active</source>
        <translation>有効(&amp;A)</translation>
    </message>
    <message>
        <source>Allow event &amp;modification</source>
        <translation>イベントの変更を許可(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>New event script</source>
        <translation>新しいイベントスクリプト</translation>
    </message>
    <message>
        <source>Edit event script %1</source>
        <translation>イベントスクリプト %1 を編集</translation>
    </message>
    <message>
        <source>Service whose events are offered</source>
        <translation>イベントを候補に表示するサービス</translation>
    </message>
    <message>
        <source>(all services)</source>
        <translation>(すべてのサービス)</translation>
    </message>
    <message>
        <source>Event name</source>
        <translation>イベント名</translation>
    </message>
    <message>
        <source>{service}.{path}.{verb}.pre_process runs before the call, …post_process after it.</source>
        <translation>{service}.{path}.{verb}.pre_process は呼び出しの前に、….post_process は後に実行されます。</translation>
    </message>
    <message>
        <source>Lets the script change the request (pre_process) or the response (post_process); without it, its changes are ignored.</source>
        <translation>スクリプトがリクエスト (pre_process) またはレスポンス (post_process) を変更できるようにします。オフの場合、変更は無視されます。</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>Allowed hosts for platform.http</source>
        <translation>platform.http で許可するホスト</translation>
    </message>
    <message>
        <source>One host or host:port per line; empty: no outside calls</source>
        <translation>1 行に 1 つのホストまたは host:port。空欄: 外部呼び出しなし</translation>
    </message>
    <message>
        <source>Script (JavaScript)</source>
        <translation>スクリプト (JavaScript)</translation>
    </message>
    <message>
        <source>Ser&amp;vice:</source>
        <translation>サービス(&amp;V):</translation>
    </message>
    <message>
        <source>&amp;Event:</source>
        <translation>イベント(&amp;E):</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>説明(&amp;D):</translation>
    </message>
    <message>
        <source>Allowed &amp;hosts:</source>
        <translation>許可するホスト(&amp;H):</translation>
    </message>
    <message>
        <source>Scri&amp;pt:</source>
        <translation>スクリプト(&amp;P):</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>The event script could not be loaded: %1</source>
        <translation>イベントスクリプトを読み込めませんでした: %1</translation>
    </message>
    <message>
        <source>The event names could not be loaded: %1</source>
        <translation>イベント名を読み込めませんでした: %1</translation>
    </message>
    <message>
        <source>Choose the event the script runs on.</source>
        <translation>スクリプトを実行するイベントを選んでください。</translation>
    </message>
    <message>
        <source>The event name looks like service.path.verb.pre_process, e.g. %1.</source>
        <translation>イベント名は service.path.verb.pre_process の形式です (例: %1)。</translation>
    </message>
    <message>
        <source>The script is empty.</source>
        <translation>スクリプトが空です。</translation>
    </message>
    <message>
        <source>The event script was not saved: %1</source>
        <translation>イベントスクリプトは保存されませんでした: %1</translation>
    </message>
</context>
<context>
    <name>gatehouse::EventScriptsDialog</name>
    <message>
        <source>&amp;Edit…</source>
        <translation>編集(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>削除(&amp;D)…</translation>
    </message>
    <message>
        <source>Event scripts</source>
        <translation>イベントスクリプト</translation>
    </message>
    <message>
        <source>Scripts that run before (pre_process) or after (post_process) a service call, for example to check or enrich a request or to reshape a response.</source>
        <translation>サービス呼び出しの前 (pre_process) または後 (post_process) に実行されるスクリプトです。リクエストの検査や補完、レスポンスの整形などに使います。</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>イベント</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>May modify</source>
        <translation>変更可</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>新規(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>更新(&amp;R)</translation>
    </message>
    <message>
        <source>Delete event script</source>
        <translation>イベントスクリプトの削除</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>The event scripts could not be loaded</source>
        <translation>イベントスクリプトを読み込めませんでした</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>The event script %1 was saved.</source>
        <translation>イベントスクリプト %1 を保存しました。</translation>
    </message>
    <message>
        <source>Delete the event script &quot;%1&quot;? The event then runs without it.</source>
        <translation>イベントスクリプト「%1」を削除しますか？ 以後、このイベントはスクリプトなしで処理されます。</translation>
    </message>
    <message>
        <source>The event script %1 was not deleted</source>
        <translation>イベントスクリプト %1 は削除されませんでした</translation>
    </message>
    <message>
        <source>The event script %1 was deleted.</source>
        <translation>イベントスクリプト %1 を削除しました。</translation>
    </message>
</context>
<context>
    <name>gatehouse::FieldMaskTable</name>
    <message>
        <source>Field masks</source>
        <translation>フィールドマスク</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>サービス</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>テーブル</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>モード</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保持文字数</translation>
    </message>
    <message>
        <source>Detectors</source>
        <translation>検出器</translation>
    </message>
    <message>
        <source>Filterable</source>
        <translation>フィルター可能</translation>
    </message>
    <message>
        <source>Table and column may be * for all. Detectors (for mode detect): email, ssn, card, phone.</source>
        <translation>テーブルと列には、すべてを表す * を指定できます。検出器 (モード detect 用): email, ssn, card, phone。</translation>
    </message>
    <message>
        <source>Add &amp;mask</source>
        <translation>マスクを追加(&amp;M)</translation>
    </message>
    <message>
        <source>Remove mas&amp;k</source>
        <translation>マスクを削除(&amp;K)</translation>
    </message>
    <message>
        <source>Characters kept</source>
        <translation>保持する文字数</translation>
    </message>
    <message>
        <source>Mask %1 needs a service.</source>
        <translation>マスク %1 にはサービスが必要です。</translation>
    </message>
    <message>
        <source>Mask %1 needs a table (or *).</source>
        <translation>マスク %1 にはテーブル (または *) が必要です。</translation>
    </message>
    <message>
        <source>Mask %1 needs a column (or *).</source>
        <translation>マスク %1 には列 (または *) が必要です。</translation>
    </message>
    <message>
        <source>Mask %1 detects nothing: name detectors (email, ssn, card, phone).</source>
        <translation>マスク %1 では何も検出されません。検出器 (email, ssn, card, phone) を指定してください。</translation>
    </message>
    <message>
        <source>Mask %1: unknown detector &quot;%2&quot;.</source>
        <translation>マスク %1: 検出器「%2」は不明です。</translation>
    </message>
</context>
<context>
    <name>gatehouse::GatehouseClient</name>
    <message>
        <source>%1 (request %2)</source>
        <translation>%1 (リクエスト %2)</translation>
    </message>
    <message>
        <source>The engine could not be reached: %1</source>
        <translation>エンジンに接続できませんでした: %1</translation>
    </message>
    <message>
        <source>The engine answered %1.</source>
        <translation>エンジンから %1 が返されました。</translation>
    </message>
</context>
<context>
    <name>gatehouse::JsonTableModel</name>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
</context>
<context>
    <name>gatehouse::KeyValueTable</name>
    <message>
        <source>Add row</source>
        <translation>行を追加</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>行を削除</translation>
    </message>
    <message>
        <source>%1, row %2: the lookup name must use lower-case letters, digits and underscores.</source>
        <translation>%1、行 %2: ルックアップ名には英小文字、数字、アンダースコアのみを使用してください。</translation>
    </message>
    <message>
        <source>%1, row %2 needs a value.</source>
        <translation>%1、行 %2: 値が必要です。</translation>
    </message>
</context>
<context>
    <name>gatehouse::LdapServiceForm</name>
    <message>
        <source>The host must be a host name or an IP address (no scheme or port).</source>
        <translation>ホストにはホスト名または IP アドレスを指定してください (スキームとポートは不要)。</translation>
    </message>
    <message>
        <source>A bind DN needs its password.</source>
        <translation>バインド DN にはパスワードが必要です。</translation>
    </message>
    <message>
        <source>A bind password needs a bind DN.</source>
        <translation>バインドパスワードにはバインド DN が必要です。</translation>
    </message>
    <message>
        <source>A CA certificate needs StartTLS or LDAPS encryption.</source>
        <translation>CA 証明書を使用するには、StartTLS または LDAPS による暗号化が必要です。</translation>
    </message>
    <message>
        <source>%1 must be an LDAP filter in parentheses.</source>
        <translation>%1 には括弧で囲んだ LDAP フィルターを指定してください。</translation>
    </message>
</context>
<context>
    <name>gatehouse::LimitEditorDialog</name>
    <message>
        <source>Acti&amp;ve</source>
        <translation>有効(&amp;V)</translation>
    </message>
    <message>
        <source>Edit limit</source>
        <translation>レート制限の編集</translation>
    </message>
    <message>
        <source>New limit</source>
        <translation>新しいレート制限</translation>
    </message>
    <message>
        <source>Every request</source>
        <translation>すべてのリクエスト</translation>
    </message>
    <message>
        <source>One user</source>
        <translation>特定のユーザー</translation>
    </message>
    <message>
        <source>Each user</source>
        <translation>ユーザーごと</translation>
    </message>
    <message>
        <source>One service</source>
        <translation>特定のサービス</translation>
    </message>
    <message>
        <source>One user on one service</source>
        <translation>特定のサービスの特定のユーザー</translation>
    </message>
    <message>
        <source>Each user on one service</source>
        <translation>特定のサービスのユーザーごと</translation>
    </message>
    <message>
        <source>One endpoint</source>
        <translation>特定のエンドポイント</translation>
    </message>
    <message>
        <source>One user on one endpoint</source>
        <translation>特定のエンドポイントの特定のユーザー</translation>
    </message>
    <message>
        <source>Each user on one endpoint</source>
        <translation>特定のエンドポイントのユーザーごと</translation>
    </message>
    <message>
        <source>One role</source>
        <translation>特定のロール</translation>
    </message>
    <message>
        <source>minute</source>
        <translation>1 分</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>1 時間</translation>
    </message>
    <message>
        <source>day</source>
        <translation>1 日</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 日</translation>
    </message>
    <message>
        <source>30 days</source>
        <translation>30 日</translation>
    </message>
    <message>
        <source>(every verb)</source>
        <translation>(すべてのメソッド)</translation>
    </message>
    <message>
        <source>_table/contact, or _table/cont* for a prefix</source>
        <translation>_table/contact (前方一致の場合は _table/cont*)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>説明(&amp;D):</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>種類(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Rate (requests):</source>
        <translation>レート (リクエスト数)(&amp;R):</translation>
    </message>
    <message>
        <source>&amp;Per:</source>
        <translation>期間(&amp;P):</translation>
    </message>
    <message>
        <source>Ver&amp;b:</source>
        <translation>メソッド(&amp;B):</translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation>サービス(&amp;S):</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>ロール(&amp;O):</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>ユーザー(&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation>エンドポイント(&amp;E):</translation>
    </message>
    <message>
        <source>Some choices could not be loaded.</source>
        <translation>一部の選択肢を読み込めませんでした。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(なし)</translation>
    </message>
    <message>
        <source>Enter the limit&apos;s name.</source>
        <translation>レート制限の名前を入力してください。</translation>
    </message>
    <message>
        <source>This type of limit needs a user.</source>
        <translation>この種類のレート制限にはユーザーが必要です。</translation>
    </message>
    <message>
        <source>This type of limit needs a role.</source>
        <translation>この種類のレート制限にはロールが必要です。</translation>
    </message>
    <message>
        <source>This type of limit needs a service.</source>
        <translation>この種類のレート制限にはサービスが必要です。</translation>
    </message>
    <message>
        <source>This type of limit needs an endpoint.</source>
        <translation>この種類のレート制限にはエンドポイントが必要です。</translation>
    </message>
    <message>
        <source>The limit could not be saved</source>
        <translation>レート制限を保存できませんでした</translation>
    </message>
</context>
<context>
    <name>gatehouse::LimitsPage</name>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>レート</translation>
    </message>
    <message>
        <source>Per</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>Verb</source>
        <translation>メソッド</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>エンドポイント</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>使用済み</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>残り</translation>
    </message>
    <message>
        <source>Resets at</source>
        <translation>リセット日時</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>編集(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>削除(&amp;D)…</translation>
    </message>
    <message>
        <source>Re&amp;set counter</source>
        <translation>カウンターをリセット(&amp;S)</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>レート制限</translation>
    </message>
    <message>
        <source>&amp;New limit…</source>
        <translation>新しいレート制限(&amp;N)…</translation>
    </message>
    <message>
        <source>Reset &amp;all…</source>
        <translation>すべてリセット(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>更新(&amp;R)</translation>
    </message>
    <message>
        <source>The limits could not be loaded</source>
        <translation>レート制限を読み込めませんでした</translation>
    </message>
    <message>
        <source>The limit counters could not be loaded</source>
        <translation>レート制限のカウンターを読み込めませんでした</translation>
    </message>
    <message>
        <source>Delete limit</source>
        <translation>レート制限の削除</translation>
    </message>
    <message>
        <source>Delete the limit &quot;%1&quot;?</source>
        <translation>レート制限「%1」を削除しますか?</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>削除(&amp;D)</translation>
    </message>
    <message>
        <source>The limit could not be deleted</source>
        <translation>レート制限を削除できませんでした</translation>
    </message>
    <message>
        <source>The counter could not be reset</source>
        <translation>カウンターをリセットできませんでした</translation>
    </message>
    <message>
        <source>Reset all counters</source>
        <translation>すべてのカウンターのリセット</translation>
    </message>
    <message>
        <source>Reset the counters of every limit? Callers that are locked out now can call again at once.</source>
        <translation>すべてのレート制限のカウンターをリセットしますか? 現在ブロックされている呼び出し元は、すぐに再び呼び出せるようになります。</translation>
    </message>
    <message>
        <source>Reset &amp;all</source>
        <translation>すべてリセット(&amp;A)</translation>
    </message>
    <message>
        <source>The counters could not be reset</source>
        <translation>カウンターをリセットできませんでした</translation>
    </message>
</context>
<context>
    <name>gatehouse::LiveTailTab</name>
    <message>
        <source>&amp;Pause</source>
        <translation>一時停止(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Follow new lines</source>
        <translation>新しい行を追従(&amp;F)</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>クリア(&amp;L)</translation>
    </message>
    <message>
        <source>Engine log</source>
        <translation>エンジンログ</translation>
    </message>
    <message>
        <source>Reading the engine log failed</source>
        <translation>エンジンログを読み取れませんでした</translation>
    </message>
    <message>
        <source>[older lines were dropped by the engine]</source>
        <translation>[古い行はエンジンによって破棄されました]</translation>
    </message>
</context>
<context>
    <name>gatehouse::LogTableTab</name>
    <message>
        <source>&amp;Apply</source>
        <translation>適用(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Load more</source>
        <translation>さらに読み込む(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>CSV をエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Time range:</source>
        <translation>期間(&amp;T):</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>過去 1 時間</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>過去 24 時間</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>過去 7 日間</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>過去 30 日間</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>全期間</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>レコード</translation>
    </message>
    <message>
        <source>Selected record</source>
        <translation>選択したレコード</translation>
    </message>
    <message>
        <source>Select a record to see all its fields.</source>
        <translation>レコードを選択すると、すべてのフィールドが表示されます。</translation>
    </message>
    <message>
        <source>%1 must be a whole number.</source>
        <translation>%1 には整数を指定してください。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>読み込んでいます…</translation>
    </message>
    <message>
        <source>Loading the log failed</source>
        <translation>ログを読み込めませんでした</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n record(s) loaded</source>
        <translation>
            <numerusform>%n 件中 %1 件のレコードを読み込みました</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) loaded</source>
        <translation>
            <numerusform>%n 件のレコードを読み込みました</numerusform>
        </translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV のエクスポート</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV ファイル (*.csv);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>The file %1 could not be opened: %2</source>
        <translation>ファイル %1 を開けませんでした: %2</translation>
    </message>
    <message>
        <source>Exporting records…</source>
        <translation>レコードをエクスポートしています…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) written…</source>
        <translation>
            <numerusform>%n 件のレコードを書き込みました…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) exported to %1.</source>
        <translation>
            <numerusform>%n 件のレコードを %1 にエクスポートしました。</numerusform>
        </translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>エクスポートはキャンセルされました。</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>エクスポートに失敗しました: %1</translation>
    </message>
</context>
<context>
    <name>gatehouse::LogsPage</name>
    <message>
        <source>Time (UTC)</source>
        <translation>日時 (UTC)</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>サービス</translation>
    </message>
    <message>
        <source>Verb</source>
        <translation>メソッド</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>パス</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>ステータス</translation>
    </message>
    <message>
        <source>Duration (ms)</source>
        <translation>所要時間 (ms)</translation>
    </message>
    <message>
        <source>Request id</source>
        <translation>リクエスト ID</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>ユーザー(&amp;U):</translation>
    </message>
    <message>
        <source>Ser&amp;vice:</source>
        <translation>サービス(&amp;V):</translation>
    </message>
    <message>
        <source>Ver&amp;b:</source>
        <translation>メソッド(&amp;B):</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>すべて</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>ステータス(&amp;S):</translation>
    </message>
    <message>
        <source>Successful (below 400)</source>
        <translation>成功 (400 未満)</translation>
    </message>
    <message>
        <source>Errors (400 and above)</source>
        <translation>エラー (400 以上)</translation>
    </message>
    <message>
        <source>Server errors (500 and above)</source>
        <translation>サーバーエラー (500 以上)</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>エンドポイント</translation>
    </message>
    <message>
        <source>Input tokens</source>
        <translation>入力トークン</translation>
    </message>
    <message>
        <source>Output tokens</source>
        <translation>出力トークン</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>コスト</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>レイテンシ (ms)</translation>
    </message>
    <message>
        <source>&amp;Connection:</source>
        <translation>接続(&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>モデル(&amp;M):</translation>
    </message>
    <message>
        <source>&amp;User id:</source>
        <translation>ユーザー ID(&amp;U):</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Partial</source>
        <translation>一部成功</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>User id</source>
        <translation>ユーザー ID</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>プロンプト</translation>
    </message>
    <message>
        <source>Re&amp;quest id:</source>
        <translation>リクエスト ID(&amp;Q):</translation>
    </message>
    <message>
        <source>&amp;Prompt contains:</source>
        <translation>プロンプトに含む文字列(&amp;P):</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>監査</translation>
    </message>
    <message>
        <source>AI usage</source>
        <translation>AI 使用状況</translation>
    </message>
    <message>
        <source>AI prompts</source>
        <translation>AI プロンプト</translation>
    </message>
    <message>
        <source>Live tail</source>
        <translation>リアルタイム表示</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>ログ</translation>
    </message>
</context>
<context>
    <name>gatehouse::LookupEditorDialog</name>
    <message>
        <source>&amp;Private (sealed, never shown again)</source>
        <translation>非公開 (封印され、今後は表示されません)(&amp;P)</translation>
    </message>
    <message>
        <source>Edit lookup</source>
        <translation>ルックアップの編集</translation>
    </message>
    <message>
        <source>New lookup</source>
        <translation>新しいルックアップ</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>letters, digits, _ and .</source>
        <translation>英字、数字、_ と .</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>unchanged (private)</source>
        <translation>変更なし (非公開)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation>値(&amp;V):</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>説明(&amp;D):</translation>
    </message>
    <message>
        <source>Enter the lookup&apos;s name.</source>
        <translation>ルックアップの名前を入力してください。</translation>
    </message>
    <message>
        <source>A lookup name may hold letters, digits, _ and . only.</source>
        <translation>ルックアップ名には英字、数字、_ と . のみ使用できます。</translation>
    </message>
    <message>
        <source>Names starting with &quot;%1&quot; belong to the built-in lookups.</source>
        <translation>「%1」で始まる名前は組み込みのルックアップ用です。</translation>
    </message>
    <message>
        <source>A private lookup becomes public only with a new value: enter one.</source>
        <translation>非公開のルックアップは、新しい値を設定した場合にのみ公開できます。値を入力してください。</translation>
    </message>
    <message>
        <source>The lookup could not be saved</source>
        <translation>ルックアップを保存できませんでした</translation>
    </message>
</context>
<context>
    <name>gatehouse::LookupsPage</name>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Private</source>
        <translation>非公開</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>&amp;New lookup…</source>
        <translation>新しいルックアップ(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>編集(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>削除(&amp;D)…</translation>
    </message>
    <message>
        <source>Lookups of</source>
        <translation>ルックアップの対象</translation>
    </message>
    <message>
        <source>System</source>
        <translation>システム</translation>
    </message>
    <message>
        <source>An app</source>
        <translation>アプリ</translation>
    </message>
    <message>
        <source>A role</source>
        <translation>ロール</translation>
    </message>
    <message>
        <source>A user</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>所有者</translation>
    </message>
    <message>
        <source>Lookups &amp;of:</source>
        <translation>ルックアップの対象(&amp;O):</translation>
    </message>
    <message>
        <source>&amp;Which:</source>
        <translation>所有者(&amp;W):</translation>
    </message>
    <message>
        <source>System lookups</source>
        <translation>システムのルックアップ</translation>
    </message>
    <message>
        <source>Lookups</source>
        <translation>ルックアップ</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>更新(&amp;R)</translation>
    </message>
    <message>
        <source>The lookups could not be loaded</source>
        <translation>ルックアップを読み込めませんでした</translation>
    </message>
    <message>
        <source>The list to choose from could not be loaded.</source>
        <translation>選択肢の一覧を読み込めませんでした。</translation>
    </message>
    <message>
        <source>Delete lookup</source>
        <translation>ルックアップの削除</translation>
    </message>
    <message>
        <source>Delete the lookup &quot;%1&quot;? Filters and statements that use it stop resolving it.</source>
        <translation>ルックアップ「%1」を削除しますか？このルックアップを使用するフィルターとステートメントでは、値が解決されなくなります。</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>削除(&amp;D)</translation>
    </message>
    <message>
        <source>The lookup could not be deleted</source>
        <translation>ルックアップを削除できませんでした</translation>
    </message>
</context>
<context>
    <name>gatehouse::LoopbackRedirectReceiver</name>
    <message>
        <source>The sign-in was not completed in time. Try again.</source>
        <translation>サインインが時間内に完了しませんでした。もう一度お試しください。</translation>
    </message>
    <message>
        <source>A sign-in needs a state to check the answer against.</source>
        <translation>サインインには、応答を検証するための state が必要です。</translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation>サインインはキャンセルされました。</translation>
    </message>
    <message>
        <source>Sign-in failed</source>
        <translation>サインインに失敗しました</translation>
    </message>
    <message>
        <source>The request is too large.</source>
        <translation>リクエストが大きすぎます。</translation>
    </message>
    <message>
        <source>Only the browser&apos;s redirect is expected here.</source>
        <translation>ここではブラウザーからのリダイレクトのみを受け付けます。</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>見つかりません</translation>
    </message>
    <message>
        <source>Nothing here.</source>
        <translation>ここには何もありません。</translation>
    </message>
    <message>
        <source>This answer does not belong to the sign-in the console started.</source>
        <translation>この応答は、コンソールが開始したサインインのものではありません。</translation>
    </message>
    <message>
        <source>The identity provider sent no sign-in code.</source>
        <translation>ID プロバイダーからサインインコードが送信されませんでした。</translation>
    </message>
    <message>
        <source>The identity provider refused the sign-in (%1).</source>
        <translation>ID プロバイダーがサインインを拒否しました (%1)。</translation>
    </message>
    <message>
        <source>You can close this window.</source>
        <translation>このウィンドウは閉じてかまいません。</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>サインインしました</translation>
    </message>
    <message>
        <source>Gatehouse received your sign-in. You can close this window and return to the console.</source>
        <translation>Gatehouse はサインインを受け取りました。このウィンドウを閉じて、コンソールに戻ってください。</translation>
    </message>
</context>
<context>
    <name>gatehouse::MainWindow</name>
    <message>
        <source>Gatehouse</source>
        <translation>Gatehouse</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>ページ</translation>
    </message>
    <message>
        <source>Reload page</source>
        <translation>ページを再読み込み</translation>
    </message>
    <message>
        <source>The session is not kept: %1</source>
        <translation>セッションは保持されません: %1</translation>
    </message>
</context>
<context>
    <name>gatehouse::MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>メッセージを閉じる</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>メッセージ</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>gatehouse::OidcServiceForm</name>
    <message>
        <source>The issuer must be an https:// URL (http:// only on this computer).</source>
        <translation>発行者 (issuer) には https:// の URL を指定してください (http:// はこのコンピューター上の場合のみ可)。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an http(s) address without a fragment.</source>
        <translation>「%1」は、フラグメントを含まない http(s) アドレスではありません。</translation>
    </message>
    <message>
        <source>Enter the client id registered with the identity provider (or at least the audience).</source>
        <translation>ID プロバイダーに登録されたクライアント ID (または少なくともオーディエンス) を入力してください。</translation>
    </message>
</context>
<context>
    <name>gatehouse::PagedRecordList</name>
    <message>
        <source>Search</source>
        <translation>検索</translation>
    </message>
    <message>
        <source>Search…</source>
        <translation>検索…</translation>
    </message>
    <message numerus="yes">
        <source>Showing %1 of %n record(s); scroll down for more.</source>
        <translation>
            <numerusform>%n 件中 %1 件を表示しています。続きを表示するには下にスクロールしてください。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n 件のレコード</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gatehouse::RoleEditorDialog</name>
    <message>
        <source>Acti&amp;ve</source>
        <translation>有効(&amp;V)</translation>
    </message>
    <message>
        <source>Edit role</source>
        <translation>ロールの編集</translation>
    </message>
    <message>
        <source>New role</source>
        <translation>新しいロール</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>Access rules</source>
        <translation>アクセスルール</translation>
    </message>
    <message>
        <source>Field masks</source>
        <translation>フィールドマスク</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>説明(&amp;D):</translation>
    </message>
    <message>
        <source>The services could not be loaded</source>
        <translation>サービスを読み込めませんでした</translation>
    </message>
    <message>
        <source>The role could not be loaded</source>
        <translation>ロールを読み込めませんでした</translation>
    </message>
    <message>
        <source>Enter the role&apos;s name.</source>
        <translation>ロールの名前を入力してください。</translation>
    </message>
    <message>
        <source>The role could not be saved</source>
        <translation>ロールを保存できませんでした</translation>
    </message>
    <message>
        <source>The role was saved, but its field masks could not be</source>
        <translation>ロールは保存されましたが、フィールドマスクを保存できませんでした</translation>
    </message>
</context>
<context>
    <name>gatehouse::RoleMapTable</name>
    <message>
        <source>Group to role map</source>
        <translation>グループとロールの対応付け</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>グループ</translation>
    </message>
    <message>
        <source>App id (empty: all apps)</source>
        <translation>アプリ ID (空欄: すべてのアプリ)</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>ロール</translation>
    </message>
    <message>
        <source>Add mapping</source>
        <translation>対応付けを追加</translation>
    </message>
    <message>
        <source>Remove mapping</source>
        <translation>対応付けを削除</translation>
    </message>
    <message>
        <source>(choose a role)</source>
        <translation>(ロールを選択)</translation>
    </message>
    <message>
        <source>Role %1</source>
        <translation>ロール %1</translation>
    </message>
    <message>
        <source>Group mapping %1 needs a group.</source>
        <translation>グループの対応付け %1 にはグループが必要です。</translation>
    </message>
    <message>
        <source>Group mapping %1: the app must be an app id or empty.</source>
        <translation>グループの対応付け %1: アプリにはアプリ ID を指定するか、空欄にしてください。</translation>
    </message>
    <message>
        <source>Group mapping %1 needs a role.</source>
        <translation>グループの対応付け %1 にはロールが必要です。</translation>
    </message>
</context>
<context>
    <name>gatehouse::RolesPage</name>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>編集(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>削除(&amp;D)…</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>ロール</translation>
    </message>
    <message>
        <source>&amp;New role…</source>
        <translation>新しいロール(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>更新(&amp;R)</translation>
    </message>
    <message>
        <source>The roles could not be loaded</source>
        <translation>ロールを読み込めませんでした</translation>
    </message>
    <message>
        <source>Delete role</source>
        <translation>ロールの削除</translation>
    </message>
    <message>
        <source>Delete the role &quot;%1&quot;? Apps and users that use it lose that access; its rules, masks, lookups and limits are deleted.</source>
        <translation>ロール「%1」を削除しますか？このロールを使用するアプリとユーザーはそのアクセス権を失い、ロールのルール、マスク、ルックアップ、レート制限は削除されます。</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>削除(&amp;D)</translation>
    </message>
    <message>
        <source>The role could not be deleted</source>
        <translation>ロールを削除できませんでした</translation>
    </message>
</context>
<context>
    <name>gatehouse::RowFilterTable</name>
    <message>
        <source>Row filters</source>
        <translation>行フィルター</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>フィールド</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>演算子</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Values may use lookups such as {user.id} or {app.name}.</source>
        <translation>値には {user.id} や {app.name} などのルックアップを使用できます。</translation>
    </message>
    <message>
        <source>Combine filters with</source>
        <translation>フィルターの結合方法</translation>
    </message>
    <message>
        <source>All must match (AND)</source>
        <translation>すべてに一致 (AND)</translation>
    </message>
    <message>
        <source>Any may match (OR)</source>
        <translation>いずれかに一致 (OR)</translation>
    </message>
    <message>
        <source>Add filte&amp;r</source>
        <translation>フィルターを追加(&amp;R)</translation>
    </message>
    <message>
        <source>Remove filt&amp;er</source>
        <translation>フィルターを削除(&amp;E)</translation>
    </message>
    <message>
        <source>Com&amp;bine:</source>
        <translation>結合方法(&amp;B):</translation>
    </message>
    <message>
        <source>Filter %1 needs a field.</source>
        <translation>フィルター %1 にはフィールドが必要です。</translation>
    </message>
    <message>
        <source>Filter %1 (%2 %3) needs a value.</source>
        <translation>フィルター %1 (%2 %3) には値が必要です。</translation>
    </message>
</context>
<context>
    <name>gatehouse::RwsRuleTable</name>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Exclude</source>
        <translation>除外</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>送信</translation>
    </message>
    <message>
        <source>Cache key</source>
        <translation>キャッシュキー</translation>
    </message>
    <message>
        <source>Pass from client</source>
        <translation>クライアントから転送</translation>
    </message>
    <message>
        <source>Remove the client&apos;s parameter of this name from the outbound call.</source>
        <translation>この名前のクライアントのパラメーターを送信先への呼び出しから取り除きます。</translation>
    </message>
    <message>
        <source>Send this parameter to the remote service (the value may use lookups such as {api_key}).</source>
        <translation>このパラメーターをリモートサービスに送ります (値には {api_key} などのルックアップを使えます)。</translation>
    </message>
    <message>
        <source>Make this parameter part of the response cache key.</source>
        <translation>このパラメーターをレスポンスキャッシュのキーに含めます。</translation>
    </message>
    <message>
        <source>Copy the client&apos;s header of this name instead of sending a fixed value.</source>
        <translation>固定値を送る代わりに、この名前のクライアントのヘッダーをコピーします。</translation>
    </message>
    <message>
        <source>The rule applies to %1 requests.</source>
        <translation>このルールは %1 リクエストに適用されます。</translation>
    </message>
    <message>
        <source>Add parameter</source>
        <translation>パラメーターを追加</translation>
    </message>
    <message>
        <source>Add header</source>
        <translation>ヘッダーを追加</translation>
    </message>
    <message>
        <source>Remove parameter</source>
        <translation>パラメーターを削除</translation>
    </message>
    <message>
        <source>Remove header</source>
        <translation>ヘッダーを削除</translation>
    </message>
    <message>
        <source>%1, row %2 needs a name.</source>
        <translation>%1 の %2 行目には名前が必要です。</translation>
    </message>
    <message>
        <source>%1, row %2 applies to no verb: tick at least one.</source>
        <translation>%1 の %2 行目はどのメソッドにも適用されません。少なくとも 1 つ選んでください。</translation>
    </message>
</context>
<context>
    <name>gatehouse::RwsServiceForm</name>
    <message>
        <source>Private (10.x, 192.168.x, …), loopback (127.0.0.1, localhost) and link-local (169.254.x) addresses are refused unless their host, or host:port, is listed here, also when a redirect leads there.</source>
        <translation>プライベート (10.x、192.168.x など)、ループバック (127.0.0.1、localhost)、リンクローカル (169.254.x) のアドレスは、そのホストまたは host:port がここに記載されていない限り拒否されます。リダイレクト先の場合も同様です。</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>パラメーター</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>ヘッダー</translation>
    </message>
</context>
<context>
    <name>gatehouse::SchemaBrowserDialog</name>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>型</translation>
    </message>
    <message>
        <source>Database type</source>
        <translation>データベースの型</translation>
    </message>
    <message>
        <source>Nullable</source>
        <translation>NULL 許容</translation>
    </message>
    <message>
        <source>Primary key</source>
        <translation>主キー</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>既定値</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>フィールド</translation>
    </message>
    <message>
        <source>Related table</source>
        <translation>関連テーブル</translation>
    </message>
    <message>
        <source>Related field</source>
        <translation>関連フィールド</translation>
    </message>
    <message>
        <source>Relationships</source>
        <translation>リレーションシップ</translation>
    </message>
    <message>
        <source>&amp;Previous</source>
        <translation>前へ(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>次へ(&amp;N)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Browse %1</source>
        <translation>%1 の参照</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>テーブル</translation>
    </message>
    <message>
        <source>T&amp;ables:</source>
        <translation>テーブル(&amp;A):</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>レコード</translation>
    </message>
    <message>
        <source>Stop loading</source>
        <translation>読み込みを停止</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>読み込み中</translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation>列(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Relationships</source>
        <translation>リレーションシップ(&amp;R)</translation>
    </message>
    <message>
        <source>Rec&amp;ords</source>
        <translation>レコード(&amp;O)</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>再読み込み(&amp;L)</translation>
    </message>
    <message>
        <source>The tables could not be loaded</source>
        <translation>テーブルを読み込めませんでした</translation>
    </message>
    <message>
        <source>The table %1 could not be described</source>
        <translation>テーブル %1 の構造を取得できませんでした</translation>
    </message>
    <message>
        <source>The records of %1 could not be loaded</source>
        <translation>%1 のレコードを読み込めませんでした</translation>
    </message>
    <message>
        <source>Choose a table.</source>
        <translation>テーブルを選択してください。</translation>
    </message>
    <message>
        <source>No records.</source>
        <translation>レコードがありません。</translation>
    </message>
    <message>
        <source>Records %1–%2 of %3</source>
        <translation>レコード %1–%2 (全 %3 件)</translation>
    </message>
    <message>
        <source>Records %1–%2</source>
        <translation>レコード %1–%2</translation>
    </message>
</context>
<context>
    <name>gatehouse::ScriptTestPanel</name>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>CPU time limit reached</source>
        <translation>CPU 時間の上限に達しました</translation>
    </message>
    <message>
        <source>Memory limit reached</source>
        <translation>メモリの上限に達しました</translation>
    </message>
    <message>
        <source>Too deeply nested platform.api calls</source>
        <translation>platform.api 呼び出しの入れ子が深すぎます</translation>
    </message>
    <message>
        <source>Stopped (the engine is shutting down)</source>
        <translation>停止しました (エンジンの終了中)</translation>
    </message>
    <message>
        <source>Run with sample</source>
        <translation>サンプルで実行</translation>
    </message>
    <message>
        <source>Refresh errors</source>
        <translation>エラーを更新</translation>
    </message>
    <message>
        <source>Clear errors</source>
        <translation>エラーを消去</translation>
    </message>
    <message>
        <source>Sample request method</source>
        <translation>サンプルリクエストのメソッド</translation>
    </message>
    <message>
        <source>Sample request path</source>
        <translation>サンプルリクエストのパス</translation>
    </message>
    <message>
        <source>Path below the service, e.g. orders/5</source>
        <translation>サービス以下のパス (例: orders/5)</translation>
    </message>
    <message>
        <source>e.g. db/_table/orders</source>
        <translation>例: db/_table/orders</translation>
    </message>
    <message>
        <source>Sample query parameters (JSON object)</source>
        <translation>サンプルのクエリパラメーター (JSON オブジェクト)</translation>
    </message>
    <message>
        <source>Sample request body (JSON)</source>
        <translation>サンプルリクエストの本文 (JSON)</translation>
    </message>
    <message>
        <source>Runs the script as it is in the editor, without saving it. Calls it makes through platform.api are real and run as you.</source>
        <translation>エディターにあるままのスクリプトを保存せずに実行します。platform.api による呼び出しは実際に行われ、あなたの権限で実行されます。</translation>
    </message>
    <message>
        <source>Run result</source>
        <translation>実行結果</translation>
    </message>
    <message>
        <source>Response content</source>
        <translation>レスポンスの内容</translation>
    </message>
    <message>
        <source>Event after the run</source>
        <translation>実行後のイベント</translation>
    </message>
    <message>
        <source>Script log</source>
        <translation>スクリプトのログ</translation>
    </message>
    <message>
        <source>Request:</source>
        <translation>リクエスト:</translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation>パラメーター:</translation>
    </message>
    <message>
        <source>Body:</source>
        <translation>本文:</translation>
    </message>
    <message>
        <source>Sample response (JSON, for post_process scripts)</source>
        <translation>サンプルレスポンス (JSON、post_process スクリプト用)</translation>
    </message>
    <message>
        <source>Response:</source>
        <translation>レスポンス:</translation>
    </message>
    <message>
        <source>What the service answered; post_process scripts see and may change it.</source>
        <translation>サービスの応答です。post_process スクリプトはこれを参照し、変更できます。</translation>
    </message>
    <message>
        <source>Log:</source>
        <translation>ログ:</translation>
    </message>
    <message>
        <source>Run with sample request</source>
        <translation>サンプルリクエストで実行</translation>
    </message>
    <message>
        <source>Last errors of this script</source>
        <translation>このスクリプトの最近のエラー</translation>
    </message>
    <message>
        <source>Double-click or press Enter on an error to go to its line.</source>
        <translation>エラーをダブルクリックするか Enter キーを押すと、その行に移動します。</translation>
    </message>
    <message>
        <source>Forgets the errors recorded for this script.</source>
        <translation>このスクリプトについて記録されたエラーを消去します。</translation>
    </message>
    <message>
        <source>Last errors</source>
        <translation>最近のエラー</translation>
    </message>
    <message>
        <source>%1 is not valid JSON.</source>
        <translation>%1 は有効な JSON ではありません。</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>パラメーター</translation>
    </message>
    <message>
        <source>Parameters must be a JSON object, e.g. {&quot;id&quot;: 5}.</source>
        <translation>パラメーターは JSON オブジェクトでなければなりません (例: {&quot;id&quot;: 5})。</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>本文</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>レスポンス</translation>
    </message>
    <message>
        <source>The script is empty.</source>
        <translation>スクリプトが空です。</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>実行中…</translation>
    </message>
    <message>
        <source>The script could not run: %1</source>
        <translation>スクリプトを実行できませんでした: %1</translation>
    </message>
    <message>
        <source>Go to line %1</source>
        <translation>%1 行目へ移動</translation>
    </message>
    <message>
        <source>Status %1 in %2 ms</source>
        <translation>ステータス %1 (%2 ms)</translation>
    </message>
    <message>
        <source>Ran in %1 ms</source>
        <translation>%1 ms で実行しました</translation>
    </message>
    <message>
        <source>Failed after %1 ms</source>
        <translation>%1 ms 後に失敗しました</translation>
    </message>
    <message>
        <source>Errors are listed once the script has a name.</source>
        <translation>スクリプトに名前を付けるとエラーが一覧表示されます。</translation>
    </message>
    <message>
        <source>The errors could not be loaded: %1</source>
        <translation>エラーを読み込めませんでした: %1</translation>
    </message>
    <message>
        <source>(line %1)</source>
        <translation>(%1 行目)</translation>
    </message>
    <message>
        <source>Request %1</source>
        <translation>リクエスト %1</translation>
    </message>
    <message>
        <source>No errors recorded.</source>
        <translation>記録されたエラーはありません。</translation>
    </message>
    <message>
        <source>Errors: %1</source>
        <translation>エラー: %1</translation>
    </message>
    <message>
        <source>The errors were not cleared: %1</source>
        <translation>エラーは消去されませんでした: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Failed after %1 ms: %2</source>
        <translation>%1 ms 後に失敗しました: %2</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>gatehouse::ServiceConfigForm</name>
    <message>
        <source>one value expected</source>
        <translation>値は 1 つだけ指定してください</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
    <message>
        <source>%1 (required)</source>
        <translation>%1 (必須)</translation>
    </message>
    <message>
        <source>One per line; default: %1</source>
        <translation>1 行に 1 つ。既定値: %1</translation>
    </message>
    <message>
        <source>One entry per line</source>
        <translation>1 行に 1 項目</translation>
    </message>
    <message>
        <source>(default: %1)</source>
        <translation>(既定値: %1)</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(未設定)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(なし)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Role %1</source>
        <translation>ロール %1</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2</source>
        <translation>%1 は有効な JSON ではありません: %2</translation>
    </message>
    <message>
        <source>%1 is required.</source>
        <translation>%1 は必須です。</translation>
    </message>
    <message>
        <source>%1 is required: %2</source>
        <translation>%1 は必須です: %2</translation>
    </message>
    <message>
        <source>%1 must be an http:// or https:// address.</source>
        <translation>%1 には http:// または https:// のアドレスを指定してください。</translation>
    </message>
</context>
<context>
    <name>gatehouse::ServiceEditorDialog</name>
    <message>
        <source>&amp;Active (offered for sign-in)</source>
        <translation>有効 (サインインに表示)(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>テスト(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Edit %1 service %2</source>
        <translation>%1 サービス %2 の編集</translation>
    </message>
    <message>
        <source>New %1 service</source>
        <translation>新しい %1 サービス</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation>ラベル(&amp;L):</translation>
    </message>
    <message>
        <source>Service name</source>
        <translation>サービス名</translation>
    </message>
    <message>
        <source>Used in URLs and sign-in requests: letters, digits, &apos;_&apos;, &apos;-&apos; and &apos;.&apos;.</source>
        <translation>URL とサインインリクエストで使用されます: 英字、数字、&apos;_&apos;、&apos;-&apos;、&apos;.&apos;。</translation>
    </message>
    <message>
        <source>Service label</source>
        <translation>サービスのラベル</translation>
    </message>
    <message>
        <source>Shown on the sign-in screen, e.g. &quot;Sign in with &lt;label&gt;&quot;.</source>
        <translation>サインイン画面に表示されます (例: 「&lt;label&gt; でサインイン」)。</translation>
    </message>
    <message>
        <source>Tries this configuration against the server without saving it.</source>
        <translation>保存せずに、この構成をサーバーに対してテストします。</translation>
    </message>
    <message>
        <source>Test result</source>
        <translation>テスト結果</translation>
    </message>
    <message>
        <source>Test steps</source>
        <translation>テストの手順</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>The roles could not be loaded: %1</source>
        <translation>ロールを読み込めませんでした: %1</translation>
    </message>
    <message>
        <source>Enter a name for the service.</source>
        <translation>サービスの名前を入力してください。</translation>
    </message>
    <message>
        <source>The name may use letters, digits, &apos;_&apos;, &apos;-&apos; and &apos;.&apos; only, and not start with &apos;_&apos;.</source>
        <translation>名前には英字、数字、&apos;_&apos;、&apos;-&apos;、&apos;.&apos; のみ使用でき、&apos;_&apos; で始めることはできません。</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>テスト中…</translation>
    </message>
    <message>
        <source>The test could not run.</source>
        <translation>テストを実行できませんでした。</translation>
    </message>
    <message>
        <source>✔ %1: %2</source>
        <translation>✔ %1: %2</translation>
    </message>
    <message>
        <source>✘ %1: %2</source>
        <translation>✘ %1: %2</translation>
    </message>
    <message>
        <source>Passed: %1. %2</source>
        <translation>成功: %1。%2</translation>
    </message>
    <message>
        <source>Failed: %1. %2</source>
        <translation>失敗: %1。%2</translation>
    </message>
    <message>
        <source>The test passed.</source>
        <translation>テストに成功しました。</translation>
    </message>
    <message>
        <source>The test failed.</source>
        <translation>テストに失敗しました。</translation>
    </message>
    <message>
        <source>The service was not saved: %1</source>
        <translation>サービスは保存されませんでした: %1</translation>
    </message>
    <message>
        <source>&amp;Active</source>
        <translation>有効(&amp;A)</translation>
    </message>
    <message>
        <source>A display name for the service.</source>
        <translation>サービスの表示名です。</translation>
    </message>
    <message>
        <source>The form of this service type could not be loaded: %1</source>
        <translation>このサービスの種類のフォームを読み込めませんでした: %1</translation>
    </message>
</context>
<context>
    <name>gatehouse::ServicesPage</name>
    <message>
        <source>&amp;Edit…</source>
        <translation>編集(&amp;E)…</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>サービス</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>ラベル</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>更新(&amp;R)</translation>
    </message>
    <message>
        <source>The services could not be loaded</source>
        <translation>サービスを読み込めませんでした</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新規(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>削除(&amp;D)…</translation>
    </message>
    <message>
        <source>Deac&amp;tivate</source>
        <translation>無効化(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>参照(&amp;B)…</translation>
    </message>
    <message>
        <source>Create a service of one of the engine&apos;s types.</source>
        <translation>エンジンで使用できる種類のサービスを作成します。</translation>
    </message>
    <message>
        <source>Tables, columns, relationships and records of a database service.</source>
        <translation>データベースサービスのテーブル、列、リレーションシップ、レコードを参照します。</translation>
    </message>
    <message>
        <source>Delete service</source>
        <translation>サービスの削除</translation>
    </message>
    <message>
        <source>Ac&amp;tivate</source>
        <translation>有効化(&amp;T)</translation>
    </message>
    <message>
        <source>Only database services have tables to browse.</source>
        <translation>参照できるテーブルがあるのはデータベースサービスのみです。</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <source>The service types could not be loaded</source>
        <translation>サービスの種類を読み込めませんでした</translation>
    </message>
    <message>
        <source>Delete the service &quot;%1&quot;? Apps and roles that use it lose access to it.</source>
        <translation>サービス「%1」を削除しますか？このサービスを使用するアプリとロールは、このサービスにアクセスできなくなります。</translation>
    </message>
    <message>
        <source>The service %1 was not deleted</source>
        <translation>サービス %1 は削除されませんでした</translation>
    </message>
    <message>
        <source>The service %1 was deleted.</source>
        <translation>サービス %1 を削除しました。</translation>
    </message>
    <message>
        <source>The service %1 was not deactivated</source>
        <translation>サービス %1 は無効化されませんでした</translation>
    </message>
    <message>
        <source>The service %1 was not activated</source>
        <translation>サービス %1 は有効化されませんでした</translation>
    </message>
    <message>
        <source>The service %1 is inactive now.</source>
        <translation>サービス %1 は無効になりました。</translation>
    </message>
    <message>
        <source>The service %1 is active now.</source>
        <translation>サービス %1 は有効になりました。</translation>
    </message>
    <message>
        <source>Event scri&amp;pts…</source>
        <translation>イベントスクリプト(&amp;P)…</translation>
    </message>
    <message>
        <source>Scripts that run before or after calls to a service.</source>
        <translation>サービスの呼び出しの前後に実行されるスクリプトです。</translation>
    </message>
</context>
<context>
    <name>gatehouse::SettingsPage</name>
    <message>
        <source> days</source>
        <translation> 日</translation>
    </message>
    <message>
        <source>Keep forever</source>
        <translation>無期限に保持</translation>
    </message>
    <message>
        <source>&amp;Save engine settings</source>
        <translation>エンジン設定を保存(&amp;S)</translation>
    </message>
    <message>
        <source>A&amp;dd rule</source>
        <translation>ルールを追加(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Remove rule</source>
        <translation>ルールを削除(&amp;R)</translation>
    </message>
    <message>
        <source>Listen address</source>
        <translation>待ち受けアドレス</translation>
    </message>
    <message>
        <source>127.0.0.1, 0.0.0.0 or ::1</source>
        <translation>127.0.0.1、0.0.0.0 または ::1</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>TLS certificate file</source>
        <translation>TLS 証明書ファイル</translation>
    </message>
    <message>
        <source>Empty: plain HTTP</source>
        <translation>空欄: 通常の HTTP</translation>
    </message>
    <message>
        <source>TLS private key file</source>
        <translation>TLS 秘密鍵ファイル</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Choose the TLS certificate file</source>
        <translation>TLS 証明書ファイルを選択</translation>
    </message>
    <message>
        <source>Choose the TLS private key file</source>
        <translation>TLS 秘密鍵ファイルを選択</translation>
    </message>
    <message>
        <source>TLS certificate (PEM)</source>
        <translation>TLS 証明書 (PEM)</translation>
    </message>
    <message>
        <source>TLS private key (PEM, unencrypted)</source>
        <translation>TLS 秘密鍵 (PEM、暗号化なし)</translation>
    </message>
    <message>
        <source>Audit log retention in days</source>
        <translation>監査ログの保持日数</translation>
    </message>
    <message>
        <source>AI usage log retention in days</source>
        <translation>AI 使用状況ログの保持日数</translation>
    </message>
    <message>
        <source>AI prompt log retention in days</source>
        <translation>AI プロンプトログの保持日数</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>エンジン</translation>
    </message>
    <message>
        <source>&amp;Listen address:</source>
        <translation>待ち受けアドレス(&amp;L):</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>ポート(&amp;O):</translation>
    </message>
    <message>
        <source>TLS &amp;certificate:</source>
        <translation>TLS 証明書(&amp;C):</translation>
    </message>
    <message>
        <source>TLS private &amp;key:</source>
        <translation>TLS 秘密鍵(&amp;K):</translation>
    </message>
    <message>
        <source>Log retention</source>
        <translation>ログの保持</translation>
    </message>
    <message>
        <source>&amp;Audit log:</source>
        <translation>監査ログ(&amp;A):</translation>
    </message>
    <message>
        <source>AI &amp;usage log:</source>
        <translation>AI 使用状況ログ(&amp;U):</translation>
    </message>
    <message>
        <source>AI &amp;prompt log:</source>
        <translation>AI プロンプトログ(&amp;P):</translation>
    </message>
    <message>
        <source>The engine reads these settings when it starts: saved changes take effect after a restart.</source>
        <translation>エンジンはこれらの設定を起動時に読み込みます。保存した変更は再起動後に有効になります。</translation>
    </message>
    <message>
        <source>Engine status</source>
        <translation>エンジンの状態</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>データフォルダー:</translation>
    </message>
    <message>
        <source>Config file:</source>
        <translation>設定ファイル:</translation>
    </message>
    <message>
        <source>Secret store:</source>
        <translation>シークレットストア:</translation>
    </message>
    <message>
        <source>CORS (browser access from other origins)</source>
        <translation>CORS (他のオリジンからのブラウザーアクセス)</translation>
    </message>
    <message>
        <source>CORS rules</source>
        <translation>CORS ルール</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>パス</translation>
    </message>
    <message>
        <source>Origins</source>
        <translation>オリジン</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>CORS path pattern</source>
        <translation>CORS パスパターン</translation>
    </message>
    <message>
        <source>* or a path such as db/*</source>
        <translation>* または db/* などのパス</translation>
    </message>
    <message>
        <source>Allowed origins</source>
        <translation>許可するオリジン</translation>
    </message>
    <message>
        <source>https://app.example.com, comma-separated</source>
        <translation>https://app.example.com (カンマ区切り)</translation>
    </message>
    <message>
        <source>Pat&amp;h:</source>
        <translation>パス(&amp;H):</translation>
    </message>
    <message>
        <source>Allowed or&amp;igins:</source>
        <translation>許可するオリジン(&amp;I):</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>コンソール</translation>
    </message>
    <message>
        <source>Console language</source>
        <translation>コンソールの言語</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>システムの言語</translation>
    </message>
    <message>
        <source>Console theme</source>
        <translation>コンソールのテーマ</translation>
    </message>
    <message>
        <source>System</source>
        <translation>システム</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>ライト</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>ダーク</translation>
    </message>
    <message>
        <source>A new language takes effect when the console restarts.</source>
        <translation>新しい言語はコンソールの再起動後に有効になります。</translation>
    </message>
    <message>
        <source>La&amp;nguage:</source>
        <translation>言語(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>テーマ(&amp;T):</translation>
    </message>
    <message>
        <source>The engine settings could not be loaded</source>
        <translation>エンジン設定を読み込めませんでした</translation>
    </message>
    <message>
        <source>%1 (read-only: settings cannot be saved from here)</source>
        <translation>%1 (読み取り専用: ここから設定を保存することはできません)</translation>
    </message>
    <message>
        <source>OS keychain (secrets are kept by the operating system)</source>
        <translation>OS のキーチェーン (シークレットはオペレーティングシステムが保管します)</translation>
    </message>
    <message>
        <source>Sealed (secrets are encrypted with the master key in the data folder)</source>
        <translation>封印 (シークレットはデータフォルダー内のマスターキーで暗号化されます)</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>使用できません</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>listen address</source>
        <translation>待ち受けアドレス</translation>
    </message>
    <message>
        <source>port</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>TLS certificate</source>
        <translation>TLS 証明書</translation>
    </message>
    <message>
        <source>TLS private key</source>
        <translation>TLS 秘密鍵</translation>
    </message>
    <message>
        <source>audit log retention</source>
        <translation>監査ログの保持期間</translation>
    </message>
    <message>
        <source>AI usage log retention</source>
        <translation>AI 使用状況ログの保持期間</translation>
    </message>
    <message>
        <source>AI prompt log retention</source>
        <translation>AI プロンプトログの保持期間</translation>
    </message>
    <message>
        <source>log level</source>
        <translation>ログレベル</translation>
    </message>
    <message>
        <source>Saved, waiting for an engine restart: %1</source>
        <translation>保存済み。エンジンの再起動待ち: %1</translation>
    </message>
    <message>
        <source>The port must be a whole number from 1 to 65535.</source>
        <translation>ポートには 1 から 65535 までの整数を指定してください。</translation>
    </message>
    <message>
        <source>The listen address must be an IP address such as 127.0.0.1, 0.0.0.0 or ::1.</source>
        <translation>待ち受けアドレスには 127.0.0.1、0.0.0.0、::1 などの IP アドレスを指定してください。</translation>
    </message>
    <message>
        <source>Set both the TLS certificate and its private key, or clear both to serve plain HTTP.</source>
        <translation>TLS 証明書と秘密鍵の両方を設定するか、通常の HTTP で提供する場合は両方を空欄にしてください。</translation>
    </message>
    <message>
        <source>Nothing to save: the settings are unchanged.</source>
        <translation>設定が変更されていないため、保存する内容はありません。</translation>
    </message>
    <message>
        <source>The engine settings were not saved</source>
        <translation>エンジン設定は保存されませんでした</translation>
    </message>
    <message>
        <source>Saved to %1. Restart the engine for the changes to take effect.</source>
        <translation>%1 に保存しました。変更を有効にするには、エンジンを再起動してください。</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM ファイル (*.pem *.crt *.key);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>The CORS rules could not be loaded</source>
        <translation>CORS ルールを読み込めませんでした</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>Enter the path the rule applies to, such as * or db/*.</source>
        <translation>ルールを適用するパス (* や db/* など) を入力してください。</translation>
    </message>
    <message>
        <source>Enter at least one allowed origin, such as https://app.example.com or *.</source>
        <translation>許可するオリジン (https://app.example.com や * など) を 1 つ以上入力してください。</translation>
    </message>
    <message>
        <source>The CORS rule was not added</source>
        <translation>CORS ルールは追加されませんでした</translation>
    </message>
    <message>
        <source>The CORS rule was not removed</source>
        <translation>CORS ルールは削除されませんでした</translation>
    </message>
    <message>
        <source>The console will use the new language the next time it starts.</source>
        <translation>コンソールは次回の起動時から新しい言語を使用します。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
</context>
<context>
    <name>gatehouse::SignInDialog</name>
    <message>
        <source>&amp;Sign in</source>
        <translation>サインイン(&amp;S)</translation>
    </message>
    <message>
        <source>Directory account</source>
        <translation>ディレクトリアカウント</translation>
    </message>
    <message>
        <source>Direc&amp;tory:</source>
        <translation>ディレクトリ(&amp;T):</translation>
    </message>
    <message>
        <source>Sign in with &amp;directory account</source>
        <translation>ディレクトリアカウントでサインイン(&amp;D)</translation>
    </message>
    <message>
        <source>Single sign-on</source>
        <translation>シングルサインオン</translation>
    </message>
    <message>
        <source>&amp;Cancel browser sign-in</source>
        <translation>ブラウザーでのサインインをキャンセル(&amp;C)</translation>
    </message>
    <message>
        <source>Sign in to Gatehouse</source>
        <translation>Gatehouse にサインイン</translation>
    </message>
    <message>
        <source>Gatehouse admin account</source>
        <translation>Gatehouse 管理者アカウント</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>メールアドレス(&amp;E):</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>パスワード(&amp;P):</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>メールアドレス</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>ユーザー名(&amp;U):</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>パスワード(&amp;W):</translation>
    </message>
    <message>
        <source>Directory service</source>
        <translation>ディレクトリサービス</translation>
    </message>
    <message>
        <source>Directory username</source>
        <translation>ディレクトリのユーザー名</translation>
    </message>
    <message>
        <source>Directory password</source>
        <translation>ディレクトリのパスワード</translation>
    </message>
    <message>
        <source>Sign-in status</source>
        <translation>サインインの状態</translation>
    </message>
    <message>
        <source>Sign-in error</source>
        <translation>サインインエラー</translation>
    </message>
    <message>
        <source>Asking the engine how to sign in…</source>
        <translation>サインイン方法をエンジンに問い合わせています…</translation>
    </message>
    <message>
        <source>The sign-in options could not be loaded: %1</source>
        <translation>サインインオプションを読み込めませんでした: %1</translation>
    </message>
    <message>
        <source>Directory account: %1</source>
        <translation>ディレクトリアカウント: %1</translation>
    </message>
    <message>
        <source>Sign in with %1</source>
        <translation>%1 でサインイン</translation>
    </message>
    <message>
        <source>Opens your web browser to sign in with %1.</source>
        <translation>Web ブラウザーを開いて %1 でサインインします。</translation>
    </message>
    <message>
        <source>Enter your email address and password.</source>
        <translation>メールアドレスとパスワードを入力してください。</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>サインインしています…</translation>
    </message>
    <message>
        <source>Enter your directory username and password.</source>
        <translation>ディレクトリのユーザー名とパスワードを入力してください。</translation>
    </message>
    <message>
        <source>Signing in through %1…</source>
        <translation>%1 経由でサインインしています…</translation>
    </message>
    <message>
        <source>The console cannot receive the browser&apos;s answer: %1</source>
        <translation>コンソールはブラウザーからの応答を受け取れません: %1</translation>
    </message>
    <message>
        <source>Continue in your web browser to sign in with %1…</source>
        <translation>Web ブラウザーで %1 へのサインインを続行してください…</translation>
    </message>
    <message>
        <source>The web browser could not be opened. Open this address yourself: %1</source>
        <translation>Web ブラウザーを開けませんでした。次のアドレスを手動で開いてください: %1</translation>
    </message>
    <message>
        <source>Completing the sign-in…</source>
        <translation>サインインを完了しています…</translation>
    </message>
    <message>
        <source>The engine answered without a session.</source>
        <translation>エンジンからセッションのない応答が返されました。</translation>
    </message>
</context>
<context>
    <name>gatehouse::TryItPanel</name>
    <message>
        <source>Parameter</source>
        <translation>パラメーター</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Sen&amp;d</source>
        <translation>送信(&amp;D)</translation>
    </message>
    <message>
        <source>Cance&amp;l</source>
        <translation>キャンセル(&amp;L)</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>メソッド</translation>
    </message>
    <message>
        <source>Path below /api/v2</source>
        <translation>/api/v2 以下のパス</translation>
    </message>
    <message>
        <source>Below /api/v2, e.g. demo/_table/customers. Replace {placeholders} before sending.</source>
        <translation>/api/v2 以下のパス (例: demo/_table/customers)。送信前に {プレースホルダー} を置き換えてください。</translation>
    </message>
    <message>
        <source>Query parameters</source>
        <translation>クエリパラメーター</translation>
    </message>
    <message>
        <source>JSON body</source>
        <translation>JSON 本文</translation>
    </message>
    <message>
        <source>JSON body (optional)</source>
        <translation>JSON 本文 (省略可)</translation>
    </message>
    <message>
        <source>Request in progress</source>
        <translation>リクエストを処理中</translation>
    </message>
    <message>
        <source>Response body</source>
        <translation>レスポンス本文</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>メソッド(&amp;M):</translation>
    </message>
    <message>
        <source>Pat&amp;h:</source>
        <translation>パス(&amp;H):</translation>
    </message>
    <message>
        <source>&amp;Query parameters:</source>
        <translation>クエリパラメーター(&amp;Q):</translation>
    </message>
    <message>
        <source>&amp;Body:</source>
        <translation>本文(&amp;B):</translation>
    </message>
    <message>
        <source>&amp;Response:</source>
        <translation>レスポンス(&amp;R):</translation>
    </message>
    <message>
        <source>Enter a path, e.g. demo/_table/customers.</source>
        <translation>パスを入力してください (例: demo/_table/customers)。</translation>
    </message>
    <message>
        <source>Replace the {placeholders} in the path before sending.</source>
        <translation>送信前に、パス内の {プレースホルダー} を置き換えてください。</translation>
    </message>
    <message>
        <source>The body is not valid JSON: %1 (at character %2).</source>
        <translation>本文が有効な JSON ではありません: %1 (%2 文字目)。</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>送信しています…</translation>
    </message>
    <message>
        <source>Cancelled after %1 ms.</source>
        <translation>%1 ms 後にキャンセルしました。</translation>
    </message>
    <message>
        <source>No answer: %1</source>
        <translation>応答がありません: %1</translation>
    </message>
    <message>
        <source>Status %1 · %2 ms</source>
        <translation>ステータス %1 · %2 ms</translation>
    </message>
    <message>
        <source>Status %1 · %2 ms · %3</source>
        <translation>ステータス %1 · %2 ms · %3</translation>
    </message>
    <message>
        <source>Request id: %1</source>
        <translation>リクエスト ID: %1</translation>
    </message>
    <message>
        <source>(The answer has no body.)</source>
        <translation>(応答に本文がありません。)</translation>
    </message>
    <message>
        <source>no content type</source>
        <translation>コンテンツタイプなし</translation>
    </message>
    <message numerus="yes">
        <source>(A binary answer: %n byte(s) of %1.)</source>
        <translation>
            <numerusform>(バイナリの応答: %1 の %n バイト。)</numerusform>
        </translation>
    </message>
    <message>
        <source>(The first %1 of %2 bytes of %3.)</source>
        <translation>(%3 の %2 バイト中、先頭の %1 バイト。)</translation>
    </message>
</context>
<context>
    <name>gatehouse::UserEditorDialog</name>
    <message>
        <source>Email</source>
        <translation>メールアドレス</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>表示名</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>名</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>姓</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>Confirm password</source>
        <translation>パスワードの確認</translation>
    </message>
    <message>
        <source>Acti&amp;ve (may sign in)</source>
        <translation>有効 (サインイン可能)(&amp;V)</translation>
    </message>
    <message>
        <source>Directory account</source>
        <translation>ディレクトリアカウント</translation>
    </message>
    <message>
        <source>Identity service</source>
        <translation>ID サービス</translation>
    </message>
    <message>
        <source>Directory user name</source>
        <translation>ディレクトリのユーザー名</translation>
    </message>
    <message>
        <source>Edit user</source>
        <translation>ユーザーの編集</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>新しいユーザー</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>変更なし</translation>
    </message>
    <message>
        <source>Identity servi&amp;ce:</source>
        <translation>ID サービス(&amp;C):</translation>
    </message>
    <message>
        <source>Directory &amp;user:</source>
        <translation>ディレクトリユーザー(&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>メールアドレス(&amp;E):</translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation>表示名(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation>名(&amp;F):</translation>
    </message>
    <message>
        <source>L&amp;ast name:</source>
        <translation>姓(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>パスワード(&amp;P):</translation>
    </message>
    <message>
        <source>Confir&amp;m password:</source>
        <translation>パスワードの確認(&amp;M):</translation>
    </message>
    <message>
        <source>&amp;Role per app:</source>
        <translation>アプリごとのロール(&amp;R):</translation>
    </message>
    <message>
        <source>The user could not be loaded</source>
        <translation>ユーザーを読み込めませんでした</translation>
    </message>
    <message>
        <source>managed by the directory</source>
        <translation>ディレクトリで管理</translation>
    </message>
    <message>
        <source>The apps could not be loaded</source>
        <translation>アプリを読み込めませんでした</translation>
    </message>
    <message>
        <source>The roles could not be loaded</source>
        <translation>ロールを読み込めませんでした</translation>
    </message>
    <message>
        <source>Enter a valid email address.</source>
        <translation>有効なメールアドレスを入力してください。</translation>
    </message>
    <message>
        <source>Enter a display name.</source>
        <translation>表示名を入力してください。</translation>
    </message>
    <message>
        <source>Enter a password for the new user.</source>
        <translation>新しいユーザーのパスワードを入力してください。</translation>
    </message>
    <message>
        <source>The password needs at least 8 characters.</source>
        <translation>パスワードは 8 文字以上にしてください。</translation>
    </message>
    <message>
        <source>The password and its confirmation differ.</source>
        <translation>パスワードと確認用パスワードが一致しません。</translation>
    </message>
    <message>
        <source>The user could not be saved</source>
        <translation>ユーザーを保存できませんでした</translation>
    </message>
</context>
<context>
    <name>gatehouse::UsersPage</name>
    <message>
        <source>Email</source>
        <translation>メールアドレス</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>Directory user</source>
        <translation>ディレクトリユーザー</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>最終サインイン</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>編集(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>削除(&amp;D)…</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>&amp;New user…</source>
        <translation>新しいユーザー(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>更新(&amp;R)</translation>
    </message>
    <message>
        <source>The users could not be loaded</source>
        <translation>ユーザーを読み込めませんでした</translation>
    </message>
    <message>
        <source>Delete user</source>
        <translation>ユーザーの削除</translation>
    </message>
    <message>
        <source>Delete the user &quot;%1&quot;? Their sessions end, and their app roles, lookups and limits are deleted.</source>
        <translation>ユーザー「%1」を削除しますか？このユーザーのセッションは終了し、アプリのロール、ルックアップ、レート制限は削除されます。</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>削除(&amp;D)</translation>
    </message>
    <message>
        <source>The user could not be deleted</source>
        <translation>ユーザーを削除できませんでした</translation>
    </message>
</context>
</TS>
