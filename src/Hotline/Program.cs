namespace Hotline;

/// <summary>
/// One executable: the server by default, the command-line tools when the first argument names one; any other first
/// argument that is not an option prints the usage and exits 1.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && Cli.IsVerb(args[0]))
        {
            return await Cli.RunAsync(args);
        }

        var serverArgs = args is ["serve", .. var rest] ? rest : args;
        if (serverArgs is [var first, ..] && !IsServerOption(first))
        {
            return await Cli.UsageErrorAsync($"Unknown command '{first}'.");
        }

        return await HotlineApp.RunAsync(serverArgs);
    }

    /// <summary>
    /// What the server accepts after its name: a switch (<c>--urls …</c>) or a configuration setting (<c>Urls=…</c>).
    /// Anything else is a mistyped or unknown command, which must not start the server.
    /// </summary>
    private static bool IsServerOption(string arg) => arg.StartsWith('-') || arg.Contains('=', StringComparison.Ordinal);
}
