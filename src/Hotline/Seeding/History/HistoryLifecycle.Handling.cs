using Hotline.Domain;
using Hotline.Domain.Calendar;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;

namespace Hotline.Seeding.History;

/// <summary>The unit's part (return, sign, extension, reply) and the centre's (review, callback, redo, close); the choice of units.</summary>
public sealed partial class HistoryLifecycle
{
    /// <summary>One handling cycle at a unit, from dispatch to the reply; false when now came first.</summary>
    private bool WithUnit(WorkOrder order, WorkOrderContent content, ref Unit lead, int cycle)
    {
        var handler = actors.HandlerOf(lead, random);
        var dispatcher = Pick(actors.Dispatchers);
        if (random.NextDouble() < (cycle == 0 ? 0.06 : 0.02))
        {
            var received = order.DispatchedAtUtc ?? _t;
            var due = order.ReturnDueUtc ?? received.AddDays(2);
            var at = random.NextDouble() < 0.25 ? due + Minutes(60, 2880) : received + ((due - received) * (0.1 + (0.8 * random.NextDouble())));
            if (!StepTo(order, at))
            {
                return false;
            }

            var suggested = OtherUnit(lead, content.Location.RegionCode!);
            order.Return(handler, _clock, Pick(HistoryTexts.ReturnReasons), "依据部门职责分工规定", suggested);
            if (!Step(order, Minutes(30, 360)))
            {
                return false;
            }

            if (random.NextDouble() < 0.7)
            {
                order.ApproveReturn(dispatcher, _clock, null, suggested, []);
                lead = suggested;
                handler = actors.HandlerOf(lead, random);
            }
            else
            {
                order.RejectReturn(dispatcher, _clock, "经核实该事项属于你单位职责，请依职责办理。");
            }
        }

        if (order.Status == WorkOrderStatus.Dispatched)
        {
            var at = random.NextDouble() < 0.88 ? _t + Minutes(10, 240) : (order.ReturnDueUtc ?? _t) + Minutes(60, 1500);
            if (!StepTo(order, at))
            {
                return false;
            }

            order.Sign(handler, _clock);
        }

        if (random.NextDouble() < 0.06 && order.HandlingDueUtc is { } handlingDue && handlingDue > _t.AddHours(30))
        {
            if (!StepTo(order, _t + ((handlingDue - _t) * (0.2 + (0.4 * random.NextDouble())))))
            {
                return false;
            }

            var days = 1 + random.Next(Math.Max(1, _clock.Timeframes.MaxExtensionWorkingDays));
            try
            {
                order.RequestExtension(handler, _clock, days, Pick(HistoryTexts.ExtensionReasons));
                if (!Step(order, Minutes(60, 1200)))
                {
                    return false;
                }

                if (random.NextDouble() < 0.75)
                {
                    order.ApproveExtension(dispatcher, _clock, 1 + random.Next(days), null);
                }
                else
                {
                    order.RejectExtension(dispatcher, _clock, "现有时限足以办结，请抓紧办理。");
                }
            }
            catch (DomainException)
            {
                // Too close to the deadline for this kind of order: no extension.
            }
        }

        return Reply(order, handler, random.NextDouble() < 0.09);
    }

    private bool Reply(WorkOrder order, Actor handler, bool late)
    {
        var due = order.HandlingDueUtc ?? _t.AddDays(5);
        var at = late || due <= _t ? due + (random.NextDouble() < 0.6 ? Minutes(120, 2880) : Minutes(2880, 21600)) : _t + ((due - _t) * (0.05 + (0.9 * random.NextDouble())));
        if (!StepTo(order, at))
        {
            return false;
        }

        var outcome = random.NextDouble() switch { < 0.75 => ReplyOutcome.Resolved, < 0.95 => ReplyOutcome.Explained, _ => ReplyOutcome.CannotResolve };
        var contacted = random.NextDouble() < 0.92;
        order.Reply(handler, _clock, Pick(HistoryTexts.ReplyTexts), contacted, contacted ? ContactMethod.Phone : null, outcome,
            outcome == ReplyOutcome.CannotResolve ? "涉及历史遗留问题，现阶段政策条件不具备，已向市民解释。" : null);
        return true;
    }

