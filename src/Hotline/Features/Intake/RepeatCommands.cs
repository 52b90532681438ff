using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Hotline.Infrastructure.Cli;
using Hotline.Text;
using static Hotline.Infrastructure.Cli.CliTools;

namespace Hotline.Features.Intake;

/// <summary><c>hotline repeats</c>: the repeat pairs of a file of orders, judged as the intake's repeat check judges them.</summary>
public static class RepeatCommands
{
    public const string Verb = "repeats";

    public static Command Create()
    {
        var data = OrdersOption();
        var format = FormatOption();
        var max = new Option<int>("--max") { Description = "Most candidates per order.", DefaultValueFactory = _ => new RepeatOptions().MaxCandidates };
        var dictionary = DictionaryOption();
        var command = new Command("repeats", "List repeat pairs: each order against the earlier ones (same caller and a related matter within 90 days, related text within 30 days: rare words, a shared named entity, the same place), with score and reasons.") { data, format, max, dictionary };
        command.SetAction(result => Guarded(result, output =>
        {
            var orders = ToolInput.ReadOrders(result.GetValue(data)!, result.InvocationConfiguration.Error).OrderBy(o => o.Time).ToArray(); // stable: orders of one time keep the file's order, across sheets too
            using var index = new RepeatIndex(new RepeatOptions { MaxCandidates = result.GetValue(max) });
            if (result.GetValue(dictionary) is { } names)
            {
                index.Use(Extractor(names));
            }

            var repeats = new List<RepeatLine>();
            foreach (var order in orders)
            {
                var document = new RepeatDocument(order.Id, order.Text, order.Time, order.Phone, order.Place);
                var candidates = index.Find(document);
                if (candidates.Count > 0)
                {
                    repeats.Add(new RepeatLine(
                        order.Id,
                        order.Time.ToOffset(ToolInput.ChinaOffset),
                        candidates.Select(c => new CandidateLine(c.Id, Math.Round(c.Score, 4), Math.Round(c.Similarity, 4), c.ReasonCodes, c.Time.ToOffset(ToolInput.ChinaOffset), c.SharedEntities, c.SharedTerms, c.SamePlace)).ToArray()));
                }

                index.Add(document);
            }

            var pairs = repeats.SelectMany(r => r.Candidates.Select(c => new RepeatPair(r.Id, c.Id, c.Score, c.Similarity, c.Reasons, r.Time, c.Time, c.SharedEntities, c.SharedTerms, c.SamePlace))).ToArray();
            if (result.GetValue(format) == "json")
            {
                output.WriteLine(JsonSerializer.Serialize(new { orders = orders.Length, withCandidates = repeats.Count, pairs }, Json));
            }
            else
            {
                output.WriteLine($"{orders.Length} orders, {repeats.Count} with repeat candidates, {pairs.Length} pairs.");
                output.WriteLine("id\trepeat of\tscore\tsimilarity\treasons");
                foreach (var p in pairs)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p.Id}\t{p.RepeatOf}\t{p.Score:0.000}\t{p.Similarity:0.000}\t{string.Join(",", p.Reasons)}"));
                }
            }

            return 0;
        }));
        return command;
    }

    private sealed record RepeatLine(string Id, DateTimeOffset Time, IReadOnlyList<CandidateLine> Candidates);

    private sealed record CandidateLine(string Id, double Score, double Similarity, IReadOnlyList<string> Reasons, DateTimeOffset Time, IReadOnlyList<string> SharedEntities, IReadOnlyList<string> SharedTerms, bool SamePlace);

    /// <summary>One judged repeat: order <paramref name="Id"/> repeats the earlier order <paramref name="RepeatOf"/>; the JSON also carries what the two share (issue 19).</summary>
    private sealed record RepeatPair(
        string Id, string RepeatOf, double Score, double Similarity, IReadOnlyList<string> Reasons, DateTimeOffset Time, DateTimeOffset RepeatOfTime,
        IReadOnlyList<string> SharedEntities, IReadOnlyList<string> SharedTerms, bool SamePlace);
}
