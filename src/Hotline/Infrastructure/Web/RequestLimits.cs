using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using Hotline.Domain;

namespace Hotline.Infrastructure.Web;

/// <summary>
/// The request check of the declared text limits (issue 13, defect 2): before a handler runs, every string of its body
/// is held to the <c>[MaxLength]</c> its record declares (a <see cref="Limits"/> constant), every list to its declared
/// count, and every string from the path or the query string to its declared length or <see cref="Limits.QueryValue"/>.
/// All fields over their limit are named together in one 400, keyed by the JSON path the API spells ("reason",
/// "items[0].note"). The plan for each endpoint and each body type is built once; a request without text costs a
/// few null checks.
/// </summary>
public static class RequestLimits
{
    private static readonly ConcurrentDictionary<Type, Member[]> Plans = new();

    /// <summary>Routes mapped on the returned group have their requests checked against the declared limits.</summary>
    public static RouteGroupBuilder MapLimitedGroup(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(string.Empty);
        group.AddEndpointFilterFactory(Filter);
        return group;
    }

    private static EndpointFilterDelegate Filter(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var services = context.ApplicationServices.GetService<IServiceProviderIsService>();
        var checks = context.MethodInfo.GetParameters().Select(p => Check(p, services)).ToArray();
        if (checks.All(c => c is null))
        {
            return next;
        }

        return invocation =>
        {
            Validation? validation = null;
            for (var i = 0; i < checks.Length && i < invocation.Arguments.Count; i++)
            {
                checks[i]?.Invoke(invocation.Arguments[i], ref validation);
            }

            validation?.ThrowIfInvalid();
            return next(invocation);
        };
    }

    private delegate void ArgumentCheck(object? value, ref Validation? validation);

    /// <summary>The check of one handler parameter: a string from the path or query, a body record, or nothing (services, numbers).</summary>
    private static ArgumentCheck? Check(ParameterInfo parameter, IServiceProviderIsService? services)
    {
        var name = parameter.Name ?? "body";
        var declared = parameter.GetCustomAttribute<MaxLengthAttribute>()?.Length;
        if (parameter.ParameterType == typeof(string))
        {
            var max = declared ?? Limits.QueryValue;
            return (object? value, ref Validation? v) => CheckString(value as string, name, max, ref v);
        }

        if (parameter.ParameterType == typeof(string[]))
        {
            var max = declared ?? Limits.QueryValue;
            return (object? value, ref Validation? v) =>
            {
                if (value is string[] values)
                {
                    foreach (var item in values)
                    {
                        CheckString(item, name, max, ref v);
                    }
                }
            };
        }

        if (!IsRequestType(parameter.ParameterType) || services?.IsService(parameter.ParameterType) == true)
        {
            return null;
        }

        var plan = PlanOf(parameter.ParameterType);
        return plan.Length == 0 ? null : (object? value, ref Validation? v) => CheckObject(value, plan, string.Empty, ref v);
    }

    /// <summary>The check of one body as the filter makes it: the fields over their limit, or null (the benchmark's entry).</summary>
    internal static Validation? CheckBody(object body)
    {
        Validation? validation = null;
        CheckObject(body, PlanOf(body.GetType()), string.Empty, ref validation);
        return validation;
    }

    /// <summary>A class of this server's own that a body binds to (a parameter that is a service is left out before).</summary>
    private static bool IsRequestType(Type type) =>
        type.IsClass && type != typeof(string) && type.Assembly == typeof(RequestLimits).Assembly && !typeof(Delegate).IsAssignableFrom(type);

    private static Member[] PlanOf(Type type) => Plans.GetOrAdd(type, t =>
    [
        .. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => Member.Of(p, DeclaredLimit(t, p)))
            .Where(m => m is not null)
            .Select(m => m!),
    ]);

    /// <summary>The <c>[MaxLength]</c> on the property or, for a positional record, on its constructor parameter.</summary>
    internal static int? DeclaredLimit(Type type, PropertyInfo property)
    {
        if (property.GetCustomAttribute<MaxLengthAttribute>() is { } onProperty)
        {
            return onProperty.Length;
        }

        return type.GetConstructors()
            .SelectMany(c => c.GetParameters())
            .FirstOrDefault(p => p.Name == property.Name && p.ParameterType == property.PropertyType)
            ?.GetCustomAttribute<MaxLengthAttribute>()?.Length;
    }

    private static void CheckObject(object? value, Member[] plan, string path, ref Validation? validation)
    {
        if (value is null)
        {
            return;
        }

        foreach (var member in plan)
        {
            var field = path.Length == 0 ? member.Field : path + "." + member.Field;
            var memberValue = member.Property.GetValue(value);
            switch (member.Kind)
            {
                case MemberKind.String:
                    CheckString(memberValue as string, field, member.MaxLength ?? int.MaxValue, ref validation);
                    break;
                case MemberKind.Record:
                    CheckObject(memberValue, PlanOf(member.Property.PropertyType), field, ref validation);
                    break;
                case MemberKind.List when memberValue is ICollection list:
                    if (member.MaxLength is { } maxItems && list.Count > maxItems)
                    {
                        (validation ??= new()).Add(field, $"At most {maxItems} items.");
                        break;
                    }

                    CheckItems(list, member, field, ref validation);
                    break;
            }
        }
    }

    private static void CheckItems(ICollection list, Member member, string field, ref Validation? validation)
    {
        var index = 0;
        foreach (var item in list)
        {
            if (item is null)
            {
                // No list of this API holds empty entries; refused here, no handler has to guard against one.
                (validation ??= new()).Add($"{field}[{index}]", "An entry of this list is empty (null).");
            }
            else if (item is string text)
            {
                CheckString(text, $"{field}[{index}]", Limits.ListItem, ref validation);
            }
            else if (member.ItemType is not null && member.ItemType != typeof(string))
            {
                CheckObject(item, PlanOf(member.ItemType), $"{field}[{index}]", ref validation);
            }

            index++;
        }
    }

    private static void CheckString(string? value, string field, int max, ref Validation? validation)
    {
        if (value is not null && value.Length > max)
        {
            (validation ??= new()).Add(field, $"At most {max} characters.");
        }
    }

    private enum MemberKind
    {
        String,
        Record,
        List,
    }

    private sealed record Member(PropertyInfo Property, string Field, MemberKind Kind, int? MaxLength, Type? ItemType)
    {
        public static Member? Of(PropertyInfo property, int? maxLength)
        {
            var type = property.PropertyType;
            var field = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (type == typeof(string))
            {
                return new(property, field, MemberKind.String, maxLength, null);
            }

            if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && !type.IsAssignableTo(typeof(IDictionary)))
            {
                var itemType = type.IsArray ? type.GetElementType() : type.GetGenericArguments().FirstOrDefault();
                var walked = itemType is not null && (itemType == typeof(string) || IsRequestType(itemType));
                return new(property, field, MemberKind.List, maxLength, walked ? itemType : null);
            }

            return IsRequestType(type) ? new(property, field, MemberKind.Record, maxLength, null) : null;
        }
    }
}
