using System.Text;
using Hotline.Domain.WorkOrders;
using Microsoft.Extensions.Options;

namespace Hotline.Features.Callback;

/// <summary>Which requests get a callback (S6; configuration <c>Callback:Policy</c>).</summary>
public enum CallbackPolicyKind
{
    /// <summary>Every request, those answered or handled at intake too (Xianning calls back on every request).</summary>
    All,

    /// <summary>Every dispatched request, plus a share of the direct answers (<see cref="CallbackPolicyOptions.SamplePercent"/>).</summary>
    DispatchedAndSample,
}

public sealed class CallbackPolicyOptions
{
    public const string Section = "Callback";

    public CallbackPolicyKind Policy { get; set; } = CallbackPolicyKind.DispatchedAndSample;

    /// <summary>The share of direct answers (直接答复, 直接办理) called back, in percent (0–100), picked by order number.</summary>
    public int SamplePercent { get; set; } = 10;
}

/// <summary>
/// Issue 15 (S6): whether an order finished at intake (a direct answer or handled directly by the centre) waits for a
/// callback instead of closing. Dispatched orders always get one (accepting the reply opens the callback window). The
/// citizen who asks for a callback always gets one; a caller without a phone number never does. The sample is
/// deterministic: an order number falls in or out of it on every node and every run.
/// </summary>
public sealed class CallbackPolicy(IOptionsMonitor<CallbackPolicyOptions> options)
{
    public bool PicksAtIntake(string number, Caller caller, bool citizenAsked)
    {
        if (string.IsNullOrWhiteSpace(caller.Phone))
        {
            return false;
        }

        var o = options.CurrentValue;
        return citizenAsked || o.Policy == CallbackPolicyKind.All || Bucket(number) < Math.Clamp(o.SamplePercent, 0, 100);
    }

    /// <summary>0–99 from the order number (FNV-1a over its UTF-8 bytes): the same on every node and every run.</summary>
    public static int Bucket(string number)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(number))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return (int)(hash % 100);
    }
}
