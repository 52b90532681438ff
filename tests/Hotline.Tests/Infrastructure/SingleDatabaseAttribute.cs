namespace Hotline.Tests.Infrastructure;

/// <summary>
/// Marks a test class (or a fixture every user of which it covers) that runs on one database on purpose; without it,
/// BothDatabasesTests requires a SQLite and a PostgreSQL variant of every data test.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SingleDatabaseAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}
