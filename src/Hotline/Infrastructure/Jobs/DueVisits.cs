namespace Hotline.Infrastructure.Jobs;

/// <summary>
/// The loop of the clock jobs (the work orders' lights and the supervision notices' lights): take the ids whose next check
/// has passed, a batch at a time, oldest first, and visit each. An id whose visit changed nothing, or lost to a concurrent
/// edit, is passed over for the rest of the run and looked at again on the next one, so a run always ends.
/// </summary>
public static class DueVisits
{
    /// <summary>
    /// Visits until nothing is due. <paramref name="due"/> returns up to the given number of due ids, oldest first;
    /// <paramref name="visit"/> returns whether it changed (and saved) the row. Returns how many visits changed one.
    /// </summary>
    public static async Task<int> RunAsync(Func<int, CancellationToken, Task<List<long>>> due, Func<long, CancellationToken, Task<bool>> visit, int batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(due);
        ArgumentNullException.ThrowIfNull(visit);
        var changed = 0;
        var skip = new HashSet<long>();
        while (true)
        {
            var ids = (await due(batch + skip.Count, ct)).Where(id => !skip.Contains(id)).Take(batch).ToList();
            if (ids.Count == 0)
            {
                return changed;
            }

            foreach (var id in ids)
            {
                if (await visit(id, ct))
                {
                    changed++;
                }
                else
                {
                    skip.Add(id);
                }
            }
        }
    }
}
