// Deliberately broken code for DependencyTests: each type in Samples.Domain uses Samples.Features in one of the ways
// a use can hide in compiled code, so the dependency rules are shown to fail on it.
#pragma warning disable CA1822, CA1812, CA1813, CA1018, IDE0059, CA1859

using Hotline.Tests.Architecture.Samples.Features.Intake;

namespace Hotline.Tests.Architecture.Samples.Features.Intake
{
    public sealed class Target
    {
        public static int Value => 1;

        public static Task<int> RunAsync() => Task.FromResult(1);

        public int Touch() => 2;
    }

    [AttributeUsage(AttributeTargets.All)]
    public sealed class TargetMarkerAttribute : Attribute;

    public sealed class UsesKnowledge
    {
        public int Count(Knowledge.Article article, WorkOrders.SharedOrder order, Knowledge.AllowedService service) =>
            article.Id + order.Id + service.Id;
    }
}

namespace Hotline.Tests.Architecture.Samples.Features.Knowledge
{
    public sealed class Article
    {
        public int Id { get; init; }
    }

    public sealed class AllowedService
    {
        public int Id { get; init; }
    }
}

namespace Hotline.Tests.Architecture.Samples.Features.WorkOrders
{
    public sealed class SharedOrder
    {
        public int Id { get; init; }
    }
}

namespace Hotline.Tests.Architecture.Samples.Domain
{
    /// <summary>Uses nothing outside the domain: must not be reported.</summary>
    public sealed class Clean
    {
        public int Value => 3;
    }

    public sealed class FieldUse
    {
        public Target? Field { get; set; }
    }

    public sealed class MethodBodyUse
    {
        public int Run() => new Target().Touch();
    }

    public sealed class GenericArgumentUse
    {
        public int Run()
        {
            var list = new List<Target>();
            return list.Count;
        }
    }

    public sealed class GenericMethodArgumentUse
    {
        public object Run() => Enumerable.Empty<Target>();
    }

    public sealed class LambdaUse
    {
        public Func<int> Run() => () => Target.Value;
    }

    public sealed class ClosureUse
    {
        public Func<int> Run(int add) => () => Target.Value + add;
    }

    public sealed class AsyncUse
    {
        public async Task<int> RunAsync() => await Target.RunAsync() + 1;
    }

    public sealed class TypeofUse
    {
        public Type Run() => typeof(Target);
    }

    [TargetMarker]
    public sealed class AttributeUse;
}
