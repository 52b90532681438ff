using System.Net;
using Hotline.Domain.Assessment;
using Hotline.Features.Assessment;
using Hotline.Features.Attachments;
using Hotline.Tests.Attachments;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Assessment;

/// <summary>
/// Issue 18 with issue 17's appeals: an appeal carries its evidence files (uploads it claims), which the centre's reviewer
/// and the unit's own people download by the appeal's scope, and nobody else.
/// </summary>
public abstract class AppealEvidenceTests(AppFixture app) : WorkOrderHttpTests(app)
{
    private const string Appeals = "/api/assessment/appeals";

    [Fact]
    public async Task Appeal_CarriesItsFiles_DownloadableByTheReviewerAndTheUnit_NotOutsideItsScope()
    {
        var number = await HeldOrderAsync();
        var liaison = await Api.As("liaison");
        var photo = await UploadAsync(liaison, AttachmentFiles.Png(), "停电现场.png", "image/png");
        var notice = await UploadAsync(liaison, AttachmentFiles.Pdf(), "停电通知.pdf", "application/pdf");
        var appeal = await (await liaison.PostJsonAsync(Appeals, new
        {
            workOrderNumber = number,
            formula = Formulas.OnTimeCompletion,
            reason = "停电导致无法施工",
            evidence = "供电公司停电通知，见附件",
            attachmentIds = new[] { photo, notice },
        })).ShouldBe(HttpStatusCode.OK);
        var files = appeal.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal([photo, notice], files.Select(f => f.GetProperty("id").GetInt64()));
        Assert.True(files[0].GetProperty("isImage").GetBoolean());
        Assert.Equal("停电通知.pdf", files[1].GetProperty("name").GetString());

        var supervisor = await Api.As("supervisor");
        var listed = await supervisor.GetAsync($"{Appeals}?state=pending&pageSize=100").ShouldBeOk();
        var mine = listed.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("id").GetInt64() == appeal.GetProperty("id").GetInt64());
        Assert.Equal(2, mine.GetProperty("files").GetArrayLength());

        foreach (var reader in new[] { "supervisor", "manager", "unitlead", "liaison", "leader" })
        {
            var client = await Api.As(reader);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/attachments/{photo}")).StatusCode);
            var thumbnail = await client.GetAsync($"/api/attachments/{photo}/thumbnail");
            Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
            Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/attachments/{notice}")).StatusCode);
        }

        // Another unit's handler, and centre staff who do not read the assessment, are told the file does not exist.
        foreach (var outsider in new[] { "handler2", "agent", "dispatcher" })
        {
            var client = await Api.As(outsider);
            await (await client.GetAsync($"/api/attachments/{photo}")).ShouldBeProblem(HttpStatusCode.NotFound, "attachment.not_found");
            await (await client.GetAsync($"/api/attachments/{notice}")).ShouldBeProblem(HttpStatusCode.NotFound, "attachment.not_found");
        }

        var decided = await (await supervisor.PostJsonAsync($"{Appeals}/{appeal.GetProperty("id").GetInt64()}/decision",
            new { approve = false, note = "证据不足", version = appeal.GetProperty("version").GetInt64() })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, decided.GetProperty("files").GetArrayLength());
    }

    [Fact]
    public async Task Appeal_RefusesAFileAlreadyClaimed_OrSomeoneElses_AndNothingIsFiled()
    {
        var number = await HeldOrderAsync();
        var liaison = await Api.As("liaison");
        var photo = await UploadAsync(liaison, AttachmentFiles.Png(), "现场.png", "image/png");
        await (await liaison.PostJsonAsync(Appeals, Appeal(number, photo))).ShouldBe(HttpStatusCode.OK);
        await (await liaison.PostJsonAsync(Appeals, Appeal(number, photo))).ShouldBeValidationError("attachmentIds[0]");

        var others = await UploadAsync(await Api.As("unitlead"), AttachmentFiles.Png(), "别人的.png", "image/png");
        var before = (await (await Api.As("supervisor")).GetAsync($"{Appeals}?pageSize=100").ShouldBeOk()).GetProperty("total").GetInt32();
        await (await liaison.PostJsonAsync(Appeals, Appeal(number, others))).ShouldBeValidationError("attachmentIds[0]");
        await (await liaison.PostJsonAsync(Appeals, Appeal(number, 99_999_999))).ShouldBeValidationError("attachmentIds[0]");
        Assert.Equal(before, (await (await Api.As("supervisor")).GetAsync($"{Appeals}?pageSize=100").ShouldBeOk()).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AppealEvidence_IsNotSweptAsAnOrphan()
    {
        var number = await HeldOrderAsync();
        var liaison = await Api.As("liaison");
        var photo = await UploadAsync(liaison, AttachmentFiles.Png(), "现场.png", "image/png");
        await (await liaison.PostJsonAsync(Appeals, Appeal(number, photo))).ShouldBe(HttpStatusCode.OK);
        App.Time.Advance(TimeSpan.FromDays(2));
        await App.Services.GetRequiredService<OrphanUploadSweep>().RunOnceAsync(default);
        Api.SignOutAll();
        Assert.Equal(HttpStatusCode.OK, (await (await Api.As("supervisor")).GetAsync($"/api/attachments/{photo}")).StatusCode);
    }

    private static object Appeal(string number, long file) =>
        new { workOrderNumber = number, formula = Formulas.OnTimeCompletion, reason = "停电导致无法施工", evidence = "见附件", attachmentIds = new[] { file } };

    private static async Task<long> UploadAsync(HttpClient client, byte[] bytes, string name, string type) =>
        (await (await client.UploadAsync(bytes, name, type)).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetInt64();

    /// <summary>An order 东城区住建局 holds as lead, followed into the assessment's facts.</summary>
    private async Task<string> HeldOrderAsync()
    {
        var id = await Api.Dispatched();
        await Api.Ok("handler", id, "sign");
        await App.Services.GetRequiredService<AssessmentFollower>().RunOnceAsync(default);
        return (await Api.Get("handler", id)).GetProperty("number").GetString()!;
    }
}

public sealed class AppealEvidenceTests_Sqlite(SqliteApp app) : AppealEvidenceTests(app), IClassFixture<SqliteApp>;

public sealed class AppealEvidenceTests_Postgres(PostgresApp app) : AppealEvidenceTests(app), IClassFixture<PostgresApp>;
