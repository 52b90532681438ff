using System.Linq.Expressions;
using Hotline.Domain.Citizens;

namespace Hotline.Domain.Assessment;

/// <summary>The 好差评 counts of one unit (or a sum of units) in a period: ratings, good ones, 差评 counted and those followed up in time.</summary>
public readonly record struct ServiceRatingTally(long Rated, long Good, long BadCounted, long BadFollowedUpInTime)
{
    public static ServiceRatingTally operator +(ServiceRatingTally a, ServiceRatingTally b) =>
        new(a.Rated + b.Rated, a.Good + b.Good, a.BadCounted + b.BadCounted, a.BadFollowedUpInTime + b.BadFollowedUpInTime);
}

/// <summary>
/// The 好差评 figures as assessment counts them, written once (issue 18, S9): a rating counts for the unit that led the
/// order when it was rated (<see cref="ServiceRating.UnitId"/>; an order the centre finished itself counts for no unit),
/// on the local day it was given. 好评率 = (非常满意 + 满意 + 基本满意) / rated orders. 差评整改率 = 差评 followed up by
/// their deadline / 差评 followed up or past their deadline — a 差评 still inside its 5 working days is not yet counted,
/// as an order still inside its handling time is not counted against on-time completion. Nothing is excluded: the
/// citizen rated the service, and the rating is the citizen's word. Informational: not in the composite score.
/// </summary>
public static class ServiceRatingCounts
{
    /// <summary>The ratings counted in <paramref name="period"/>: given on one of its local days.</summary>
    public static Expression<Func<ServiceRating, bool>> RatedIn(AssessmentPeriod period)
    {
        var (from, to) = SupervisionCounts.Bounds(period);
        return r => r.RatedAtUtc >= from && r.RatedAtUtc < to;
    }

    /// <summary>A 差评 counted in the 差评整改率's denominator at <paramref name="nowUtc"/>: followed up, or past its deadline.</summary>
    public static Expression<Func<ServiceRating, bool>> BadCountedAt(DateTime nowUtc) =>
        r => r.IsBad && (r.FollowedUpAtUtc != null || r.FollowUpDueUtc < nowUtc);

    /// <summary>A 差评 followed up by its deadline (the numerator).</summary>
    public static readonly Expression<Func<ServiceRating, bool>> BadInTime =
        r => r.IsBad && r.FollowedUpAtUtc != null && r.FollowedUpAtUtc <= r.FollowUpDueUtc;

    /// <summary>A good rating: 非常满意, 满意 or 基本满意.</summary>
    public static readonly Expression<Func<ServiceRating, bool>> Good = r => !r.IsBad;
}
