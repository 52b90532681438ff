using System.Text.RegularExpressions;
using Hotline.Domain;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Web;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Intake;

public sealed record CallerInput([property: MaxLength(Limits.Name)] string? Name, [property: MaxLength(Limits.Phone)] string? Phone, bool IsAnonymous, bool IsConfidential);

public sealed record LocationInput([property: MaxLength(Limits.Code)] string? RegionCode, [property: MaxLength(Limits.LongName)] string? Street, [property: MaxLength(Limits.ShortText)] string? Address, double? Latitude, double? Longitude);

/// <summary>What the intake agent records (S3); shared by registration and correction.</summary>
public record WorkOrderInput
{
    public Channel? Channel { get; init; }

    public RequestType? RequestType { get; init; }

    [MaxLength(Limits.Code)]

    public string? CategoryCode { get; init; }

    public Urgency? Urgency { get; init; }

    public CallerInput? Caller { get; init; }

    public LocationInput? Location { get; init; }

    [MaxLength(Limits.ShortText)]

    public string? Subject { get; init; }

    [MaxLength(Limits.LongText)]

    public string? Events { get; init; }

    [MaxLength(Limits.MediumText)]

    public string? Demand { get; init; }

    [MaxLength(Limits.MediumText)]

    public string? SuggestedHandling { get; init; }

    [MaxLength(Limits.ShortText)]

    public string? PartyInvolved { get; init; }

    // Issue 15, intake (S3): the party involved's address apart from the event's place; the citizen asks for a callback.
    [MaxLength(Limits.ShortText)]
    public string? PartyAddress { get; init; }

    public bool? CitizenWantsCallback { get; init; }

    [MaxLength(Limits.LongName)]

    public string? RecordingId { get; init; }

    [MaxLength(Limits.Reference)]

    public string? ProvincialReference { get; init; }

}

public enum IntakeOutcomeKind
{
    Dispatch,
    AnswerDirectly,
    ThreeWayCall,
    Reject,

    /// <summary>Issue 15 (S3): handled directly by the centre (直接办理); <see cref="IntakeOutcome.CentreAction"/> says what it did.</summary>
    HandleDirectly,
}

/// <summary>How the agent resolved the contact; the fields used depend on <see cref="Kind"/>.</summary>
public sealed record IntakeOutcome(
    IntakeOutcomeKind? Kind,
    [property: MaxLength(Limits.LongText)] string? Answer,
    long? ArticleId,
    long? UnitId,
    [property: MaxLength(Limits.LongText)] string? Result,
    RejectionReason? Reason,
    EmergencyService? TransferredTo,
    [property: MaxLength(Limits.Reason)] string? Note,
    long? ProposedUnitId)
{
    /// <summary>Issue 15 (S3): what the centre did itself, for <see cref="IntakeOutcomeKind.HandleDirectly"/>.</summary>
    [MaxLength(Limits.LongText)]
    public string? CentreAction { get; init; }
}

/// <summary>A registration; issue 18's acceptance of an online submission extends it with the submission's version.</summary>
public record RegisterRequest : WorkOrderInput
{
    public IntakeOutcome? Outcome { get; init; }

    /// <summary>Issue 15 (S3): what the agent told the caller in one go (一次性告知), recorded with the registration.</summary>
    [MaxLength(Limits.MediumText)]
    public string? OneGoNotice { get; init; }

    /// <summary>Issue 15 (S4): 紧急上报 with a dispatch registration, in the same transaction; refused with any other outcome.</summary>
    public bool? RaiseEmergency { get; init; }

    /// <summary>Issue 18: the caller's own uploads (<c>POST /api/attachments</c>) the registration attaches.</summary>
    [MaxLength(Limits.Attachments)]
    public IReadOnlyList<long>? AttachmentIds { get; init; }
}

/// <summary>Issue 15 (S3): after a send-back, the centre handles the request itself.</summary>
public sealed record HandleDirectlyRequest([property: MaxLength(Limits.LongText)] string? CentreAction, long? Version);

/// <summary>Issue 15 (S3): a one-go notice (一次性告知) recorded after registration.</summary>
public sealed record OneGoNoticeRequest([property: MaxLength(Limits.MediumText)] string? Text, long? Version);

public sealed record CorrectRequest : WorkOrderInput
{
    [MaxLength(Limits.Reason)]
    public string? Note { get; init; }

    public long? Version { get; init; }
}

