using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;

namespace Hotline.Seeding.History;

/// <summary>
/// The people who act on generated orders: the centre's staff by role (the platform's own accounts, so that agent
/// figures name real users), and for each unit its handlers (its accounts, or a named handler without an account as the
/// demo orders do). Actors are made once and reused.
/// </summary>
public sealed class HistoryActors
{
    private readonly Dictionary<long, Actor[]> _handlers = [];
    private readonly HistoryWorld _world;

    public HistoryActors(HistoryWorld world)
    {
        _world = world;
        Agents = Centre(world, Role.IntakeAgent, "王芳");
        Dispatchers = Centre(world, Role.Dispatcher, "赵敏");
        CallbackAgents = Centre(world, Role.CallbackAgent, "陈静");
    }

    public Actor[] Agents { get; }

    public Actor[] Dispatchers { get; }

    public Actor[] CallbackAgents { get; }

    public Actor HandlerOf(Unit unit, Random random)
    {
        if (!_handlers.TryGetValue(unit.Id, out var handlers))
        {
            var scope = new AccessScope(unit.Path);
            handlers = [.. _world.Staff.Where(s => s.Unit.Id == unit.Id && s.Role == Role.UnitHandler)
                .Select(s => new Actor(s.UserId, s.Name, new HashSet<Role> { Role.UnitHandler }, unit.Id, unit.Name, scope))];
            if (handlers.Length == 0)
            {
                var name = $"{unit.Name[..Math.Min(unit.Name.Length, 40)]} 承办人";
                handlers = [new Actor(0, name, new HashSet<Role> { Role.UnitHandler }, unit.Id, unit.Name, scope)];
            }

            _handlers[unit.Id] = handlers;
        }

        return handlers[random.Next(handlers.Length)];
    }

    private static Actor[] Centre(HistoryWorld world, Role role, string fallbackName)
    {
        var actors = world.Staff.Where(s => s.Role == role && s.Unit.Kind == UnitKind.HotlineCentre)
            .Select(s => new Actor(s.UserId, s.Name, new HashSet<Role> { role }, s.Unit.Id, s.Unit.Name, AccessScope.Platform))
            .ToArray();
        return actors.Length > 0 ? actors : [new Actor(0, fallbackName, new HashSet<Role> { role }, world.Centre.Id, world.Centre.Name, AccessScope.Platform)];
    }
}
