namespace Hotline.Infrastructure.Search;

/// <summary>
/// The WHERE conditions shared by every stage and both databases (the text match is the dialect's). Access to
/// scope documents and tags are conditions on the key columns here; a dialect that matches them with the terms
/// (<paramref name="keysInIndex"/>) leaves them out.
/// </summary>
internal static class SearchFilters
{
    public static void Append(SearchSql sql, SearchQuery query, SearchCaller caller, Func<DateTime, object> date, bool keysInIndex)
    {
        sql.Append(query.Kinds.Count == 1
            ? $"d.kind = {sql.Add(query.Kinds[0])}"
            : $"d.kind IN ({string.Join(", ", query.Kinds.Select(k => sql.Add(k)))})");

        if (caller.IsCitizen)
        {
            sql.Append(" AND d.visibility = 'citizen'");
        }
        else if (!caller.Scope!.IsPlatformWide && !keysInIndex)
        {
            sql.Append($" AND (d.visibility <> 'scope' OR instr(d.scope_keys, {sql.Add(" " + caller.Scope.Path + " ")}) > 0)");
        }

        if (!keysInIndex)
        {
            foreach (var group in query.Tags)
            {
                sql.Append(" AND (" + string.Join(" OR ", group.Select(t => $"instr(d.tags, {sql.Add(" " + t + " ")}) > 0")) + ")");
            }
        }

        var now = sql.Add(date(query.NowUtc));
        sql.Append($" AND (d.effective_from_utc IS NULL OR d.effective_from_utc <= {now}) AND (d.expires_at_utc IS NULL OR d.expires_at_utc > {now})");

        if (query.RegionCode is { Length: > 0 } region)
        {
            var key = RegionKeys.Key(region);
            sql.Append($" AND (d.region_keys = '' OR d.region_keys LIKE {sql.Add("% " + key + "%")}");
            foreach (var ancestor in RegionKeys.Ancestors(key))
            {
                sql.Append($" OR d.region_keys LIKE {sql.Add("% " + ancestor + " %")}");
            }

            sql.Append(")");
        }

        if (query.Category is { Length: > 0 } category)
        {
            sql.Append($" AND d.category = {sql.Add(category)}");
        }

        if (query.Status is { Length: > 0 } status)
        {
            sql.Append($" AND d.status = {sql.Add(status)}");
        }

        if (query.ActiveAtUtc is { } active)
        {
            var at = sql.Add(date(active));
            sql.Append($" AND d.period_start_utc <= {at} AND (d.period_end_utc IS NULL OR d.period_end_utc > {at})");
        }

        if (query.SortFromUtc is { } from)
        {
            sql.Append($" AND d.sort_at_utc >= {sql.Add(date(from))}");
        }

        if (query.SortToUtc is { } to)
        {
            sql.Append($" AND d.sort_at_utc < {sql.Add(date(to))}");
        }
    }
}
