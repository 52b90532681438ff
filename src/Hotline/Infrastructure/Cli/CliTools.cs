using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hotline.Text;
using Hotline.Text.Entities;

namespace Hotline.Infrastructure.Cli;

/// <summary>
/// What the file-based tools (<c>hotline router</c>, <c>hotline repeats</c>, <c>hotline hotspots</c>) share: exit codes, the
/// JSON and format options, and one place that turns a bad input file or model into a clear line and an exit code.
/// Exit codes: 0 done, 1 usage error, 2 unreadable input file, 3 missing or unusable model, 4 nothing trained from the database.
/// </summary>
public static class CliTools
{
    public const int InputError = 2;
    public const int ModelError = 3;

    /// <summary><c>router train</c> from the database stored no model (too few labelled orders, or another node training).</summary>
    public const int NothingTrained = 4;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Option<string> OrdersOption() =>
        new("--data") { Description = "UTF-8 TSV, .csv or .xlsx with a header naming id, text, time and optionally subject, phone, place (any order; Chinese names such as 留言编号, 留言详情, 留言时间, 留言主题 too).", Required = true };

    public static Option<string> DictionaryOption() =>
        new("--dictionary") { Description = "Names the entity patterns cannot find (\"善心汇\", no kind word): UTF-8, one a line, optionally a tab and a kind (Compound, Company, Shop, School, Hospital, Road, Site, Project)." };

    /// <summary>The extractor of the patterns and, when <paramref name="path"/> is given, that dictionary file's names.</summary>
    public static EntityExtractor Extractor(string? path) =>
        path is null ? new EntityExtractor() : new EntityExtractor(EntityExtractor.ReadDictionary(ToolInput.Lines(path).Select(l => l.Text).ToList()));

    public static Option<string> FormatOption()
    {
        var format = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        return format;
    }

    public static string[] ReadLines(TextReader reader)
    {
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim().Length > 0)
            {
                lines.Add(line);
            }
        }

        return [.. lines];
    }

    /// <summary>Runs a tool; a bad input file or model becomes one clear line on standard error and an exit code.</summary>
    public static int Guarded(ParseResult result, Func<TextWriter, int> run)
    {
        var error = result.InvocationConfiguration.Error;
        try
        {
            return run(result.InvocationConfiguration.Output);
        }
        catch (InputFormatException e)
        {
            error.WriteLine($"error: {e.Message}");
            return InputError;
        }
        catch (ModelFormatException e)
        {
            error.WriteLine($"error: {result.GetValue<string>("--model")}: {e.Message} Retrain it with 'router train'.");
            return ModelError;
        }
        catch (FileNotFoundException e)
        {
            error.WriteLine($"error: {e.Message} Train one with 'router train --data <file> --model <path>'.");
            return ModelError;
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
