using Hotline.Infrastructure.Cli;
using Hotline.Text;

namespace Hotline.Tests.SmartDispatch;

/// <summary>The shipped fixture: realistic hotline texts written for this project, labelled with the unit that handles them.</summary>
internal static class RoutingFixture
{
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "SmartDispatch", "Fixtures", "routing.tsv");

    public static List<LabelledText> Load() => ToolInput.ReadLabelled(Path);

    /// <summary>A small, fast model: the production settings with a smaller hash space.</summary>
    public static TextClassifierOptions SmallOptions { get; } = new() { Features = new NGramSettings(HashBits: 16) };
}
