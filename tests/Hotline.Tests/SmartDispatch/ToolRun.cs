using System.CommandLine;

namespace Hotline.Tests.SmartDispatch;

/// <summary>Runs the file-based tools (router, repeats, hotspots) in this process, as the executable parses them.</summary>
internal static class ToolRun
{
    public static async Task<(int Code, string Output, string Error)> InProcess(params string[] args)
    {
        var root = new RootCommand();
        Cli.AddToolVerbs(root);
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
