using Hotline.Domain;
using Hotline.Domain.Organisation;

namespace Hotline.Tests.MergedHotlines;

/// <summary>S1 (热线归并): the rules of the register of merged numbers, with worked examples.</summary>
public sealed class MergedHotlineRulesTests
{
    private static readonly Unit City = Unit.Create("AL", "安澜市人民政府", UnitKind.City, null, "990100");
    private static readonly Unit Owner = Unit.Create("AL-SJ", "市市场监督管理局", UnitKind.Department, City, "990100");
    private static readonly Unit SubCentre = Unit.Create("AL-SJ-12315", "12315消费者投诉举报分中心", UnitKind.SubCentre, Owner, "990100");
    private static readonly DateOnly Start = new(2026, 1, 1);

    private static MergedHotline Dual(DateOnly until) => MergedHotline.Register("12319", "城建热线", Owner, OwnerLevel.CityDepartment, MergeMode.DualNumber, Start, until, null);

    private static IReadOnlyDictionary<string, string[]> Errors(Action act) => Assert.Throws<ValidationException>(act).Errors;

    [Fact]
    public void EachMode_StartsWhereItShould()
    {
        var whole = MergedHotline.Register("12369", "环保热线", Owner, OwnerLevel.National, MergeMode.Whole, Start, Start.AddMonths(1), null);
        Assert.Equal(MergedHotlineState.Transition, whole.State);
        Assert.Equal(MergedHotlineState.DualRunning, Dual(Start.AddMonths(6)).State);
        var sub = MergedHotline.Register("12315", "消费者投诉举报热线", Owner, OwnerLevel.National, MergeMode.SubCentre, Start, Start.AddMonths(3), SubCentre);
        Assert.Equal(MergedHotlineState.SubCentre, sub.State);
        Assert.Null(sub.Until);
    }

    [Fact]
    public void DualRunning_LastsAtMostSixMonths_AndSoDoesAMovedEnd()
    {
        Assert.Contains("until", Errors(() => Dual(Start.AddMonths(6).AddDays(1))).Keys);
        var dual = Dual(Start.AddMonths(3));
        Assert.Contains("until", Errors(() => dual.Reschedule(Start.AddMonths(7))).Keys);
        dual.Reschedule(Start.AddMonths(6));
        Assert.Equal(Start.AddMonths(6), dual.Until);
    }

    [Fact]
    public void ABadRegistration_NamesEachField()
    {
        var errors = Errors(() => MergedHotline.Register("12a", " ", null, null, MergeMode.SubCentre, null, null, Owner));
        Assert.Equal(["name", "number", "ownerLevel", "ownerUnitId", "since", "subCentreUnitId"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("until", Errors(() => MergedHotline.Register("12369", "环保热线", Owner, OwnerLevel.National, MergeMode.Whole, Start, Start.AddDays(-1), null)).Keys);
        Assert.Contains("mode", Errors(() => MergedHotline.Register("12369", "环保热线", Owner, OwnerLevel.National, null, Start, Start, null)).Keys);
        Assert.Equal("0731-12319", MergedHotline.Register(" 0731-12319 ", "城建热线", Owner, OwnerLevel.CityDepartment, MergeMode.Whole, Start, Start, null).Number);
    }

    [Fact]
    public void AtGoLive_ANumberIsForwardedOrCancelled_AndACancelledOneIsNeverRestored()
    {
        var dual = Dual(Start.AddMonths(6));
        dual.GoLive(GoLiveOutcome.Forward, Start.AddMonths(6));
        Assert.Equal(MergedHotlineState.Forwarded, dual.State);
        Assert.Equal("merged_hotline.already_forwarded", Assert.Throws<DomainException>(() => dual.GoLive(GoLiveOutcome.Forward, Start.AddMonths(7))).Code);

        dual.GoLive(GoLiveOutcome.Cancel, Start.AddMonths(9));
        Assert.Equal(MergedHotlineState.Cancelled, dual.State);
        Assert.Equal(Start.AddMonths(9), dual.EndedOn);
        Assert.Equal("merged_hotline.cancelled", Assert.Throws<DomainException>(() => dual.GoLive(GoLiveOutcome.Forward, Start.AddMonths(10))).Code);
        Assert.Equal("merged_hotline.not_in_transition", Assert.Throws<DomainException>(() => dual.Reschedule(Start.AddMonths(1))).Code);
        Assert.Contains("on", Errors(() => Dual(Start.AddMonths(1)).GoLive(GoLiveOutcome.Cancel, Start.AddDays(-1))).Keys);
    }

    [Fact]
    public void ANumberStillRunningPastItsDate_IsOverdue()
    {
        var dual = Dual(Start.AddMonths(6));
        Assert.False(dual.IsOverdue(Start.AddMonths(6)));
        Assert.True(dual.IsOverdue(Start.AddMonths(6).AddDays(1)));
        dual.GoLive(GoLiveOutcome.Cancel, Start.AddMonths(6).AddDays(1));
        Assert.False(dual.IsOverdue(Start.AddMonths(8)));
    }
}
