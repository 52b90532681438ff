namespace Hotline.Domain.Organisation;

/// <summary>A member of staff who signs in with a user name and password.</summary>
public sealed class User
{
    private User()
    {
        UserName = DisplayName = PasswordHash = SecurityStamp = string.Empty;
    }

    public long Id { get; private set; }

    /// <summary>Stored lower-case; unique.</summary>
    public string UserName { get; private set; }

    public string DisplayName { get; private set; }

    public long UnitId { get; private set; }

    public Unit? Unit { get; private set; }

    public List<UserRole> Roles { get; private set; } = [];

    public string PasswordHash { get; private set; }

    /// <summary>True while the password is a seeded demo default; production start-up refuses then.</summary>
    public bool HasDefaultPassword { get; private set; }

    public bool IsActive { get; private set; } = true;

    /// <summary>Changes whenever credentials, roles or unit change, so that older sessions are rejected.</summary>
    public string SecurityStamp { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public long Version { get; private set; }

    public IEnumerable<Role> RoleSet => Roles.Select(r => r.Role);

    public static User Create(string userName, string displayName, Unit unit, IReadOnlyCollection<Role> roles, string passwordHash, bool isDefaultPassword, DateTime nowUtc)
    {
        var user = new User
        {
            UserName = NormaliseUserName(userName),
            PasswordHash = passwordHash,
            HasDefaultPassword = isDefaultPassword,
            CreatedAtUtc = nowUtc,
        };
        user.Assign(displayName, unit, roles, isActive: true);
        return user;
    }

    public static string NormaliseUserName(string userName) => userName.Trim().ToLowerInvariant();

    public void Assign(string displayName, Unit unit, IReadOnlyCollection<Role> roles, bool isActive)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > 50)
        {
            errors["displayName"] = ["Give a display name of 1–50 characters."];
        }

        if (roles.Count == 0)
        {
            errors["roles"] = ["Give the user at least one role."];
        }
        else if (roles.Any(r => r.IsCentreRole()) && unit.Kind != UnitKind.HotlineCentre)
        {
            errors["roles"] = ["Hotline-centre roles belong to users of the hotline centre."];
        }
        else if (roles.Any(r => r.IsUnitRole()) && unit.Kind == UnitKind.HotlineCentre)
        {
            errors["roles"] = ["Unit roles belong to users of a handling unit, not of the hotline centre."];
        }

        if (!unit.IsActive)
        {
            errors["unitId"] = ["The unit is inactive."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        DisplayName = displayName.Trim();
        UnitId = unit.Id;
        Unit = unit;
        Roles.RemoveAll(r => !roles.Contains(r.Role));
        foreach (var role in roles.Distinct().Where(r => Roles.All(x => x.Role != r)))
        {
            Roles.Add(new UserRole(role));
        }

        IsActive = isActive;
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public void SetPassword(string passwordHash)
    {
        PasswordHash = passwordHash;
        HasDefaultPassword = false;
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    /// <summary>Stores a stronger hash of the same password (after the hashing parameters were raised).</summary>
    public void Rehash(string passwordHash) => PasswordHash = passwordHash;

    /// <summary>Password rule shared by every place that sets one: 10+ characters of at least three kinds.</summary>
    public static string? CheckPasswordStrength(string? password)
    {
        if (password is null || password.Length < 10 || password.Length > 128)
        {
            return "A password has 10–128 characters.";
        }

        var kinds = (password.Any(char.IsLower) ? 1 : 0) + (password.Any(char.IsUpper) ? 1 : 0)
            + (password.Any(char.IsDigit) ? 1 : 0) + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
        return kinds < 3 ? "A password mixes at least three of: lower case, upper case, digits, symbols." : null;
    }
}

/// <summary>One role held by a user.</summary>
public sealed class UserRole(Role role)
{
    public long UserId { get; private set; }

    public Role Role { get; private set; } = role;
}
