using Hotline.Domain;

namespace Hotline.Infrastructure.Web;

/// <summary>Collects field errors for one request and throws them together as a 400.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public Validation Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            Add(field, message);
        }

        return this;
    }

    public Validation Text(string? value, string field, int maxLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, "This field is required.");
            }
        }
        else if (value.Length > maxLength)
        {
            Add(field, $"At most {maxLength} characters.");
        }

        return this;
    }

    /// <summary>A query-string enum as the API writes it (camelCase) or in any case; numbers and unknown names are a field error.</summary>
    public T? Enum<T>(string? value, string field)
        where T : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (System.Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !char.IsAsciiDigit(value.TrimStart('-', '+')[0]))
        {
            return parsed;
        }

        Add(field, $"Use one of: {string.Join(", ", System.Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}.");
        return null;
    }

    /// <summary>A query-string date as yyyy-MM-dd within <see cref="Domain.Calendar.ChinaTime.SupportedRange"/>; absent is null, or a field error when <paramref name="required"/>.</summary>
    public DateOnly? Date(string? value, string field, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value) && !required)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            && Domain.Calendar.ChinaTime.IsSupported(date))
        {
            return date;
        }

        Add(field, $"Give a date as yyyy-MM-dd, {Domain.Calendar.ChinaTime.SupportedRange}.");
        return null;
    }

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    public bool HasErrors => _errors.Count > 0;

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw new ValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }
}
