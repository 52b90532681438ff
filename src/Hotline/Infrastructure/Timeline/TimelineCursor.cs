namespace Hotline.Infrastructure.Timeline;

/// <summary>How far a follower of the timeline has read (one row per follower that must survive a restart).</summary>
public sealed class TimelineCursor
{
    private TimelineCursor()
    {
        Name = string.Empty;
    }

    public TimelineCursor(string name, long position)
    {
        Name = name;
        Position = position;
    }

    public string Name { get; private set; }

    public long Position { get; private set; }

    public void MoveTo(long position) => Position = Math.Max(Position, position);

    /// <summary>Sets the position as it is, also backwards: a rebuild of what the follower maintains covered the timeline through it.</summary>
    public void PlaceAt(long position) => Position = position;
}
