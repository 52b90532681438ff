using System.Collections.Concurrent;
using System.Reflection;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NetArchTest.Rules;

namespace Hotline.Tests.Architecture;

/// <summary>One use of a type by another, both named by their outermost declaring type.</summary>
public readonly record struct Dependency(string From, string To)
{
    public override string ToString() => $"{From} → {To}";
}

/// <summary>
/// Which types a type uses, read from the IL with Mono.Cecil: signatures, attributes, generic arguments, locals and
/// every instruction's operand. Compiler-generated types (closures of lambdas, async and iterator state machines) are
/// nested types, so what they use is counted against the type that declared them.
/// </summary>
public static class DependencyScan
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<(TypeDefinition Type, IReadOnlySet<TypeReference> Uses)>> Cache = new();

    /// <summary>Every dependency of a type whose namespace matches <paramref name="from"/> on a type outside itself.</summary>
    public static IReadOnlyList<Dependency> Find(Assembly assembly, Func<string, bool> from)
    {
        var found = new SortedSet<Dependency>(Comparer<Dependency>.Create((a, b) =>
            string.CompareOrdinal(a.From + "\n" + a.To, b.From + "\n" + b.To)));
        foreach (var (type, uses) in Scanned(assembly))
        {
            if (!from(type.Namespace))
            {
                continue;
            }

            foreach (var used in uses)
            {
                var outer = Outermost(used);
                if (outer.FullName != type.FullName)
                {
                    found.Add(new Dependency(type.FullName, outer.FullName));
                }
            }
        }

        return [.. found];
    }

    /// <summary>The namespace of a type's outermost declaring type ("" for compiler-generated types at the root).</summary>
    public static string NamespaceOf(string fullName) => fullName.LastIndexOf('.') is var dot and >= 0 ? fullName[..dot] : string.Empty;

    /// <summary>True when <paramref name="ns"/> is <paramref name="prefix"/> or lies under it (not merely starts with its text).</summary>
    public static bool IsIn(string ns, string prefix) =>
        ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal);

    /// <summary>
    /// A layer rule: no type under <paramref name="subject"/> uses a type under any of <paramref name="forbidden"/>.
    /// Answers what NetArchTest reports and what the IL scan finds, so that a use either one misses still fails.
    /// </summary>
    public static (IReadOnlyList<string> NetArchTest, IReadOnlyList<Dependency> Scan) CheckLayer(Assembly assembly, string subject, params string[] forbidden)
    {
        var result = Types.InAssembly(assembly).That().ResideInNamespace(subject).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        var netArchTest = (result.FailingTypes ?? []).Select(t => OutermostName(t)).Where(n => IsIn(NamespaceOf(n), subject)).Distinct().Order(StringComparer.Ordinal).ToList();
        var scan = Find(assembly, ns => IsIn(ns, subject)).Where(d => forbidden.Any(f => IsIn(NamespaceOf(d.To), f))).ToList();
        return (netArchTest, scan);
    }

    public static string Describe(IReadOnlyList<string> netArchTest, IReadOnlyList<Dependency> scan) =>
        $"\n  uses (IL scan):\n    {string.Join("\n    ", scan)}\n  failing types (NetArchTest):\n    {string.Join("\n    ", netArchTest)}";

    private static string OutermostName(Type type) => type.DeclaringType is { } outer ? OutermostName(outer) : type.FullName ?? type.Name;

    private static TypeReference Outermost(TypeReference type) => type.DeclaringType is { } outer ? Outermost(outer) : type;

    private static IReadOnlyList<(TypeDefinition Type, IReadOnlySet<TypeReference> Uses)> Scanned(Assembly assembly) =>
        Cache.GetOrAdd(assembly.Location, path =>
        {
            using var definition = AssemblyDefinition.ReadAssembly(path);
            return [.. definition.MainModule.Types.Select(t => (t, (IReadOnlySet<TypeReference>)Uses(t)))];
        });

    private static HashSet<TypeReference> Uses(TypeDefinition root)
    {
        var uses = new HashSet<TypeReference>(new ByName());
        void Add(TypeReference? type)
        {
            switch (type)
            {
                case null or GenericParameter:
                    return;
                case GenericInstanceType generic:
                    Add(generic.ElementType);
                    foreach (var argument in generic.GenericArguments)
                    {
                        Add(argument);
                    }

                    return;
                case TypeSpecification specification:
                    Add(specification.ElementType);
                    return;
                default:
                    uses.Add(type);
                    return;
            }
        }

        void AddAttributes(Mono.Cecil.ICustomAttributeProvider provider)
        {
            foreach (var attribute in provider.CustomAttributes)
            {
                Add(attribute.AttributeType);
                foreach (var argument in attribute.ConstructorArguments.Concat(attribute.Properties.Select(p => p.Argument)))
                {
                    Add(argument.Value as TypeReference);
                }
            }
        }

        void AddMethod(MethodReference method)
        {
            Add(method.DeclaringType);
            Add(method.ReturnType);
            foreach (var parameter in method.Parameters)
            {
                Add(parameter.ParameterType);
            }

            if (method is GenericInstanceMethod generic)
            {
                foreach (var argument in generic.GenericArguments)
                {
                    Add(argument);
                }
            }
        }

        void AddType(TypeDefinition type)
        {
            AddAttributes(type);
            Add(type.BaseType);
            foreach (var contract in type.Interfaces)
            {
                Add(contract.InterfaceType);
            }

            foreach (var constraint in type.GenericParameters.SelectMany(p => p.Constraints))
            {
                Add(constraint.ConstraintType);
            }

            foreach (var field in type.Fields)
            {
                AddAttributes(field);
                Add(field.FieldType);
            }

            foreach (var property in type.Properties)
            {
                AddAttributes(property);
                Add(property.PropertyType);
            }

            foreach (var item in type.Events)
            {
                Add(item.EventType);
            }

            foreach (var method in type.Methods)
            {
                AddAttributes(method);
                AddMethod(method);
                foreach (var constraint in method.GenericParameters.SelectMany(p => p.Constraints))
                {
                    Add(constraint.ConstraintType);
                }

                if (!method.HasBody)
                {
                    continue;
                }

                foreach (var variable in method.Body.Variables)
                {
                    Add(variable.VariableType);
                }

                foreach (var handler in method.Body.ExceptionHandlers)
                {
                    Add(handler.CatchType);
                }

                foreach (var instruction in method.Body.Instructions)
                {
                    switch (instruction.Operand)
                    {
                        case TypeReference used:
                            Add(used);
                            break;
                        case MethodReference called:
                            AddMethod(called);
                            break;
                        case FieldReference field:
                            Add(field.DeclaringType);
                            Add(field.FieldType);
                            break;
                        case CallSite site:
                            Add(site.ReturnType);
                            break;
                    }
                }
            }

            foreach (var nested in type.NestedTypes)
            {
                AddType(nested);
            }
        }

        AddType(root);
        return uses;
    }

    private sealed class ByName : IEqualityComparer<TypeReference>
    {
        public bool Equals(TypeReference? x, TypeReference? y) => x?.FullName == y?.FullName;

        public int GetHashCode(TypeReference obj) => obj.FullName.GetHashCode(StringComparison.Ordinal);
    }
}
