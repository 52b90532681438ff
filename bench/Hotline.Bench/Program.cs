using System.Reflection;
using Hotline.Bench;

var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

if (args.Length == 0 || args[0] is "-h" or "--help" or "list")
{
    Console.WriteLine("usage: bench/run.sh <benchmark> [--option value ...]\n");
    foreach (var b in benchmarks)
    {
        Console.WriteLine($"  {b.Name,-28} {b.Description}");
    }

    return 0;
}

var selected = benchmarks.SingleOrDefault(b => b.Name == args[0]);
if (selected is null)
{
    Console.Error.WriteLine($"no benchmark named '{args[0]}'; try 'list'");
    return 2;
}

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}

return await selected.RunAsync(new BenchContext(options));
