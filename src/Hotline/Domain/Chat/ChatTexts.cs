namespace Hotline.Domain.Chat;

/// <summary>What the service itself says in a conversation, in the citizen's language (zh-CN), in one place.</summary>
public static class ChatTexts
{
    public const string Greeting = "您好，我是12345智能客服，请直接输入您的问题。需要人工服务请点击“转人工”。";

    public const string NotConfident = "抱歉，我没有找到确切的答案，为您转接人工客服。";

    public const string NeedsPhone = "转接人工客服前，请先验证您的手机号码。";

    public const string Queued = "已为您转接人工客服，请稍候。";

    public const string Taken = "人工客服已接入，请问有什么可以帮您？";

    public const string Closed = "本次会话已结束，感谢您的咨询。";

    /// <summary>An agent's answer that is only an article's citation (its title and link follow the line).</summary>
    public const string SeeArticle = "请参阅以下知识库文章：";

    public const string IdleClosed = "由于长时间没有新消息，本次会话已自动结束。如需继续咨询，请重新发起会话。";

    public static string Registered(string number) => $"您反映的问题已登记为工单 {number}，可凭工单号查询办理进度。";

    public static string Revealed(string agent, string reason) => $"{agent} 查看了完整号码：{reason}";
}
