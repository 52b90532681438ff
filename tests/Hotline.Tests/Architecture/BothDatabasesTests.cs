using System.Reflection;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.Architecture;

/// <summary>
/// Every test that touches a database runs on SQLite and on PostgreSQL: an abstract test class has a variant for
/// each, and a concrete one that uses a single database says why with <see cref="SingleDatabaseAttribute"/>.
/// </summary>
public sealed class BothDatabasesTests
{
    private static readonly DatabaseProvider[] Providers = Enum.GetValues<DatabaseProvider>();

    [Fact]
    public void DataTestClasses_RunOnBothDatabasesOrSayWhyNot()
    {
        var types = typeof(BothDatabasesTests).Assembly.GetTypes().Where(t => !IsSample(t)).ToList();

        var problems = Problems(types, typeof(FactAttribute));

        Assert.True(problems.Count == 0, $"data tests that do not run on both databases:\n  {string.Join("\n  ", problems)}");
    }

    [Fact]
    public void DataTestClasses_AreFound()
    {
        var types = typeof(BothDatabasesTests).Assembly.GetTypes().Where(t => !IsSample(t)).ToList();

        var data = types.Where(t => IsTestClass(t, typeof(FactAttribute)) && !t.IsAbstract && ProvidersOf(t) is { Count: > 0 }).ToList();

        // About twenty abstract HTTP and store tests, each with two variants: fewer means the detection broke.
        Assert.True(data.Count > 30, $"only {data.Count} concrete data test classes found");
        Assert.Contains(typeof(Foundation.SchemaTests_Postgres), data);
        Assert.Contains(typeof(WorkOrders.WorkOrderLifecycleTests_Sqlite), data);
    }