    /// <summary>The centre's review and the callback; false when now came first. A redo leaves the order dispatched again.</summary>
    private bool Concluded(WorkOrder order, WorkOrderContent content, ref Unit lead)
    {
        var reviewer = Pick(actors.Dispatchers);
        if (!Step(order, Minutes(30, 600)))
        {
            return false;
        }

        if (random.NextDouble() < 0.04)
        {
            order.RejectReply(reviewer, _clock, "答复内容过于简单，请补充具体处理措施。");
            if (!Reply(order, actors.HandlerOf(lead, random), random.NextDouble() < 0.2) || !Step(order, Minutes(30, 600)))
            {
                return false;
            }
        }

        if (content.RequestType is RequestType.Complaint or RequestType.Report && random.NextDouble() < 0.04)
        {
            order.AcceptReplyWithoutCallback(reviewer, _clock, "属于行政调解案件，不作满意度回访。");
            return true;
        }

        order.AcceptReply(reviewer, _clock, null);
        var agent = Pick(actors.CallbackAgents);
        var u = random.NextDouble();
        var failures = u < 0.05 ? 5 : u < 0.15 ? 1 + random.Next(2) : 0;
        for (var attempt = 0; attempt < failures && !order.CallbackUnreachable; attempt++)
        {
            if (!StepTo(order, attempt == 0 ? _t + Minutes(60, 600) : NextWorkingMorning(_t)))
            {
                return false;
            }

            order.Callback(agent, _clock, ContactMethod.Phone, false, null, null, "电话无人接听");
        }

        if (order.CallbackUnreachable)
        {
            if (!Step(order, Minutes(30, 240)))
            {
                return false;
            }

            order.Close(agent, _clock, CloseReason.Unreachable, null);
            return true;
        }

        if (!Step(order, failures > 0 ? Minutes(120, 1440) : Minutes(60, 1440)))
        {
            return false;
        }

        var process = random.NextDouble() switch { < 0.82 => Rating.Satisfied, < 0.95 => Rating.BasicallySatisfied, _ => Rating.Unsatisfied };
        var result = random.NextDouble() switch { < 0.75 => Rating.Satisfied, < 0.91 => Rating.BasicallySatisfied, _ => Rating.Unsatisfied };
        var unsatisfied = process == Rating.Unsatisfied || result == Rating.Unsatisfied;
        order.Callback(agent, _clock, ContactMethod.Phone, true, process, result, HistoryTexts.CallbackComments[(unsatisfied ? 2 : 0) + random.Next(2)]);
        if (order.Status == WorkOrderStatus.Closed)
        {
            return true;
        }

        if (!Step(order, Minutes(30, 300)))
        {
            return false;
        }

        if (order.RedoCount < 2 && random.NextDouble() < 0.45)
        {
            order.Redo(agent, _clock, "市民对处理结果不满意，请重新办理。", lead);
        }
        else
        {
            order.Close(agent, _clock, CloseReason.PolicyCompliant, "答复符合法律政策规定，已向市民做好解释。");
        }

        return true;
    }

    /// <summary>The next working day, between 9:00 and 17:00 China time.</summary>
    private DateTime NextWorkingMorning(DateTime after)
    {
        var date = ChinaTime.LocalDate(new DateTimeOffset(after)).AddDays(1);
        while (!world.Calendar.IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return ChinaTime.StartOfDay(date).UtcDateTime.AddMinutes(540 + random.Next(480));
    }

    /// <summary>The unit the dispatcher picks: the catalogue's unit most of the time, else by the kind of request.</summary>
    private Unit LeadFor(string category, string region)
    {
        if (world.CatalogueUnit(category, region) is { } listed && random.NextDouble() < 0.8)
        {
            return listed;
        }

        var street = StreetOf(region);
        var district = region.Length >= 6 ? region[..6] : region;
        string? code = category[..2] switch
        {
            "08" => category[..4] switch { "0801" => "AL-WATER", "0802" => "AL-POWER", "0803" => "AL-GAS", _ => DistrictUnit(district, "-ZJ") },
            "05" => "AL-RS",
            "06" => random.Next(2) == 0 ? "AL-SJ-12315" : DistrictUnit(district, "-SJ") ?? "AL-SJ",
            "07" => "AL-WJ",
            "04" => "AL-JY",
            "03" => "AL-JT",
            "02" => random.Next(2) == 0 ? "AL-HB" : null,
            "10" => "AL-SW-12366",
            "01" => random.Next(2) == 0 ? DistrictUnit(district, "-ZJ") ?? "AL-ZJ" : null,
            "09" => DistrictUnit(district, "-CG"),
            "11" => DistrictUnit(district, "-NY"),
            _ => null,
        };
        return code is not null && world.Units.TryGetValue(code, out var unit) && HistoryWorld.IsHandling(unit) ? unit : street;
    }

    /// <summary>Another unit for a co-unit or a return's suggestion: the street when a department held it, else a department.</summary>
    private Unit OtherUnit(Unit lead, string region)
    {
        var street = StreetOf(region);
        if (street.Id != lead.Id)
        {
            return street;
        }

        for (var i = 0; i < 8; i++)
        {
            var candidate = world.HandlingUnits[random.Next(world.HandlingUnits.Count)];
            if (candidate.Id != lead.Id && candidate.Kind is UnitKind.Department or UnitKind.Utility)
            {
                return candidate;
            }
        }

        return world.HandlingUnits.First(u => u.Id != lead.Id);
    }

    private Unit StreetOf(string region)
    {
        var code = region.Length >= 9 ? region[..9] : region;
        foreach (var street in world.Streets)
        {
            if (street.RegionCode == code)
            {
                return street;
            }
        }

        return world.Streets[0];
    }

    private string? DistrictUnit(string district, string suffix)
    {
        foreach (var d in world.Districts)
        {
            if (d.RegionCode == district)
            {
                var code = d.Code + suffix;
                return world.Units.ContainsKey(code) ? code : null;
            }
        }

        return null;
    }
}
