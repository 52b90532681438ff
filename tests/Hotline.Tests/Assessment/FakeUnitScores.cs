using Hotline.Domain.Assessment;
using Hotline.Domain.Organisation;
using Hotline.Features.Assessment;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hotline.Tests.Assessment;

/// <summary>
/// Scores given by the test, per month and unit code, in place of the assessment engine: the rankings, interviews,
/// targets, circulation and export are tested on given numbers (the engine's own figures are tested with the engine).
/// </summary>
public sealed class FakeUnitScores(IServiceScopeFactory scopes) : IUnitScores
{
    private readonly Dictionary<string, Dictionary<string, (long Orders, decimal? Composite, Dictionary<string, FigureValue> Figures)>> _months = [];

    public void Set(string month, string unitCode, long orders, decimal? composite, Dictionary<string, FigureValue>? figures = null)
    {
        lock (_months)
        {
            if (!_months.TryGetValue(month, out var units))
            {
                _months[month] = units = [];
            }

            units[unitCode] = (orders, composite, figures ?? []);
        }
    }

    public void Clear()
    {
        lock (_months)
        {
            _months.Clear();
        }
    }

    public async Task<IReadOnlyList<UnitScore>> ForPeriodAsync(AccessScope scope, AssessmentPeriod period, CancellationToken ct)
    {
        Dictionary<string, (long Orders, decimal? Composite, Dictionary<string, FigureValue> Figures)> given;
        lock (_months)
        {
            given = _months.TryGetValue($"{period.From:yyyy-MM}", out var units) ? new(units) : [];
        }

        await using var s = scopes.CreateAsyncScope();
        var db = s.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var units2 = await db.Units.AsNoTracking().ToListAsync(ct);
        return units2.Where(u => given.ContainsKey(u.Code) && scope.Covers(u.Path))
            .Select(u => new UnitScore(u.Id, u.Code, u.Name, u.Path, u.Kind, given[u.Code].Orders, given[u.Code].Figures, given[u.Code].Composite))
            .ToList();
    }
}

/// <summary>A server whose assessment engine is <see cref="FakeUnitScores"/>.</summary>
public abstract class GivenScoresApp(DatabaseProvider provider) : AppFixture(provider)
{
    public FakeUnitScores Scores => Services.GetRequiredService<FakeUnitScores>();

    protected override void ConfigureBuilder(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FakeUnitScores>();
        builder.Services.RemoveAll<IUnitScores>();
        builder.Services.AddScoped<IUnitScores>(sp => sp.GetRequiredService<FakeUnitScores>());
    }
}

public sealed class GivenScoresSqliteApp() : GivenScoresApp(DatabaseProvider.Sqlite);

public sealed class GivenScoresPostgresApp() : GivenScoresApp(DatabaseProvider.Postgres);