    // The rule can fail: the same check over deliberately broken samples.
    [Fact]
    public void Problems_OnSamples_ReportsAMissingVariantAndAnUnmarkedSingleDatabaseClass()
    {
        var samples = typeof(Samples).GetNestedTypes();

        var problems = Problems(samples, typeof(Samples.SampleFactAttribute));

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith(typeof(Samples.OnlySqliteVariant).FullName + ":", StringComparison.Ordinal) && p.Contains("Postgres", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith(typeof(Samples.OnlyPostgresProviderVariant).FullName + ":", StringComparison.Ordinal) && p.Contains("Sqlite", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith(typeof(Samples.UnmarkedPostgresOnly).FullName + ":", StringComparison.Ordinal));
    }

    /// <summary>What breaks the rule among <paramref name="types"/>, tests being methods marked with <paramref name="test"/>.</summary>
    private static List<string> Problems(IReadOnlyCollection<Type> types, Type test)
    {
        var problems = new List<string>();
        var abstracts = types.Where(t => t.IsAbstract && !t.IsSealed && IsTestClass(t, test) && UsesADatabase(t)).ToList();
        foreach (var parent in abstracts)
        {
            if (Marked(parent, problems))
            {
                continue;
            }

            var variants = types.Where(t => !t.IsAbstract && parent.IsAssignableFrom(t)).ToList();
            var covered = variants.SelectMany(v => ProvidersOf(v) ?? []).ToHashSet();
            var missing = Providers.Where(p => !covered.Contains(p)).ToList();
            if (missing.Count > 0)
            {
                problems.Add($"{parent.FullName}: no {string.Join(" and no ", missing)} variant " +
                    $"(variants: {string.Join(", ", variants.Select(v => v.Name))}); add one or mark the class [SingleDatabase(\"why\")]");
            }
        }

        foreach (var type in types.Where(t => !t.IsAbstract && IsTestClass(t, test)))
        {
            var providers = ProvidersOf(type);
            var isVariant = abstracts.Any(a => a.IsAssignableFrom(type));
            if (providers is { Count: 0 } || providers?.Count == Providers.Length || (isVariant && providers is not null))
            {
                continue;
            }

            if (!isVariant && (Marked(type, problems) || Fixtures(type).Any(f => Marked(f, problems))))
            {
                continue;
            }

            problems.Add(providers is null
                ? $"{type.FullName}: uses a database, but which one cannot be told; give it an AppFixture or mark it [SingleDatabase(\"why\")]"
                : $"{type.FullName}: runs on {string.Join(", ", providers)} only; make it abstract with a variant for each database, or mark it [SingleDatabase(\"why\")]");
        }

        return problems;
    }

    private static bool IsTestClass(Type type, Type test) =>
        type.IsClass && type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Any(m => m.IsDefined(test, inherit: true));

    /// <summary>An abstract test class is a data test when its constructor takes a database fixture or provider.</summary>
    private static bool UsesADatabase(Type type) =>
        type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .SelectMany(c => c.GetParameters())
            .Any(p => p.ParameterType == typeof(DatabaseProvider) || IsDatabaseFixture(p.ParameterType));

    private static bool IsDatabaseFixture(Type type) =>
        typeof(AppFixture).IsAssignableFrom(type) || type.GetProperties().Any(p => typeof(AppFixture).IsAssignableFrom(p.PropertyType));

    /// <summary>The fixtures a test class is given: its constructor's parameters and its class fixtures.</summary>
    private static IEnumerable<Type> Fixtures(Type type) =>
        type.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType)
            .Concat(type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IClassFixture<>)).Select(i => i.GetGenericArguments()[0]))
            .Where(IsDatabaseFixture)
            .Distinct();

    /// <summary>
    /// The databases a concrete test class runs on (empty: none), or null when it uses one that cannot be told: a
    /// fixture that only holds an app (the browser's). Fixtures and provider-taking tests are built to read it; their constructors do
    /// no I/O (a fixture starts its server in InitializeAsync).
    /// </summary>
    private static HashSet<DatabaseProvider>? ProvidersOf(Type type)
    {
        var providers = new HashSet<DatabaseProvider>();
        foreach (var fixture in Fixtures(type))
        {
            if (!typeof(AppFixture).IsAssignableFrom(fixture))
            {
                return null;
            }

            providers.Add(((AppFixture)Activator.CreateInstance(fixture)!).Provider);
        }

        var takesProvider = type.BaseType?.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(DatabaseProvider))) == true;
        if (takesProvider && type.GetConstructor(Type.EmptyTypes) is { } constructor)
        {
            var instance = constructor.Invoke(null);
            for (var t = type; t is not null; t = t.BaseType)
            {
                foreach (var field in t.GetFields(BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                {
                    if (field.FieldType == typeof(DatabaseProvider))
                    {
                        providers.Add((DatabaseProvider)field.GetValue(instance)!);
                    }
                }
            }

            (instance as IDisposable)?.Dispose();
            if (providers.Count == 0)
            {
                return null;
            }
        }

        return providers;
    }

    private static bool Marked(Type type, List<string> problems)
    {
        if (type.GetCustomAttribute<SingleDatabaseAttribute>() is not { } single)
        {
            return false;
        }

        if (string.IsNullOrWhiteSpace(single.Reason))
        {
            problems.Add($"{type.FullName}: [SingleDatabase] without a reason");
        }

        return true;
    }

    private static bool IsSample(Type type) => type == typeof(Samples) || type.DeclaringType is { } outer && IsSample(outer);

    /// <summary>Deliberately broken data tests, marked with their own attribute so that xunit never runs them.</summary>
    public static class Samples
    {
        [AttributeUsage(AttributeTargets.Method)]
        public sealed class SampleFactAttribute : Attribute;

        public abstract class BothVariants(AppFixture app)
        {
            [SampleFact]
            public void Run() => Assert.NotNull(app);
        }

        public sealed class BothVariants_Sqlite(SqliteApp app) : BothVariants(app), IClassFixture<SqliteApp>;

        public sealed class BothVariants_Postgres(PostgresApp app) : BothVariants(app), IClassFixture<PostgresApp>;

        public abstract class OnlySqliteVariant(AppFixture app)
        {
            [SampleFact]
            public void Run() => Assert.NotNull(app);
        }

        public sealed class OnlySqliteVariant_Sqlite(SqliteApp app) : OnlySqliteVariant(app), IClassFixture<SqliteApp>;

        public abstract class OnlyPostgresProviderVariant(DatabaseProvider provider)
        {
            [SampleFact]
            public void Run() => Assert.True(Enum.IsDefined(provider));
        }

        public sealed class OnlyPostgresProviderVariant_Postgres() : OnlyPostgresProviderVariant(DatabaseProvider.Postgres);

        public sealed class UnmarkedPostgresOnly(PostgresApp app) : IClassFixture<PostgresApp>
        {
            [SampleFact]
            public void Run() => Assert.NotNull(app);
        }

        [SingleDatabase("a sample of the attribute")]
        public sealed class MarkedPostgresOnly(PostgresApp app) : IClassFixture<PostgresApp>
        {
            [SampleFact]
            public void Run() => Assert.NotNull(app);
        }

        public sealed class NoDatabase
        {
            [SampleFact]
            public void Run() => Assert.True(GetType().IsSealed);
        }
    }
}
