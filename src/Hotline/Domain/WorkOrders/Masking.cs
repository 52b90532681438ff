namespace Hotline.Domain.WorkOrders;

/// <summary>How caller data looks to someone who has not revealed it (S13).</summary>
public static class Masking
{
    /// <summary>"张三丰" → "张**"; "Li Lei" → "L*****".</summary>
    public static string? Name(string? name) =>
        string.IsNullOrEmpty(name) ? name : string.Concat(name.AsSpan(0, 1), new string('*', Math.Max(1, name.Length - 1)));

    /// <summary>Masks the four characters before the last four: "13812345678" → "138****5678"; "0999-6012345" → "0999****2345".</summary>
    public static string? Phone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return phone;
        }

        if (phone.Length <= 4)
        {
            return new string('*', Math.Max(0, phone.Length - 2)) + phone[Math.Max(0, phone.Length - 2)..];
        }

        var masked = Math.Min(4, phone.Length - 4);
        var keep = phone.Length - 4 - masked;
        return string.Concat(phone.AsSpan(0, keep), new string('*', masked), phone.AsSpan(phone.Length - 4));
    }
}
