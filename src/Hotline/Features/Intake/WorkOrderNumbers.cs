using System.Collections.Concurrent;
using System.Globalization;
using Hotline.Domain.Calendar;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Intake;

/// <summary>
/// Allocates work-order numbers: platform code + local date + six-digit daily sequence (AL20261125000123). Sequence
/// values are reserved from the database in blocks (one short transaction per block, safe with several server nodes),
/// so registering an order never waits on a shared counter row. A crash or a failed registration leaves gaps; numbers
/// stay unique.
/// </summary>
public sealed class WorkOrderNumbers(IServiceScopeFactory scopes, IConfiguration configuration) : IDisposable
{
    private readonly ConcurrentDictionary<string, Block> _blocks = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _platform = configuration.GetValue("Platform:Code", "AL")!;
    private readonly int _blockSize = configuration.GetValue("Platform:NumberBlockSize", 100);

    public async Task<string> NextAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = ChinaTime.LocalDate(now).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        while (true)
        {
            if (_blocks.TryGetValue(day, out var block) && block.TryTake(out var value))
            {
                return string.Create(CultureInfo.InvariantCulture, $"{_platform}{day}{value:D6}");
            }

            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (!_blocks.TryGetValue(day, out block) || block.IsExhausted)
                {
                    var end = await ReserveAsync(day, cancellationToken);
                    _blocks[day] = new Block(end - _blockSize + 1, end);
                    foreach (var old in _blocks.Keys.Where(k => string.CompareOrdinal(k, day) < 0))
                    {
                        _blocks.TryRemove(old, out _);
                    }
                }
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<long> ReserveAsync(string day, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var values = await db.Database.SqlQueryRaw<long>(
            """
            INSERT INTO work_order_counters (day, next_value) VALUES ({0}, {1})
            ON CONFLICT (day) DO UPDATE SET next_value = work_order_counters.next_value + {1}
            RETURNING next_value AS "Value"
            """,
            day, _blockSize).ToListAsync(cancellationToken);
        return values.Single();
    }

    private sealed class Block(long first, long last)
    {
        private long _next = first;

        public bool IsExhausted => Interlocked.Read(ref _next) > last;

        public bool TryTake(out long value)
        {
            value = Interlocked.Increment(ref _next) - 1;
            return value <= last;
        }
    }
}