public sealed record AnswerRequest([property: MaxLength(Limits.LongText)] string? Answer, long? ArticleId, long? Version);

public sealed record RejectAtIntakeRequest(RejectionReason? Reason, EmergencyService? TransferredTo, [property: MaxLength(Limits.Reason)] string? Note, long? Version);

public sealed record LinkRepeatRequest(long? EarlierId, long? Version);

public sealed record MergeRequest(long? TargetId, long? Version);

public static partial class WorkOrderInputValidation
{
    /// <summary>Validates the intake fields, naming each bad field; returns the domain content.</summary>
    public static WorkOrderContent ToContent(this WorkOrderInput input, Validation v, bool forDispatch, IReadOnlyList<Attachment>? attachments = null)
    {
        v.Require(input.Channel is not null, "channel", "Choose the channel.");
        v.Require(input.RequestType is not null, "requestType", "Choose the request type.");
        v.Require(input.Urgency is not null, "urgency", "Choose the urgency.");
        v.Text(input.CategoryCode, "categoryCode", Limits.Code);
        var caller = input.Caller ?? new CallerInput(null, null, false, false);
        v.Text(caller.Name, "caller.name", Limits.Name, required: false);
        if (string.IsNullOrWhiteSpace(caller.Phone))
        {
            v.Require(caller.IsAnonymous, "caller.phone", "Give the caller's phone number (or mark the caller anonymous).");
        }
        else
        {
            v.Require(PhonePattern().IsMatch(caller.Phone.Trim()), "caller.phone", "A phone number has 3–20 digits, optionally with +, - or spaces.");
        }

        var location = input.Location ?? new LocationInput(null, null, null, null, null);
        if (string.IsNullOrWhiteSpace(location.RegionCode))
        {
            v.Require(!forDispatch, "location.regionCode", "Give the region, so the order can be routed to the territory.");
        }
        else
        {
            v.Require(RegionPattern().IsMatch(location.RegionCode.Trim()), "location.regionCode", "A region code is 6, 9 or 12 digits.");
        }

        v.Text(location.Street, "location.street", Limits.LongName, required: false);
        v.Text(location.Address, "location.address", Limits.ShortText, required: false);
        v.Require(location.Latitude is null or (>= -90 and <= 90), "location.latitude", "Latitude is between -90 and 90.");
        v.Require(location.Longitude is null or (>= -180 and <= 180), "location.longitude", "Longitude is between -180 and 180.");
        v.Text(input.Subject, "subject", Limits.ShortText);
        v.Text(input.Events, "events", Limits.LongText);
        v.Text(input.Demand, "demand", Limits.MediumText, required: forDispatch);
        v.Text(input.SuggestedHandling, "suggestedHandling", Limits.MediumText, required: false);
        v.Text(input.PartyInvolved, "partyInvolved", Limits.ShortText, required: false);
        v.Text(input.PartyAddress, "partyAddress", Limits.ShortText, required: false);
        v.Text(input.RecordingId, "recordingId", Limits.LongName, required: false);
        v.Text(input.ProvincialReference, "provincialReference", Limits.Reference, required: false);
        v.Require(input.Channel != Domain.WorkOrders.Channel.Province || !string.IsNullOrWhiteSpace(input.ProvincialReference), "provincialReference", "Give the provincial platform's reference for a forwarded ticket.");
        v.ThrowIfInvalid();
        return new WorkOrderContent(
            input.Channel!.Value, input.RequestType!.Value, input.CategoryCode!.Trim(), input.Urgency!.Value,
            new Caller(Clean(caller.Name), Clean(caller.Phone), caller.IsAnonymous, caller.IsConfidential),
            new Location(Clean(location.RegionCode), Clean(location.Street), Clean(location.Address), location.Latitude, location.Longitude),
            input.Subject!.Trim(), input.Events!.Trim(), input.Demand?.Trim() ?? string.Empty, Clean(input.SuggestedHandling), Clean(input.PartyInvolved),
            Clean(input.RecordingId), Clean(input.ProvincialReference), attachments ?? [])
        {
            PartyAddress = Clean(input.PartyAddress),
            CitizenWantsCallback = input.CitizenWantsCallback == true,
        };
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^\+?[0-9][0-9 \-]{2,19}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex("^([0-9]{6}|[0-9]{9}|[0-9]{12})$")]
    private static partial Regex RegionPattern();
}
