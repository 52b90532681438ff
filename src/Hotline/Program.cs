namespace Hotline;

/// <summary>One executable: the server by default, the command-line tools when the first argument names one.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && Cli.IsVerb(args[0]))
        {
            return await Cli.RunAsync(args);
        }

        return await HotlineApp.RunAsync(args is ["serve", .. var rest] ? rest : args);
    }
}
