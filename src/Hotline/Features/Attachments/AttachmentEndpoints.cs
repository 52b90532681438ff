using Hotline.Domain;
using Hotline.Domain.Assessment;
using Hotline.Domain.Attachments;
using Hotline.Domain.WorkOrders;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Attachments;

/// <summary>An upload as its uploader sees it, before and after it is attached.</summary>
public sealed record UploadView(long Id, string Name, string ContentType, long Size, bool IsImage)
{
    public static UploadView From(Upload u) => new(u.Id, u.Name, u.ContentType, u.Size, u.HasThumbnail);
}

/// <summary>Files added to an existing order by those who may edit it.</summary>
public sealed record AddAttachmentsRequest([property: MaxLength(Limits.Attachments)] IReadOnlyList<long>? AttachmentIds, long? Version);

/// <summary>
/// Attachments for real (issue 18): the upload (multipart, one file a request), the download and the thumbnail (by id, the
/// order's scope; no file name in a URL), and files added to an order.
/// </summary>
public static class AttachmentEndpoints
{
    /// <summary>The multipart envelope around one file, at most.</summary>
    private const long EnvelopeBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapAttachments(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/attachments").WithTags("Attachments");
        group.MapPost("/", Upload).RequireAuthorization(Policies.UploadAttachments)
            .ProducesValidationProblem();
        group.MapGet("/{id:long}", (long id, HttpContext http, AttachmentAccess access, CancellationToken ct) => access.ServeAsync(id, thumbnail: false, http, ct))
            .RequireAuthorization(Policies.Staff).Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");
        group.MapGet("/{id:long}/thumbnail", (long id, HttpContext http, AttachmentAccess access, CancellationToken ct) => access.ServeAsync(id, thumbnail: true, http, ct))
            .RequireAuthorization(Policies.Staff).Produces(StatusCodes.Status200OK, contentType: "image/jpeg");
        WorkOrderRoutes.Group(app).MapPost("/{id:long}/attachments", (long id, AddAttachmentsRequest r, WorkOrderCommands c, UploadClaims uploads, CancellationToken ct) =>
            WorkOrderRoutes.Ok(uploads.InTransactionAsync(() => c.ExecuteAsync(id, r.Version, async (o, clock) =>
            {
                var files = await uploads.ResolveAsync(r.AttachmentIds, ct);
                o.AddAttachments(c.Actor, clock, files);
                await uploads.ClaimAsync(o.Id, files, ct);
            }, ct), ct)))
            .RequireAuthorization(Policies.AddAttachments);
        return app;
    }

    private static async Task<Created<UploadView>> Upload(HttpRequest request, UploadReceiver receiver, CancellationToken ct)
    {
        var upload = await ReceiveFormAsync(request, (content, file) => receiver.ReceiveAsync(content, file.FileName, file.ContentType, ct), ct);
        return TypedResults.Created($"/api/attachments/{upload.Id}", UploadView.From(upload));
    }

    /// <summary>Reads one file from a multipart request (staff's and citizens' uploads alike) and hands it to <paramref name="receive"/>.</summary>
    public static async Task<Upload> ReceiveFormAsync(HttpRequest request, Func<Stream, IFormFile, Task<Upload>> receive, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(receive);
        if (!request.HasFormContentType)
        {
            throw ValidationException.For(FileTypes.Field, "Send the file as multipart/form-data in the field 'file'.");
        }

        if (request.ContentLength > AttachmentRules.MaxFileBytes + EnvelopeBytes)
        {
            throw UploadReceiver.TooLarge();
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            throw ValidationException.For(FileTypes.Field, "The upload cannot be read as multipart/form-data.");
        }

        var file = form.Files.GetFile(FileTypes.Field) ?? throw ValidationException.For(FileTypes.Field, "Choose a file.");
        if (file.Length > AttachmentRules.MaxFileBytes)
        {
            throw UploadReceiver.TooLarge();
        }

        await using var content = file.OpenReadStream();
        return await receive(content, file);
    }
}

/// <summary>
/// Who may read a stored file: an attached one whoever may read its order and sees the file there (a unit does not see the
/// citizen's material on a confidential order: <see cref="AttachmentRules.IsVisibleTo"/>); one not yet attached only its
/// uploader; an appeal's evidence whoever sees the appeal (<see cref="AssessmentAppeal.IsVisibleTo"/>). Everyone else is
/// told it does not exist.
/// </summary>
public sealed class AttachmentAccess(HotlineDbContext db, IFileStore store, CurrentUser user, WorkOrderCommands commands)
{
    public async Task<IResult> ServeAsync(long id, bool thumbnail, HttpContext http, CancellationToken ct)
    {
        var upload = await db.Set<Upload>().AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        if (upload is null || !await MaySeeAsync(upload, ct) || (thumbnail && !upload.HasThumbnail))
        {
            throw NotFound();
        }

        var stream = await store.OpenReadAsync(thumbnail ? upload.ThumbnailKey : upload.StorageKey, ct) ?? throw NotFound();
        var inline = thumbnail || FileTypes.IsImage(upload.ContentType);
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(thumbnail ? "thumbnail.jpg" : upload.Name);
        http.Response.Headers.ContentDisposition = disposition.ToString();
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, no-cache";
        return TypedResults.Stream(stream, thumbnail ? "image/jpeg" : upload.ContentType);
    }

    private async Task<bool> MaySeeAsync(Upload upload, CancellationToken ct)
    {
        if (upload.AppealId is { } appealId)
        {
            var unitPath = await db.Set<AssessmentAppeal>().AsNoTracking().Where(a => a.Id == appealId).Select(a => a.UnitPath).SingleOrDefaultAsync(ct);
            return unitPath is not null && AssessmentAppeal.IsVisibleTo(user.Roles, user.Scope, unitPath);
        }

        if (upload.WorkOrderId is not { } orderId)
        {
            // A citizen's photo on a submission still in the online intake queue: the intake agents see it (issue 18).
            return upload.SubmissionId is not null
                ? Domain.Citizens.CitizenRules.SeesSubmissionFiles(user.Roles, user.Scope)
                : upload.CitizenPhoneKey is null && upload.UploadedByUserId == user.Id;
        }

        var order = await commands.LoadVisibleAsync(orderId, ct);
        var attachment = order.Attachments.FirstOrDefault(a => a.UploadId == upload.Id);
        return attachment is not null && AttachmentRules.IsVisibleTo(commands.Actor, order.CallerIsConfidential, attachment);
    }

    private static NotFoundException NotFound() => new("attachment.not_found", "No such attachment.");
}
