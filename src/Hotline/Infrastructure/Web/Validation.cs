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
