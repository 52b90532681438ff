using Hotline.Domain;
using Hotline.Domain.Citizens.Interception;
using Hotline.Domain.Open311;
using Hotline.Features.Citizens;
using Hotline.Features.Dispatch;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Web;
using Microsoft.Extensions.Options;

namespace Hotline.Features.Open311;

/// <summary>
/// GeoReport v2's "POST Service Request" (issue 18): the channel key (form field <c>api_key</c> or the header
/// <c>X-Api-Key</c>) names the channel; the form is checked by the submission's own rules (<see cref="Open311Requests"/>)
/// and sent into the online intake queue through <see cref="SubmissionPath"/> (the interception rules included: a stopped
/// request is a 422 in the spec's error format). The answer is the submission's number
/// as the spec's <c>token</c>: the request is an order only once an intake agent accepts it.
/// </summary>
public static class Open311Posting
{
    public static async Task<IResult> PostAsync(
        HttpContext http, HotlineDbContext db, CategoryDirectory categories, SubmissionPath path, IOptionsMonitor<Open311Options> options, TimeProvider time,
        CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            throw ValidationException.For("body", "Send the request as application/x-www-form-urlencoded (or multipart/form-data) fields.");
        }

        var form = await http.Request.ReadFormAsync(ct);
        string? Field(string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;
        options.CurrentValue.CheckJurisdiction(Field("jurisdiction_id"));

        var key = Field("api_key") is { Length: > 0 } fromForm ? fromForm : http.Request.Headers[CitizenAccess.KeyHeader].ToString();
        if (string.IsNullOrEmpty(key))
        {
            throw new ForbiddenException("open311.api_key_required", "api_key is required to send a request.");
        }

        var channel = await CitizenAccess.KeyChannelAsync(key, db, time, ct)
            ?? throw new ForbiddenException("open311.api_key_invalid", "api_key is unknown, revoked or past its grace period.");

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in form)
        {
            if (name.StartsWith("attribute[", StringComparison.Ordinal) && name.EndsWith(']') && name.Length <= 64)
            {
                attributes[name["attribute[".Length..^1]] = value.ToString();
            }
        }

        var input = new Open311PostInput(
            Field("service_code"), Field("lat"), Field("long"), Field("address_string"), Field("address_id"), Field("email"), Field("first_name"), Field("last_name"),
            Field("phone"), Field("description"), Field("media_url"), attributes);
        var checkedRequest = Open311Requests.Check(input, code => categories.Find(code) is { } c && OnlineCategories.IsOffered(c));
        var submission = await path.SendAsync(
            new InterceptedSubmission(checkedRequest.Content, channel.Channel, channel.KeyId, checkedRequest.Phone, InterceptedSubmission.KeyOf(ClientAddress.Of(http)), null), ct);
        return Open311Document.Result(Open311Filter.FormatOf(http), "service_requests", new Open311List("request",
        [
            new Open311Object(
            [
                ("token", submission.Number),
                ("service_notice", "已进入网上受理队列，受理后可凭 token 查询工单编号（service_request_id）。"),
                ("account_id", string.Empty),
            ]),
        ]), StatusCodes.Status201Created);
    }
}
