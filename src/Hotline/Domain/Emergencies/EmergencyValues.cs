namespace Hotline.Domain.Emergencies;

/// <summary>Where a raised emergency stands (issue 15).</summary>
public enum EmergencyState
{
    /// <summary>Raised by the agent (紧急上报); the duty team leader has not checked it yet.</summary>
    Raised,

    /// <summary>The duty team leader found it genuine and informed the site manager.</summary>
    Confirmed,

    /// <summary>Not a genuine emergency: the order went back to normal urgency.</summary>
    NotGenuine,
}

/// <summary>The duty officers at a moment, from the roster (值班表); either may be unnamed when the roster has a gap.</summary>
public sealed record DutyOfficers(long? TeamLeaderId, string? TeamLeaderName, long? SiteManagerId, string? SiteManagerName)
{
    public static DutyOfficers None { get; } = new(null, null, null, null);
}

/// <summary>An emergency raised on an order and its check.</summary>
public sealed record EmergencyRecord(
    EmergencyState State, DateTime RaisedAtUtc, long RaisedByUserId, string RaisedBy, string? Note,
    long? DutyTeamLeaderId, string? DutyTeamLeaderName, long? DutySiteManagerId, string? DutySiteManagerName,
    DateTime? CheckedAtUtc, string? CheckedBy, string? CheckNote);

/// <summary>The dispatcher's confirming call with a first-level department: whom, when, what was agreed.</summary>
public sealed record EmergencyCallRecord(DateTime RecordedAtUtc, string RecordedBy, DateTime CalledAtUtc, string Department, string Contact, string Agreed);

/// <summary>A report to the city government's departments concerned: who, when, to which (joined with 、), and its text.</summary>
public sealed record EmergencyReportRecord(DateTime AtUtc, string By, string Departments, string Text);
