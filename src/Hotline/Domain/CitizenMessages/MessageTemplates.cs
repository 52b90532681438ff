using Hotline.Domain.Citizens;

namespace Hotline.Domain.CitizenMessages;

/// <summary>
/// Every text sent to a citizen's phone, in one place (issues 15 and 18). Placeholders in braces are filled by
/// <see cref="Fill"/>; the dispatched text can be overridden by configuration (<c>CitizenMessages:DispatchedTemplate</c>).
/// </summary>
public static class MessageTemplates
{
    public const string Dispatched = "【12345】您反映的诉求已转交{unit}办理，工单号{number}。";

    public const string TrackCode = "【12345】您查询诉求办理进度的验证码为{code}，5分钟内有效。请勿告诉他人。";

    public const string SubmitCode = "【12345】您提交诉求的验证码为{code}，5分钟内有效。请勿告诉他人。";

    public const string Received = "【12345】您的诉求已收到，受理编号{number}，我们将尽快处理。可凭编号和本手机号查询进度。";

    public const string Accepted = "【12345】您的诉求（编号{number}）已受理，工单号{order}。";

    public const string Refused = "【12345】您的诉求（编号{number}）未予受理：{message}";

    public const string Replied = "【12345】您反映的诉求（编号{number}）已有答复，可凭本手机号查看：{link}";

    public const string CallbackLink = "【12345】您反映的诉求（编号{number}）已办理答复，请查看答复并评价办理情况：{link}";

    public static string Code(CodePurpose purpose, string code) => Fill(purpose switch
    {
        CodePurpose.Track => TrackCode,
        CodePurpose.Submit => SubmitCode,
    }, ("code", code));

    public static string Fill(string template, params (string Name, string Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(template);
        foreach (var (name, value) in values)
        {
            template = template.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return template;
    }
}
