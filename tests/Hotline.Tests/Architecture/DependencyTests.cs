using System.Reflection;
using Hotline.Tests.Architecture.Samples.Domain;

namespace Hotline.Tests.Architecture;

/// <summary>
/// The direction of dependencies (issue 12): the domain and the text library stand alone, infrastructure serves the
/// capabilities without knowing them, and a capability reaches another only through the shared WorkOrders room or a
/// service named in <see cref="AllowedAcrossCapabilities"/>.
/// </summary>
public sealed class DependencyTests
{
    private const string Features = "Hotline.Features";

    /// <summary>The capability every other one may use: the work order and what is shared around it.</summary>
    private const string SharedCapability = "WorkOrders";

    private static readonly string[] OutsideTheCore =
        [Features, "Hotline.Infrastructure", "Hotline.Seeding", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Npgsql"];

    /// <summary>
    /// Types of one capability that others may use, each a named public service (full type name → why it may be
    /// shared). Every entry needs its one-line reason.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> AllowedAcrossCapabilities = new Dictionary<string, string>
    {
        ["Hotline.Features.WorkOrders.Entities.EntityNames"] = "Issue 19: the hot-spot job keys orders by the entities the orders and the repeat check know (the unit tree and the centre's dictionary).",
        ["Hotline.Features.Calendar.CalendarService"] = "The working-day calendar: every clock and the sign-in warning about missing years read it.",
        ["Hotline.Features.Calendar.CalendarWarning"] = "The calendar's warning that a coming year has no holidays, shown at sign-in.",
        ["Hotline.Features.Callback.CallbackPolicy"] = "Which orders get a callback (S6): an answer at intake and the callback stage ask the same policy.",
        ["Hotline.Features.Callback.CallbackPolicyOptions"] = "The callback policy's settings (Callback:Policy, Callback:SamplePercent), bound once.",
        ["Hotline.Features.Attachments.UploadReceiver"] = "Issue 18: a citizen's photo is received by the same store, sniffing and limits as staff's uploads.",
        ["Hotline.Features.Attachments.AttachmentEndpoints"] = "Issue 18: the citizen upload reads its multipart form as the staff upload does (ReceiveFormAsync).",
        ["Hotline.Features.Attachments.IFileStore"] = "Issue 18: the citizen reads the thumbnail of its own photo from the same store.",
        ["Hotline.Features.Attachments.UploadView"] = "Issue 18: the intake agent sees a submission's photos as any upload.",
        ["Hotline.Features.Attachments.UploadClaims"] = "Issue 18: a registration and a reply attach the caller's uploads, claimed in the order's transaction.",
        ["Hotline.Features.Emergencies.DutyRosterLookup"] = "Who is on duty now: 紧急上报 names them, raised on its own or with the registration (issue 15).",
        ["Hotline.Features.Dispatch.CategoryDirectory"] = "The active business categories: intake and routing check a category against it.",
        ["Hotline.Features.Dispatch.DispatchCatalogue"] = "The catalogue's proposal of a lead unit; routing and early warnings route by it too.",
        ["Hotline.Features.Dispatch.DispatchProposal"] = "What the catalogue proposes (the unit and why).",
        ["Hotline.Features.Knowledge.KnowledgeLookup"] = "Is an article live now, and record its use: intake, dispatch and the portal answer with articles.",
        ["Hotline.Features.Knowledge.LiveArticle"] = "The live version of an article, as the lookup returns it.",
        ["Hotline.Features.Knowledge.KnowledgeContentDto"] = "An article's content as every screen shows it (search hits, the portal).",
        ["Hotline.Features.Knowledge.KnowledgeIndexer"] = "The search-document kinds of knowledge, which the portal's search asks for.",
        ["Hotline.Features.Notifications.NotificationView"] = "A workbench notification as its audience sees it: the list and the live push send the same.",
        ["Hotline.Features.Organisation.UnitLookup"] = "A unit within the signed-in user's scope (a knowledge article's owner).",
        ["Hotline.Features.Supervision.MisconductLookup"] = "Issue 17: the interview list (约谈) reads supervision's records of inaction or slow action (不作为、慢作为).",
        ["Hotline.Features.Supervision.Proposals.IUnitFigureSource"] = "Issue 17: assessment gives supervision's unit-figure triggers (low rate, falling rank) their figures.",
        ["Hotline.Features.Supervision.Proposals.UnitFigure"] = "Issue 17: one unit's figure as supervision's unit-figure triggers read it.",
        ["Hotline.Features.Citizens.CitizenAccess"] = "Issue 18: Open311 resolves a channel key to its channel as the citizen API does; the chat hands over on the citizen's verified phone (the citizen token).",
        ["Hotline.Features.Citizens.CitizenChannel"] = "Issue 18: the channel of a key, which an Open311 request's submission takes.",
        ["Hotline.Features.Citizens.SubmissionPath"] = "Issue 18: Open311 sends a request into the online intake queue through the one submission path (interception included).",
        ["Hotline.Features.Citizens.OnlineCategories"] = "Issue 18: Open311's services are the categories citizens choose from in the portal.",
        ["Hotline.Features.Intake.IntakeRegistration"] = "Issue 18: the online intake queue accepts a submission through the one registration path.",
        ["Hotline.Features.Intake.RegisterRequest"] = "Issue 18: accepting a submission is a registration (its request, with the submission's version).",
        ["Hotline.Features.Intake.WorkOrderInput"] = "Issue 18: the registration's fields, which the accepted submission's request carries.",
        ["Hotline.Features.Intake.CallerInput"] = "Issue 18: the caller of an accepted submission is the citizen's verified phone.",
        ["Hotline.Features.Citizens.CitizenTokenRequiredException"] = "Issue 18: the chat answers a hand-over without a citizen token as the citizen API does (401).",
        ["Hotline.Features.Intake.CallerHistoryQuery"] = "Issue 18: the chat's agent sees the verified phone's earlier orders, the intake's screen pop.",
        ["Hotline.Features.Intake.CallerHistory"] = "Issue 18: the caller history as the intake and the chat return it.",
        ["Hotline.Features.Search.SearchRequest"] = "Paging and text checks shared by every search screen.",
        ["Hotline.Features.Search.SearchHitDto"] = "A search hit as every search screen returns it.",
        ["Hotline.Features.Search.SearchResultsDto"] = "A page of search hits as every search screen returns it.",
    };

    private static Assembly Server => typeof(HotlineApp).Assembly;

    [Theory]
    [InlineData("Hotline.Domain")]
    [InlineData("Hotline.Text")]
    public void Core_UsesNothingFromOuterLayersOrFrameworks(string core)
    {
        var (netArchTest, scan) = DependencyScan.CheckLayer(Server, core, OutsideTheCore);

        Assert.True(netArchTest.Count == 0 && scan.Count == 0, $"{core} depends outward:{DependencyScan.Describe(netArchTest, scan)}");
    }

    [Fact]
    public void Infrastructure_UsesNoCapabilityAndNoSeeding()
    {
        var (netArchTest, scan) = DependencyScan.CheckLayer(Server, "Hotline.Infrastructure", Features, "Hotline.Seeding");

        Assert.True(netArchTest.Count == 0 && scan.Count == 0, $"Hotline.Infrastructure depends on capabilities or seeding:{DependencyScan.Describe(netArchTest, scan)}");
    }

    [Fact]
    public void Capability_UsesAnotherOnlyThroughWorkOrdersOrAnAllowedService()
    {
        var capabilities = CapabilitiesOf(Server, Features);
        var violations = CrossCapabilityUses(Server, Features, AllowedAcrossCapabilities);

        Assert.True(capabilities.Count > 3, $"found too few capabilities under {Features}: {string.Join(", ", capabilities)}");
        Assert.True(
            violations.Count == 0,
            $"{violations.Count} uses across capabilities outside {Features}.{SharedCapability}; move the type to {SharedCapability}, " +
            $"or name it in {nameof(AllowedAcrossCapabilities)} with a reason:\n  {string.Join("\n  ", violations)}");
    }

    [Fact]
    public void AllowedAcrossCapabilities_NamesExistingTypesWithAReason()
    {
        foreach (var (type, reason) in AllowedAcrossCapabilities)
        {
            Assert.True(Server.GetType(type) is not null, $"{type} is allowed across capabilities but does not exist");
            Assert.False(string.IsNullOrWhiteSpace(reason), $"{type} is allowed across capabilities without a reason");
        }
    }

    // The rules can fail: the same checks over deliberately broken samples (Architecture/DependencySamples.cs), one
    // sample type per way a use can hide in compiled code.
    [Fact]
    public void CheckLayer_OnSamplesThatUseTheForbiddenLayer_ReportsEachSample()
    {
        var (_, scan) = DependencyScan.CheckLayer(typeof(FieldUse).Assembly, SamplesRoot + ".Domain", SamplesRoot + ".Features");

        var reported = scan.Select(d => d.From).ToHashSet();
        var samples = typeof(FieldUse).Assembly.GetTypes()
            .Where(t => t.Namespace == SamplesRoot + ".Domain" && t.DeclaringType is null && t.Name != nameof(Clean))
            .Select(t => t.FullName!)
            .ToList();
        Assert.True(samples.Count >= 8, "the samples are missing");
        var missed = samples.Where(s => !reported.Contains(s)).ToList();
        Assert.True(missed.Count == 0, $"the IL scan missed: {string.Join(", ", missed)}");
        Assert.DoesNotContain(typeof(Clean).FullName!, reported);
    }

    [Fact]
    public void CheckLayer_NetArchTestAlone_MissesNoSample()
    {
        var (netArchTest, _) = DependencyScan.CheckLayer(typeof(FieldUse).Assembly, SamplesRoot + ".Domain", SamplesRoot + ".Features");

        var samples = typeof(FieldUse).Assembly.GetTypes()
            .Where(t => t.Namespace == SamplesRoot + ".Domain" && t.DeclaringType is null && t.Name != nameof(Clean))
            .Select(t => t.FullName!);
        var missed = samples.Except(netArchTest).ToList();
        Assert.True(missed.Count == 0, $"NetArchTest missed: {string.Join(", ", missed)}");
    }

    [Fact]
    public void CrossCapabilityUses_OnSamples_ReportsUsesOfAnotherCapability_ButNotOfWorkOrdersOrAnAllowedType()
    {
        var features = SamplesRoot + ".Features";
        var allowed = new Dictionary<string, string> { [features + ".Knowledge.AllowedService"] = "sample" };

        var violations = CrossCapabilityUses(typeof(FieldUse).Assembly, features, allowed);

        Assert.Equal(
            [new Dependency(features + ".Intake.UsesKnowledge", features + ".Knowledge.Article")],
            violations);
        Assert.Equal(["Intake", "Knowledge", "WorkOrders"], CapabilitiesOf(typeof(FieldUse).Assembly, features));
    }

    private const string SamplesRoot = "Hotline.Tests.Architecture.Samples";

    /// <summary>The first-level namespaces under <paramref name="root"/>: one per capability folder.</summary>
    private static List<string> CapabilitiesOf(Assembly assembly, string root) =>
        [.. assembly.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(ns => ns.StartsWith(root + ".", StringComparison.Ordinal))
            .Select(ns => ns[(root.Length + 1)..].Split('.')[0])
            .Distinct()
            .Order(StringComparer.Ordinal)];

    private static List<Dependency> CrossCapabilityUses(Assembly assembly, string root, IReadOnlyDictionary<string, string> allowed)
    {
        string? CapabilityOf(string ns) =>
            DependencyScan.IsIn(ns, root) && ns.Length > root.Length ? ns[(root.Length + 1)..].Split('.')[0] : null;

        return [.. DependencyScan.Find(assembly, ns => CapabilityOf(ns) is not null)
            .Where(d => CapabilityOf(DependencyScan.NamespaceOf(d.To)) is { } used
                && used != CapabilityOf(DependencyScan.NamespaceOf(d.From))
                && used != SharedCapability
                && !allowed.ContainsKey(d.To))];
    }
}
