namespace Hotline.Features.WorkOrders;

// The bodies that actions of several capabilities share.

public sealed record VersionOnly(long? Version);

public sealed record ReasonRequest(string? Reason, long? Version);

public sealed record TextRequest(string? Text, long? Version);
