using System.Security.Cryptography;
using System.Text;

namespace Hotline.Domain.Citizens.Interception;

/// <summary>Why an internet submission was stopped (issue 18, Henan 2025).</summary>
public enum InterceptionRule
{
    /// <summary>Abusive wording from the editable word list.</summary>
    Abusive,

    /// <summary>No substantive content: too short, repeated characters, nothing but punctuation or digits.</summary>
    ContentFree,

    /// <summary>The same phone (or the same client address) more than N times an hour.</summary>
    Flood,

    /// <summary>The same text again from the same phone or address within minutes.</summary>
    Resubmitted,
}

/// <summary>The numbers of the interception rules; configuration section <c>Interception</c>.</summary>
public sealed class InterceptionOptions
{
    public const string Section = "Interception";

    /// <summary>Submissions one phone may send in an hour; the next is a flood.</summary>
    public int SubmissionsPerPhonePerHour { get; set; } = 5;

    /// <summary>Submissions one client address may send in an hour (more than a phone's: an office or a café shares one address).</summary>
    public int SubmissionsPerAddressPerHour { get; set; } = 20;

    /// <summary>Minutes within which the same text again is a resubmission.</summary>
    public int ResubmitMinutes { get; set; } = 10;

    /// <summary>The fewest letters (Chinese characters or Latin letters) a submission must carry.</summary>
    public int MinLetters { get; set; } = 6;

    /// <summary>The fewest different letters; fewer is repeated characters (哈哈哈哈…, 投诉投诉投诉…).</summary>
    public int MinDistinctLetters { get; set; } = 4;
}

/// <summary>What the path knows of the same citizen's recent submissions when it checks a new one.</summary>
public sealed record RecentSubmissions(int FromPhoneLastHour, int FromAddressLastHour, bool SameTextRecently);

/// <summary>
/// The interception rules of the internet channels (issue 18, S2; Henan 2025), in the order they are tried: abusive
/// wording, content-free text, flood, resubmission. Text is compared normalised (<see cref="Normalise"/>): full-width
/// forms folded, case folded, and everything that is not a letter or a digit dropped, so "傻 ＿ 逼" and "傻.逼" are the
/// word "傻逼". The message each rule gives the citizen is <see cref="MessageFor"/>.
/// </summary>
public static class InterceptionRules
{
    public static InterceptionRule? Check(string text, IEnumerable<string> normalisedWords, RecentSubmissions recent, InterceptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(recent);
        ArgumentNullException.ThrowIfNull(options);
        var normal = Normalise(text);
        if (normalisedWords.Any(w => w.Length > 0 && normal.Contains(w, StringComparison.Ordinal)))
        {
            return InterceptionRule.Abusive;
        }

        if (IsContentFree(normal, options))
        {
            return InterceptionRule.ContentFree;
        }

        if (recent.FromPhoneLastHour >= options.SubmissionsPerPhonePerHour || recent.FromAddressLastHour >= options.SubmissionsPerAddressPerHour)
        {
            return InterceptionRule.Flood;
        }

        return recent.SameTextRecently ? InterceptionRule.Resubmitted : null;
    }

    /// <summary>Too few letters, too few different letters, or nothing but punctuation and digits.</summary>
    public static bool IsContentFree(string normalised, InterceptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(normalised);
        ArgumentNullException.ThrowIfNull(options);
        var letters = normalised.Where(char.IsLetter).ToList();
        return letters.Count < options.MinLetters || letters.Distinct().Count() < options.MinDistinctLetters;
    }

    /// <summary>NFKC (full-width → half-width), lower case, letters and digits only.</summary>
    public static string Normalise(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var kept = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }

    /// <summary>The normalised text's SHA-256 (hex): the same words with other spaces or punctuation are the same text.</summary>
    public static string TextHash(string? text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalise(text))));

    /// <summary>The message to the citizen (zh-CN), the 422's title.</summary>
    public static string MessageFor(InterceptionRule rule) => rule switch
    {
        InterceptionRule.Abusive => "您提交的内容含有不文明用语，请文明表述后重新提交。",
        InterceptionRule.ContentFree => "您提交的内容没有实质诉求，请具体说明事情经过和您的诉求后重新提交。",
        InterceptionRule.Flood => "您在一小时内提交的诉求过多，请稍后再试。如有紧急情况请拨打12345。",
        InterceptionRule.Resubmitted => "您刚刚已提交过相同内容，请勿重复提交，可凭受理编号查询办理进度。",
    };

    /// <summary>The rule's name in the API (the problem's <c>rule</c>): abusive, content_free, flood, resubmitted.</summary>
    public static string Code(InterceptionRule rule) => rule switch
    {
        InterceptionRule.Abusive => "abusive",
        InterceptionRule.ContentFree => "content_free",
        InterceptionRule.Flood => "flood",
        InterceptionRule.Resubmitted => "resubmitted",
    };

    /// <summary>The day in China a time falls on: the day interceptions are counted on.</summary>
    public static DateOnly Day(DateTime utc) => Calendar.ChinaTime.LocalDate(new DateTimeOffset(utc, TimeSpan.Zero));
}

/// <summary>An internet submission stopped by a rule: 422 with <c>code</c> submission.intercepted, <c>rule</c>, and the message as title.</summary>
public sealed class SubmissionInterceptedException(InterceptionRule rule)
    : DomainException("submission.intercepted", InterceptionRules.MessageFor(rule))
{
    public InterceptionRule Rule { get; } = rule;
}
