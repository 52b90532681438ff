namespace Hotline.Infrastructure.Timeline;

/// <summary>Settings of the timeline followers (configuration section <c>SmartDispatch</c>; README lists them).</summary>
public sealed class TimelineFollowOptions
{
    /// <summary>The configuration section; it keeps its name from when routing, repeats and hot spots were one module.</summary>
    public const string Section = "SmartDispatch";

    /// <summary>How often the followers (routing outcomes, repeat index) read new timeline entries; 0 stops them (benchmarks only).</summary>
    public double FollowMilliseconds { get; set; } = 1000;
}
