using Hotline.Domain;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.WorkOrders;

// The bodies that actions of several capabilities share.

public sealed record VersionOnly(long? Version);

public sealed record ReasonRequest([property: MaxLength(Limits.Reason)] string? Reason, long? Version);

public sealed record TextRequest([property: MaxLength(Limits.LongText)] string? Text, long? Version);
