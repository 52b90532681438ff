using Hotline.Domain;
using Hotline.Domain.Attachments;
using Hotline.Domain.Citizens;
using Hotline.Features.Attachments;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Hotline.Features.Citizens;

/// <summary>A citizen's photo: its id for the submission's <c>attachmentIds</c> and the thumbnail the same phone may read.</summary>
public sealed record CitizenPhoto(long Id, string ContentType, long Size, string ThumbnailUrl)
{
    public static CitizenPhoto From(Upload u) => new(u.Id, u.ContentType, u.Size, $"/api/citizen/uploads/{u.Id}/thumbnail");
}

/// <summary>
/// Photos on a citizen's submission (issue 18): the verified phone uploads images through the staff's store, sniffing and
/// limits (<see cref="UploadReceiver"/>), each upload remembered by the phone's key and unclaimed until a submission of
/// the same phone claims it in the submission's transaction. Only that phone reads the thumbnail; anyone else is told
/// it does not exist.
/// </summary>
public static class CitizenUploadEndpoints
{
    public static RouteGroupBuilder MapCitizenUploads(this RouteGroupBuilder group)
    {
        group.MapPost("/uploads", Upload).WithSummary("Upload one photo (multipart, field 'file'; images only) for a submission's attachmentIds.")
            .ProducesValidationProblem();
        group.MapGet("/uploads/{id:long}/thumbnail", Thumbnail).WithSummary("The thumbnail of the verified phone's own photo.")
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg");
        return group;
    }

    private static async Task<Results<Created<CitizenPhoto>, ProblemHttpResult>> Upload(
        HttpContext http, CitizenAccess access, UploadReceiver receiver, HotlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var phoneKey = CitizenRules.PhoneKey(access.RequirePhone(http));
        var hourAgo = time.GetUtcNow().UtcDateTime.AddHours(-1);
        if (await db.Set<Upload>().CountAsync(u => u.CitizenPhoneKey == phoneKey && u.CreatedUtc > hourAgo, ct) >= CitizenRules.UploadsPerHour)
        {
            return TooManyRequests.Problem(http, TimeSpan.FromHours(1), "citizen.upload_rate_limited", "上传的照片太多，请稍后再试。");
        }

        var upload = await AttachmentEndpoints.ReceiveFormAsync(http.Request, (content, file) => receiver.ReceiveAsync(content, file.FileName, file.ContentType, ct, phoneKey), ct);
        return TypedResults.Created($"/api/citizen/uploads/{upload.Id}", CitizenPhoto.From(upload));
    }

    private static async Task<IResult> Thumbnail(long id, HttpContext http, CitizenAccess access, HotlineDbContext db, IFileStore store, CancellationToken ct)
    {
        var phoneKey = CitizenRules.PhoneKey(access.RequirePhone(http));
        var upload = await db.Set<Upload>().AsNoTracking().SingleOrDefaultAsync(u => u.Id == id && u.CitizenPhoneKey == phoneKey, ct);
        var stream = upload is { HasThumbnail: true } ? await store.OpenReadAsync(upload.ThumbnailKey, ct) : null;
        if (stream is null)
        {
            throw new NotFoundException("attachment.not_found", "No such attachment.");
        }

        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, no-cache";
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("inline").ToString();
        return TypedResults.Stream(stream, "image/jpeg");
    }

    /// <summary>
    /// The phone's own unclaimed uploads that <paramref name="ids"/> names, checked against an order's count and bytes;
    /// a 400 on <c>attachmentIds[i]</c> for one that is not the phone's or is claimed already.
    /// </summary>
    public static async Task<IReadOnlyList<long>> ResolveAsync(HotlineDbContext db, IReadOnlyList<long>? ids, string phoneKey, CancellationToken ct)
    {
        if (ids is null || ids.Count == 0)
        {
            return [];
        }

        if (ids.Count > AttachmentRules.MaxPerOrder || ids.Distinct().Count() != ids.Count)
        {
            throw ValidationException.For(AttachmentRules.IdsField, $"最多{AttachmentRules.MaxPerOrder}张照片，每张一次。");
        }

        var wanted = ids.ToList();
        var uploads = await db.Set<Upload>().AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (!uploads.TryGetValue(ids[i], out var upload) || upload.CitizenPhoneKey != phoneKey)
            {
                errors[$"{AttachmentRules.IdsField}[{i}]"] = ["没有找到这张照片，请重新上传。"];
            }
            else if (!upload.IsUnclaimed)
            {
                errors[$"{AttachmentRules.IdsField}[{i}]"] = ["这张照片已随其他诉求提交。"];
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        AttachmentRules.CheckOrderTotals([], ids.Select(id => uploads[id].ToAttachment(Domain.WorkOrders.AttachmentSource.Intake)).ToList());
        return wanted;
    }

    /// <summary>Marks the uploads as the submission's, inside the submission's transaction; one taken meanwhile fails it.</summary>
    public static async Task ClaimAsync(HotlineDbContext db, long submissionId, IReadOnlyList<long> ids, string phoneKey, CancellationToken ct)
    {
        var claimed = await db.Set<Upload>()
            .Where(u => ids.Contains(u.Id) && u.CitizenPhoneKey == phoneKey && u.WorkOrderId == null && u.AppealId == null && u.SubmissionId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SubmissionId, submissionId), ct);
        if (claimed != ids.Count)
        {
            throw ValidationException.For(AttachmentRules.IdsField, "这张照片已随其他诉求提交。");
        }
    }

    /// <summary>A submission's photos, oldest first.</summary>
    public static Task<List<Upload>> OfSubmissionAsync(HotlineDbContext db, long submissionId, CancellationToken ct) =>
        db.Set<Upload>().AsNoTracking().Where(u => u.SubmissionId == submissionId).OrderBy(u => u.Id).ToListAsync(ct);
}
