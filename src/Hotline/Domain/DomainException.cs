namespace Hotline.Domain;

/// <summary>A business rule was broken; <see cref="Code"/> is stable and documented for API clients.</summary>
public class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>The addressed resource does not exist, or the caller may not know that it exists.</summary>
public sealed class NotFoundException(string code, string message) : DomainException(code, message);

/// <summary>The caller is authenticated but may not do this (role or unit scope).</summary>
public sealed class ForbiddenException(string code, string message) : DomainException(code, message);

/// <summary>Input failed validation; <see cref="Errors"/> maps field names (camelCase) to messages.</summary>
public sealed class ValidationException(IReadOnlyDictionary<string, string[]> errors)
    : DomainException("validation_failed", "One or more fields are invalid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationException For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>Another user changed the same record first; the caller must reload and retry.</summary>
public sealed class ConcurrencyConflictException(string message)
    : DomainException("concurrency_conflict", message);
