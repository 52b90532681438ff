using Hotline.Domain.Dispatch;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Calendar;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.WorkOrders;

/// <summary>
/// Builds the <see cref="WorkOrderClock"/> for an order: now, the working-day calendar, and the timeframes its deadline
/// rules give. Rules are few and read on every command, so they are held in memory and reloaded on change.
/// </summary>
public sealed class WorkOrderClocks(IServiceScopeFactory scopes, CalendarService calendar, TimeProvider time, Microsoft.Extensions.Options.IOptionsMonitor<Domain.Citizens.MailboxOptions> mailbox)
{
    private volatile IReadOnlyList<DeadlineRule> _rules = [];

    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        _rules = await db.Set<DeadlineRule>().AsNoTracking().ToListAsync(cancellationToken);
    }

    /// <summary>The clock of an order of that kind; a mayor's mailbox letter has the mailbox's handling days (issue 18).</summary>
    public WorkOrderClock For(RequestType requestType, string categoryCode, Urgency urgency, Channel? channel = null) =>
        new(time.GetUtcNow(), calendar.Current, Domain.Citizens.MailboxRules.Apply(DeadlineRule.Resolve(_rules, requestType, categoryCode, urgency), channel, urgency, mailbox.CurrentValue));

    public WorkOrderClock For(WorkOrder order) => For(order.RequestType, order.CategoryCode, order.Urgency, order.Channel);

    public DateTimeOffset Now => time.GetUtcNow();

    public Domain.Calendar.WorkingDayCalendar Calendar => calendar.Current;
}
