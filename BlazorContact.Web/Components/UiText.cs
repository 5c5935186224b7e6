using BlazorContact.Core.Inbox;
using BlazorContact.Core.Protocol;

namespace BlazorContact.Web.Components;

/// <summary>The owner-facing and widget texts in Chinese and English; one instance per language.</summary>
public sealed class UiText
{
    public static UiText Chinese { get; } = new(true);

    public static UiText English { get; } = new(false);

    private UiText(bool chinese) => IsChinese = chinese;

    public bool IsChinese { get; }

    public string Lang => IsChinese ? "zh" : "en";

    public string Inbox => T("收件箱", "Inbox");
    public string Search => T("搜索全部对话", "Search all conversations");
    public string Open => T("进行中", "Open");
    public string Closed => T("已关闭", "Closed");
    public string All => T("全部", "All");
    public string NoConversations => T("还没有对话。访客发来消息后会立即出现在这里。", "No conversations yet. They appear here the moment a visitor writes.");
    public string SelectConversation => T("选择左侧的对话查看完整记录。", "Pick a conversation to see its full history.");
    public string Visitor => T("访客", "Visitor");
    public string Assistant => T("AI 助手", "Assistant");
    public string Owner => T("博主", "Owner");
    public string Online => T("在线", "Online");
    public string Offline => T("离线", "Offline");
    public string ContactRequest => T("联系请求", "Contact request");
    public string TakenOver => T("博主接管", "Owner took over");
    public string TakeOver => T("接管对话（AI 助手停止回复）", "Take over (the assistant stops replying)");
    public string CloseConversation => T("关闭对话", "Close conversation");
    public string Reopen => T("重新打开", "Reopen");
    public string ReplyPlaceholder => T("以博主身份回复…", "Reply as the owner…");
    public string Send => T("发送", "Send");
    public string Broadcast => T("群发公告", "Broadcast");
    public string BroadcastTitle => T("向所有在线访客发送公告", "Announce to every visitor online");
    public string BroadcastSent => T("公告已发送给 {0} 位在线访客", "Announcement sent to {0} visitors online");
    public string Cancel => T("取消", "Cancel");
    public string Back => T("返回列表", "Back to the list");
    public string SignOut => T("退出登录", "Sign out");
    public string EnableNotifications => T("开启浏览器通知", "Enable browser notifications");
    public string NewContactRequest => T("新的联系请求", "New contact request");
    public string NewVisitorMessage => T("访客发来新消息", "New message from a visitor");
    public string Page => T("页面", "Page");
    public string Browser => T("浏览器", "Browser");
    public string Unread => T("未读", "unread");
    public string SearchResults => T("搜索结果", "Search results");
    public string NoResults => T("没有找到匹配的消息。", "No message matches.");
    public string ClearSearch => T("清除搜索", "Clear search");
    public string SendFailed => T("发送失败，请重试", "Sending failed; please retry");

    // API tokens (the owner API, docs/api.md).
    public string ApiTokens => T("API 令牌", "API tokens");
    public string ApiTokensIntro => T("令牌让脚本、机器人和手机应用使用博主 API（见 docs/api.md）。持有令牌的人可以读取和回复你的全部对话，请像密码一样保管。",
        "Tokens let scripts, bots and apps use the owner API (see docs/api.md). Whoever holds one can read and answer all your conversations: keep it like a password.");
    public string TokenName => T("令牌名称（例如：手机、备份脚本）", "Token name (e.g. phone, backup script)");
    public string CreateToken => T("创建令牌", "Create token");
    public string TokenShownOnce => T("请立即复制这个令牌：它只显示这一次，服务器只保存它的哈希值。", "Copy this token now: it is shown only this once, and the server keeps only its hash.");
    public string NewToken => T("新令牌", "New token");
    public string CopyToken => T("复制令牌", "Copy token");
    public string Copied => T("已复制", "Copied");
    public string CopyFailed => T("无法复制，请手动选择文本复制", "Could not copy; select the text and copy it by hand");
    public string NoTokens => T("还没有令牌。", "No tokens yet.");
    public string TokenCreatedAt => T("创建于", "Created");
    public string TokenLastUsed => T("最近使用", "Last used");
    public string Never => T("从未", "never");
    public string Active => T("有效", "Active");
    public string Revoked => T("已撤销", "Revoked");
    public string Revoke => T("撤销", "Revoke");
    public string RevokeToken(string name) => IsChinese ? $"撤销令牌“{name}”" : $"Revoke token “{name}”";
    public string ConfirmRevoke(string name) => IsChinese
        ? $"确定撤销“{name}”吗？使用它的应用会立即失去访问权限，且无法恢复。"
        : $"Revoke “{name}”? Apps using it lose access at once; this can't be undone.";
    public string Close => T("关闭", "Close");
    public string TokenActionFailed => T("操作失败，请重试", "That didn't work; please retry");

    // The visitor widget.
    public string ChatWithOwner => T("联系博主", "Contact the author");
    public string WidgetTitle => T("有问题？和我聊聊", "Questions? Let's chat");
    public string WidgetIntro => T("AI 助手会先根据博客文章回答，博主也会看到您的消息。", "The assistant answers from the blog's posts first; the author sees your messages too.");
    public string YourMessage => T("您的消息", "Your message");
    public string NameOptional => T("称呼（可选）", "Name (optional)");
    public string EmailOptional => T("邮箱（可选，方便博主离线回复）", "Email (optional, so the author can reply later)");
    public string SendContactRequest => T("发送联系请求", "Send contact request");
    public string Sending => T("发送中", "Sending");
    public string Received => T("已送达", "Received");
    public string AssistantTyping => T("AI 助手正在输入…", "The assistant is typing…");
    public string Announcement => T("公告", "Announcement");
    public string CloseChat => T("关闭聊天窗口", "Close the chat");
    public string TypeMessage => T("输入消息…", "Type a message…");
    public string Disconnected => T("连接已断开，正在重连…", "Disconnected; reconnecting…");

    /// <summary>Who wrote a message: visitor, assistant or owner.</summary>
    public string SenderName(string sender) => sender switch
    {
        Senders.Assistant => Assistant,
        Senders.Owner => Owner,
        _ => Visitor,
    };

    /// <summary>The visitor's name or email, else "Visitor" and the start of the conversation id.</summary>
    public string VisitorLabel(InboxConversation conversation) =>
        conversation.VisitorName ?? conversation.VisitorEmail ?? $"{Visitor} {conversation.Id[..4]}";

    private string T(string chinese, string english) => IsChinese ? chinese : english;
}
