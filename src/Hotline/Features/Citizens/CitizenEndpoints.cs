using Hotline.Domain;
using Hotline.Domain.Chat;
using Hotline.Domain.CitizenMessages;
using Hotline.Domain.Citizens;
using Hotline.Domain.Citizens.Interception;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Citizens.Ratings;
using Hotline.Features.Dispatch;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Messaging;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Citizens;

/// <summary>
/// The citizen API (issue 18), JSON for the app, the mini-program and the portal: one-time codes to verify a phone,
/// submissions into the online intake queue, the citizen-safe progress, and the online rating (S6's online callback).
/// Anonymous as far as staff sign-in goes: the channel's API key (or none, for the web portal) and the citizen token
/// decide, and every call is rate-limited per key, or per client address without one.
/// </summary>
public static class CitizenEndpoints
{
    public const string Tag = "Citizens";

    public const string RateLimit = "citizen-api";

    public static IEndpointRouteBuilder MapCitizenApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/citizen").WithTags(Tag).AllowAnonymous().RequireRateLimiting(RateLimit).AddEndpointFilter(CitizenAccess.ChannelFilter);
        group.MapPost("/codes", RequestCode).WithSummary("Send a one-time code to a mobile phone (track or submit).");
        group.MapPost("/codes/verify", Verify).WithSummary("Check the code; a right one gives a citizen token for X-Citizen-Token.");
        group.MapGet("/categories", Categories).WithSummary("The categories a citizen chooses from (the catalogue's top levels).");
        group.MapGet("/regions", Regions).WithSummary("The places a citizen chooses from: the city, its districts and their streets (territorial units' regions).");
        group.MapPost("/submissions", Submit).WithSummary("Send a request; it waits in the online intake queue.");
        group.MapGet("/submissions", Mine).WithSummary("The verified phone's requests, newest first.");
        group.MapGet("/submissions/{number}", Track).WithSummary("One request's citizen-safe progress.");
        group.MapPost("/submissions/{number}/rating", Rate).WithSummary("Rate the reply online (the callback).");
        group.MapCitizenUploads(); // issue 18, photos
        group.MapServiceRating(); // issue 18, 好差评
        return app;
    }

    private static async Task<Results<Accepted<CodeSent>, ProblemHttpResult>> RequestCode(
        CodeRequest request, HttpContext http, HotlineDbContext db, TimeProvider time, IServiceProvider services, ILogger<CitizenAccess> logger, CancellationToken ct)
    {
        var (phone, purpose) = CheckPhone(request.Phone, request.Purpose);
        var now = time.GetUtcNow().UtcDateTime;
        var phoneKey = CitizenRules.PhoneKey(phone);
        var address = ClientAddress.Of(http);
        var hourAgo = now.AddHours(-1);
        var recent = await db.Set<OneTimeCode>().AsNoTracking().Where(c => c.PhoneKey == phoneKey && c.CreatedAtUtc > hourAgo).Select(c => c.CreatedAtUtc).ToListAsync(ct);
        var fromAddress = await db.Set<OneTimeCode>().AsNoTracking().CountAsync(c => c.ClientAddress == address && c.CreatedAtUtc > hourAgo, ct);
        if (OneTimeCode.WaitBeforeNext(recent, fromAddress, now) is { } wait)
        {
            return TooManyRequests.Problem(http, wait, "citizen.code_rate_limited", "Too many codes for this phone or from this address; wait and try again.");
        }

        var sender = services.GetService<ICitizenMessageSender>();
        if (sender is null)
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "No SMS gateway is configured.",
                Extensions = { ["code"] = "citizen.sms_unavailable" },
            });
        }

        var code = OneTimeCode.Issue(phone, purpose, address, now, out var plain);
        db.Add(code);
        await db.SaveChangesAsync(ct);
        try
        {
            await sender.SendAsync(new OutgoingCitizenMessage(0, CitizenMessageKind.OneTimeCode, phone, MessageTemplates.Code(purpose, plain), purpose.ToString(), plain), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("One-time code for {Purpose} to {Phone} was not accepted by the gateway ({Error})", purpose, Masking.Phone(phone), e.GetType().Name);
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The SMS could not be sent; try again later.",
                Extensions = { ["code"] = "citizen.sms_failed" },
            });
        }

        return TypedResults.Accepted((string?)null, new CodeSent((int)CitizenRules.CodeLifetime.TotalSeconds, (int)CitizenRules.CodeInterval.TotalSeconds));
    }

    private static async Task<Ok<CitizenTokenDto>> Verify(VerifyCodeRequest request, HotlineDbContext db, CitizenAccess access, TimeProvider time, CancellationToken ct)
    {
        var (phone, purpose) = CheckPhone(request.Phone, request.Purpose);
        var typed = request.Code?.Trim();
        if (typed is not { Length: CitizenRules.CodeDigits } || !typed.All(char.IsAsciiDigit))
        {
            throw ValidationException.For("code", $"请输入短信中的{CitizenRules.CodeDigits}位验证码。");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var phoneKey = CitizenRules.PhoneKey(phone);
        var code = await db.Set<OneTimeCode>().Where(c => c.PhoneKey == phoneKey && c.Purpose == purpose && c.UsedAtUtc == null)
            .OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct);
        var check = code?.Check(typed, now) ?? CodeCheck.Dead;
        await db.SaveChangesAsync(ct);
        return check switch
        {
            CodeCheck.Verified => TypedResults.Ok(access.IssueToken(phone)),
            CodeCheck.Wrong => throw ValidationException.For("code", $"验证码不正确，还可以再试{CitizenRules.CodeTries - code!.FailedTries}次。"),
            CodeCheck.Dead => throw ValidationException.For("code", "验证码已失效，请重新获取。"),
        };
    }

    private static Ok<List<CitizenCategory>> Categories(CategoryDirectory categories) =>
        TypedResults.Ok(categories.All.Where(OnlineCategories.IsOffered).OrderBy(c => c.Code, StringComparer.Ordinal)
            .Select(c => new CitizenCategory(c.Code, c.Name, c.ParentCode)).ToList());

    private static async Task<Ok<List<CitizenRegion>>> Regions(HotlineDbContext db, CancellationToken ct)
    {
        UnitKind[] kinds = [UnitKind.City, UnitKind.District, UnitKind.Street];
        var regions = await db.Set<Unit>().AsNoTracking().Where(u => u.IsActive && u.RegionCode != null && kinds.Contains(u.Kind))
            .OrderBy(u => u.RegionCode).ThenBy(u => u.Id).Select(u => new CitizenRegion(u.RegionCode!, u.Name, u.Kind)).ToListAsync(ct);
        return TypedResults.Ok(regions);
    }

    private static async Task<Created<SubmissionReceived>> Submit(
        SubmissionRequest request, HttpContext http, CitizenAccess access, SubmissionPath path, CategoryDirectory categories, HotlineDbContext db, CancellationToken ct)
    {
        var phone = access.RequirePhone(http);
        var content = SubmissionCheck.Check(request.ToInput(), code => categories.Find(code) is { } c && OnlineCategories.IsOffered(c));
        var photos = await CitizenUploadEndpoints.ResolveAsync(db, request.AttachmentIds, CitizenRules.PhoneKey(phone), ct);
        var channel = CitizenAccess.ChannelOf(http);
        var submission = await path.SendAsync(new InterceptedSubmission(content, channel.Channel, channel.KeyId, phone, InterceptedSubmission.KeyOf(ClientAddress.Of(http)), null), ct, photos);
        return TypedResults.Created($"/api/citizen/submissions/{submission.Number}", new SubmissionReceived(submission.Number, WorkOrderDto.Local(submission.SubmittedAtUtc), CitizenStage.Queued));
    }

    private static async Task<Ok<List<CitizenProgressDto>>> Mine(HttpContext http, CitizenAccess access, HotlineDbContext db, CancellationToken ct)
    {
        var phoneKey = CitizenRules.PhoneKey(access.RequirePhone(http));
        var submissions = await db.Set<Submission>().AsNoTracking().Where(s => s.PhoneKey == phoneKey)
            .OrderByDescending(s => s.SubmittedAtUtc).ThenByDescending(s => s.Id).Take(50).ToListAsync(ct);
        var orderIds = submissions.Where(s => s.WorkOrderId is not null).Select(s => s.WorkOrderId!.Value).ToList();
        var orders = await db.Set<WorkOrder>().AsNoTracking().Where(w => orderIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        return TypedResults.Ok(submissions.Select(s => CitizenProgressDto.From(CitizenProgress.Of(s, s.WorkOrderId is { } id ? orders.GetValueOrDefault(id) : null))).ToList());
    }

    private static async Task<Ok<CitizenProgressDto>> Track(string number, HttpContext http, CitizenAccess access, HotlineDbContext db, CancellationToken ct)
    {
        var (submission, order) = await OwnAsync(number, access.RequirePhone(http), db, tracked: false, ct);
        var photos = submission is null ? [] : await CitizenUploadEndpoints.OfSubmissionAsync(db, submission.Id, ct);
        var service = await ServiceRatingEndpoints.StateAsync(db, order, ct);
        return TypedResults.Ok(Progress(submission, order) with
        {
            Photos = photos.Select(CitizenPhoto.From).ToList(),
            Chat = order is null ? [] : await ChatLinesAsync(db, order.Id, ct),
            ServiceRating = service.Given,
            CanRateService = service.CanRate,
        });
    }

    /// <summary>The transcript of the chat that became the order, as the citizen may read it (<see cref="ChatRules.TrackingSenders"/>).</summary>
    private static async Task<List<CitizenChatLine>> ChatLinesAsync(HotlineDbContext db, long orderId, CancellationToken ct)
    {
        var senders = ChatRules.TrackingSenders.ToList();
        var lines = await db.Set<ChatMessage>().AsNoTracking()
            .Where(m => db.Set<Conversation>().Any(c => c.Id == m.ConversationId && c.WorkOrderId == orderId) && senders.Contains(m.Sender))
            .OrderBy(m => m.Id).Take(500).ToListAsync(ct);
        return lines.Select(m => new CitizenChatLine(m.Sender, m.Text, m.ArticleId, m.ArticleTitle, WorkOrderDto.Local(m.AtUtc))).ToList();
    }

    private static async Task<Ok<CitizenProgressDto>> Rate(
        string number, OnlineRatingRequest request, HttpContext http, CitizenAccess access, HotlineDbContext db, WorkOrderClocks clocks, WorkOrderStore store, CancellationToken ct)
    {
        var (submission, order) = await OwnAsync(number, access.RequirePhone(http), db, tracked: true, ct);
        if (order is null)
        {
            throw new DomainException("submission.nothing_to_rate", "This request has no reply to rate yet.");
        }

        order.RateOnline(clocks.For(order), request.ProcessRating, request.ResultRating, request.Comment);
        await store.SaveAsync([order], ct);
        return TypedResults.Ok(Progress(submission, order));
    }

    private static CitizenProgressDto Progress(Submission? submission, WorkOrder? order) =>
        CitizenProgressDto.From(submission is null ? CitizenProgress.Of(order!) : CitizenProgress.Of(submission, order));

    /// <summary>
    /// The request of that number, if the verified phone is its own: a submission by its own number or by the work order's
    /// it became, or an order registered by staff for this phone (SMS links carry the order's number). Anything else is the
    /// same 404 (no enumeration).
    /// </summary>
    internal static async Task<(Submission? Submission, WorkOrder? Order)> OwnAsync(string number, string phone, HotlineDbContext db, bool tracked, CancellationToken ct)
    {
        var notFound = new NotFoundException("submission.not_found", "没有找到该编号的诉求，请核对编号和手机号。");
        if (number.Length > 32)
        {
            throw notFound;
        }

        var orders = tracked ? db.Set<WorkOrder>() : db.Set<WorkOrder>().AsNoTracking();
        var submission = await db.Set<Submission>().AsNoTracking().SingleOrDefaultAsync(s => s.Number == number, ct);
        if (submission is not null)
        {
            if (!submission.BelongsTo(phone))
            {
                throw notFound;
            }

            return (submission, submission.WorkOrderId is { } id ? await orders.SingleOrDefaultAsync(w => w.Id == id, ct) : null);
        }

        // A work order's number: the submission it came from decides, or else the caller's phone of a staff registration.
        var registered = await orders.SingleOrDefaultAsync(w => w.Number == number, ct) ?? throw notFound;
        var origin = await db.Set<Submission>().AsNoTracking().FirstOrDefaultAsync(s => s.WorkOrderId == registered.Id, ct);
        var owned = origin?.BelongsTo(phone)
            ?? (registered.CallerPhone is { } callerPhone && CitizenRules.IsMobile(callerPhone) && CitizenRules.NormalisePhone(callerPhone) == CitizenRules.NormalisePhone(phone));
        return owned ? (origin, registered) : throw notFound;
    }

    private static (string Phone, CodePurpose Purpose) CheckPhone(string? phone, CodePurpose? purpose)
    {
        var errors = new Dictionary<string, string[]>();
        if (!CitizenRules.IsMobile(phone))
        {
            errors["phone"] = ["请填写11位手机号码。"];
        }

        if (purpose is null || !Enum.IsDefined(purpose.Value))
        {
            errors["purpose"] = ["Choose what the code is for: track or submit."];
        }

        return errors.Count > 0 ? throw new ValidationException(errors) : (CitizenRules.NormalisePhone(phone!), purpose!.Value);
    }
}

/// <summary>The categories a citizen chooses from: the catalogue's active top two levels (the portal's list, Open311's services).</summary>
public static class OnlineCategories
{
    public static bool IsOffered(Domain.Dispatch.Category category) => category.IsActive && category.Level <= 2;
}
