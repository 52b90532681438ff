using System.Diagnostics;

namespace Hotline.Tests.Infrastructure;

/// <summary>The real executable (the server's binary, which is also the CLI) as an operator runs a command-line verb.</summary>
public static class HotlineProcess
{
    /// <summary>Runs <c>Hotline.dll</c> with the arguments and environment variables in Production; returns its exit code and both outputs.</summary>
    public static async Task<(int Code, string Output, string Error)> RunAsync(
        IReadOnlyDictionary<string, string> environment, string? workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Hotline.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    /// <summary>The same with the database of a test given through the environment, both outputs together.</summary>
    public static async Task<(int Code, string Output)> RunWithDatabaseAsync(
        Hotline.Infrastructure.Data.DatabaseProvider provider, string connectionString, string? workingDirectory, params string[] args)
    {
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = provider.ToString(),
            ["Database__ConnectionString"] = connectionString,
            ["Security__PasswordHashIterations"] = "1000",
        };
        var (code, output, error) = await RunAsync(environment, workingDirectory, args);
        return (code, output + error);
    }
}
