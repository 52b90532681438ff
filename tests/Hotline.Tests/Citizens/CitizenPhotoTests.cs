using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Hotline.Domain.Attachments;
using Hotline.Features.Attachments;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Attachments;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Citizens;

/// <summary>Issue 18: photos on a citizen's submission — uploaded by the verified phone, claimed by its submission, seen by the intake agent, carried onto the order.</summary>
public abstract class CitizenPhotoTests(AppFixture app) : WorkOrderHttpTests(app)
{
    private readonly CitizenApi _citizen = new(app);

    private async Task<HttpClient> VerifiedAsync()
    {
        var (phone, n) = CitizenApi.NewCitizen();
        var client = _citizen.Client(n);
        await _citizen.Verify(client, phone);
        return client;
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes, string name, string contentType)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", name);
        return await client.PostAsync("/api/citizen/uploads", form);
    }

    private static async Task<long> PhotoAsync(HttpClient client) =>
        (await (await UploadAsync(client, AttachmentFiles.Png(), "现场.png", "image/png")).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetInt64();

    private static object Submission(bool confidential, params long[] attachmentIds) => new
    {
        requestType = "complaint",
        categoryCode = "0101",
        regionCode = "990102001",
        address = "明珠小区3栋2单元",
        description = "小区3栋电梯停运两周，物业一直不修，老人上下楼非常困难。",
        demand = "请督促物业尽快修复电梯。",
        citizenName = "张三",
        isAnonymous = false,
        isConfidential = confidential,
        attachmentIds,
    };

    private static async Task AssertFieldError(HttpResponseMessage response, string field)
    {
        var body = await response.ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [Fact]
    public async Task Upload_NeedsTheToken_SniffsTheBytes_TakesImagesOnly_AndOnlyItsPhoneReadsIt()
    {
        var (_, n) = CitizenApi.NewCitizen();
        await (await UploadAsync(_citizen.Client(n), AttachmentFiles.Png(), "a.png", "image/png")).ShouldBe(HttpStatusCode.Unauthorized);

        var citizen = await VerifiedAsync();
        await AssertFieldError(await UploadAsync(citizen, "这不是图片，只是文字。"u8.ToArray(), "photo.jpg", "image/jpeg"), "file");
        await AssertFieldError(await UploadAsync(citizen, AttachmentFiles.Pdf(), "a.pdf", "application/pdf"), "file");
        await AssertFieldError(await UploadAsync(citizen, AttachmentFiles.Executable(), "a.png", "image/png"), "file");

        var created = await (await UploadAsync(citizen, AttachmentFiles.Png(), "现场.png", "image/png")).ShouldBe(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        var thumbnailUrl = created.GetProperty("thumbnailUrl").GetString()!;
        Assert.DoesNotContain("现场", thumbnailUrl, StringComparison.Ordinal);
        var thumbnail = await citizen.GetAsync(thumbnailUrl);
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);

        var other = await VerifiedAsync();
        await (await other.GetAsync(thumbnailUrl)).ShouldBe(HttpStatusCode.NotFound);
        await (await (await Api.As("agent")).GetAsync($"/api/attachments/{id}/thumbnail")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Submission_ClaimsOnlyItsPhonesUnclaimedUploads_AndTheAgentSeesThem()
    {
        var citizen = await VerifiedAsync();
        var photo = await PhotoAsync(citizen);
        var other = await VerifiedAsync();
        await AssertFieldError(await other.PostJsonAsync("/api/citizen/submissions", Submission(false, photo)), "attachmentIds[0]");
        await AssertFieldError(await citizen.PostJsonAsync("/api/citizen/submissions", Submission(false, photo, photo)), "attachmentIds");

        var created = await (await citizen.PostJsonAsync("/api/citizen/submissions", Submission(false, photo))).ShouldBe(HttpStatusCode.Created);
        var number = created.GetProperty("number").GetString()!;
        await AssertFieldError(await citizen.PostJsonAsync("/api/citizen/submissions", Submission(false, photo)), "attachmentIds[0]");

        var tracked = await CitizenApi.Track(citizen, number);
        Assert.Equal(photo, tracked.GetProperty("photos").EnumerateArray().Single().GetProperty("id").GetInt64());

        var agent = await Api.As("agent");
        var id = (await CitizenApi.Queued(agent, number)).GetProperty("id").GetInt64();
        var detail = await (await agent.GetAsync($"/api/online-intake/{id}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(photo, detail.GetProperty("photos").EnumerateArray().Single().GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/api/attachments/{photo}/thumbnail")).StatusCode);
        await (await (await Api.As("handler")).GetAsync($"/api/attachments/{photo}/thumbnail")).ShouldBe(HttpStatusCode.NotFound);

        // The sweep keeps a submission's photo however old it is.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            var upload = await db.Set<Upload>().AsNoTracking().SingleAsync(u => u.Id == photo);
            Assert.Equal(id, upload.SubmissionId);
            Assert.False(upload.IsUnclaimed);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Accept_CarriesThePhotosOntoTheOrder_TheUnitSeesThem_UnlessConfidential(bool confidential)
    {
        var citizen = await VerifiedAsync();
        var photo = await PhotoAsync(citizen);
        var number = (await (await citizen.PostJsonAsync("/api/citizen/submissions", Submission(confidential, photo))).ShouldBe(HttpStatusCode.Created))
            .GetProperty("number").GetString()!;
        var agent = await Api.As("agent");
        var queued = await CitizenApi.Queued(agent, number);
        var accepted = await (await agent.PostJsonAsync($"/api/online-intake/{queued.GetProperty("id").GetInt64()}/accept", CitizenApi.Acceptance(queued.GetProperty("version").GetInt64())))
            .ShouldBe(HttpStatusCode.Created);
        var orderId = accepted.GetProperty("workOrderId").GetInt64();
        Assert.Equal(photo, (await Api.Get("agent", orderId)).GetProperty("attachments").EnumerateArray().Single().GetProperty("id").GetInt64());

        await Api.Ok("dispatcher", orderId, "dispatch", new { leadUnitId = await Api.UnitId("AL-DC-ZJ") });
        var asUnit = await Api.Get("handler", orderId);
        var thumbnail = await (await Api.As("handler")).GetAsync($"/api/attachments/{photo}/thumbnail");
        if (confidential)
        {
            Assert.Equal(0, asUnit.GetProperty("attachments").GetArrayLength());
            Assert.Equal(HttpStatusCode.NotFound, thumbnail.StatusCode);
        }
        else
        {
            Assert.Equal(1, asUnit.GetProperty("attachments").GetArrayLength());
            Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        }

        // The citizen still sees the photo on the tracked request.
        Assert.Single((await CitizenApi.Track(citizen, number)).GetProperty("photos").EnumerateArray());
    }
}

public sealed class CitizenPhotoTests_Sqlite(SqliteApp app) : CitizenPhotoTests(app), IClassFixture<SqliteApp>;

public sealed class CitizenPhotoTests_Postgres(PostgresApp app) : CitizenPhotoTests(app), IClassFixture<PostgresApp>;
