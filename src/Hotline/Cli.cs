using System.CommandLine;
using Hotline.Domain.Organisation;
using Hotline.Features.Analytics;
using Hotline.Features.Dispatch.Routing;
using Hotline.Features.Intake;
using Hotline.Infrastructure.Backup;
using Hotline.Infrastructure.Data;
using Hotline.Seeding;
using Hotline.Seeding.History;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Hotline;

/// <summary>The command-line verbs: <c>hotline migrate</c>, <c>hotline seed</c>, <c>hotline generate</c>, <c>hotline user …</c>, <c>hotline backup</c>, <c>hotline restore</c>.</summary>
public static class Cli
{
    private static readonly HashSet<string> Verbs = ["migrate", "seed", "generate", "user", "backup", "restore", RouterCommands.Verb, RepeatCommands.Verb, HotSpotCommands.Verb, Features.Assessment.RollupCommands.Verb, Features.WorkOrders.Entities.EntityCommands.Verb, "--help", "-h", "-?", "--version"];

    public static bool IsVerb(string arg) => Verbs.Contains(arg);

    public static Task<int> RunAsync(string[] args) => CreateRoot().Parse(args).InvokeAsync();

    /// <summary>An unknown command: the error and the usage on standard error, exit code 1 (a usage error).</summary>
    public static async Task<int> UsageErrorAsync(string error)
    {
        await Console.Error.WriteLineAsync(error);
        await CreateRoot().Parse(["--help"]).InvokeAsync(new InvocationConfiguration { Output = Console.Error, Error = Console.Error });
        return 1;
    }

    private static RootCommand CreateRoot()
    {
        var root = new RootCommand("Hotline 12345: the server (default, or 'serve') and its maintenance commands.");

        // Listed for the usage only: Program runs the server itself for 'serve', for no argument and for options (--urls …).
        root.Subcommands.Add(new Command("serve", "Run the server (the default; options such as --urls follow)."));

        var migrate = new Command("migrate", "Apply pending database migrations and load reference data (holiday calendar).");
        migrate.SetAction(async (_, ct) =>
        {
            await using var app = BuildServices();
            await DatabaseSetup.MigrateAsync(app.Services, ct);
            Console.WriteLine("Database is up to date.");
            return 0;
        });
        root.Subcommands.Add(migrate);

        var seed = new Command("seed", "Load the demo platform (units and one account per role) into an empty database.");
        seed.SetAction(async (_, ct) =>
        {
            await using var app = BuildServices();
            await DatabaseSetup.MigrateAsync(app.Services, ct);
            var seeded = await DemoData.SeedAsync(app.Services, ct);
            Console.WriteLine(seeded ? $"Seeded {DemoData.Units.Length} units and {DemoData.Accounts.Length} accounts (password {DemoData.DefaultPassword})." : "The database already has units; nothing seeded.");
            return 0;
        });
        root.Subcommands.Add(seed);
        root.Subcommands.Add(HistoryCommand.Create(BuildServices));

        root.Subcommands.Add(UserCommand());
        root.Subcommands.Add(BackupCommands.Backup(Configuration));
        root.Subcommands.Add(BackupCommands.Restore(Configuration));
        root.Subcommands.Add(Features.Assessment.RollupCommands.Create(() => BuildServices().Services)); // issue 17, assessment
        root.Subcommands.Add(Features.WorkOrders.Entities.EntityCommands.Create(() => BuildServices().Services)); // issue 19
        AddToolVerbs(root);
        return root;
    }

    /// <summary>The file-based tools of routing, repeats and hot spots.</summary>
    public static void AddToolVerbs(RootCommand root)
    {
        root.Subcommands.Add(RouterCommands.Create());
        root.Subcommands.Add(RepeatCommands.Create());
        root.Subcommands.Add(HotSpotCommands.Create());
    }

    private static Command UserCommand()
    {
        var user = new Command("user", "Manage staff accounts from the command line (first administrator, password resets).");
        var name = new Option<string>("--user-name") { Description = "The account's user name.", Required = true };
        var password = new Option<string>("--password") { Description = "The new password (10+ characters, three kinds).", Required = true };

        var setPassword = new Command("set-password", "Set an account's password (clears the demo-default flag).") { name, password };
        setPassword.SetAction(async (result, ct) =>
        {
            if (User.CheckPasswordStrength(result.GetValue(password)) is { } weakness)
            {
                await Console.Error.WriteLineAsync(weakness);
                return 2;
            }

            await using var app = BuildServices();
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            var userName = User.NormaliseUserName(result.GetValue(name)!);
            var account = await db.Users.SingleOrDefaultAsync(u => u.UserName == userName, ct);
            if (account is null)
            {
                await Console.Error.WriteLineAsync($"No account named {userName}.");
                return 1;
            }

            account.SetPassword(scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>().HashPassword(account, result.GetValue(password)!));
            await db.SaveChangesAsync(ct);
            Console.WriteLine($"Password of {userName} changed.");
            return 0;
        });
        user.Subcommands.Add(setPassword);

        var display = new Option<string>("--display-name") { Description = "Name shown in the workbench.", DefaultValueFactory = _ => "系统管理员" };
        var addAdmin = new Command("add-admin", "Create an administrator in the hotline centre (creates the centre if the database is empty).") { name, password, display };
        addAdmin.SetAction(async (result, ct) =>
        {
            if (User.CheckPasswordStrength(result.GetValue(password)) is { } weakness)
            {
                await Console.Error.WriteLineAsync(weakness);
                return 2;
            }

            await using var app = BuildServices();
            await DatabaseSetup.MigrateAsync(app.Services, ct);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            var centre = await db.Units.FirstOrDefaultAsync(u => u.Kind == UnitKind.HotlineCentre, ct);
            if (centre is null)
            {
                var city = Unit.Create("CITY", "市人民政府", UnitKind.City, null, null);
                db.Units.Add(city);
                await db.SaveChangesAsync(ct);
                centre = Unit.Create("CITY-HC", "12345政务服务便民热线中心", UnitKind.HotlineCentre, city, null);
                db.Units.Add(centre);
                await db.SaveChangesAsync(ct);
            }

            var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>();
            var account = User.Create(result.GetValue(name)!, result.GetValue(display)!, centre, [Role.Administrator], string.Empty, false, DateTime.UtcNow);
            account.SetPassword(hasher.HashPassword(account, result.GetValue(password)!));
            db.Users.Add(account);
            await db.SaveChangesAsync(ct);
            Console.WriteLine($"Administrator {account.UserName} created in {centre.Name}.");
            return 0;
        });
        user.Subcommands.Add(addAdmin);
        return user;
    }

    /// <summary>The server's configuration (files, environment), without building its services.</summary>
    private static IConfiguration Configuration() => HotlineApp.CreateBuilder([]).Configuration;

    /// <summary>The server's services without starting it: the same configuration, database and security setup.</summary>
    private static WebApplication BuildServices() => HotlineApp.Build(HotlineApp.CreateBuilder([]));
}
