using System.Net;
using System.Text.Json;
using Hotline.Domain.Attachments;
using Hotline.Features.Attachments;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using ImageMagick;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Tests.Attachments;

/// <summary>Issue 18, attachments for real: upload, attach at intake and with a reply, limits and sniffing, scope, confidentiality, the sweep.</summary>
public abstract class AttachmentTests(AppFixture app) : WorkOrderHttpTests(app)
{
    [Fact]
    public async Task UploadAtIntake_IsAttachedByItsId_AndServedWithItsSniffedType()
    {
        var agent = await Api.As("agent");
        var png = AttachmentFiles.Png();
        var upload = await (await agent.UploadAsync(png, "现场照片.png", "image/png")).ShouldBe(HttpStatusCode.Created);
        Assert.Equal("image/png", upload.GetProperty("contentType").GetString());
        Assert.True(upload.GetProperty("isImage").GetBoolean());
        var uploadId = upload.GetProperty("id").GetInt64();

        var order = await Api.Register(WithFiles(WorkOrderApi.Order(), uploadId));
        var attachment = order.GetProperty("attachments").EnumerateArray().Single();
        Assert.Equal(uploadId, attachment.GetProperty("id").GetInt64());
        Assert.Equal("现场照片.png", attachment.GetProperty("name").GetString());
        Assert.Equal("intake", attachment.GetProperty("source").GetString());
        Assert.True(attachment.GetProperty("hasThumbnail").GetBoolean());
        Assert.False(attachment.TryGetProperty("storageKey", out _));

        var download = await (await Api.As("dispatcher")).GetAsync($"/api/attachments/{uploadId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(png, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("现场照片.png", download.Content.Headers.ContentDisposition!.FileNameStar);

        await using var db = Db();
        var row = await db.Set<Upload>().SingleAsync(u => u.Id == uploadId);
        Assert.Equal(order.GetProperty("id").GetInt64(), row.WorkOrderId);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png)), row.Sha256);
        Assert.True(File.Exists(StoredPath(row.StorageKey)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(DataFiles.FileMode, File.GetUnixFileMode(StoredPath(row.StorageKey)));
            Assert.Equal(DataFiles.FolderMode, File.GetUnixFileMode(Path.GetDirectoryName(StoredPath(row.StorageKey))!));
        }
    }

    [Fact]
    public async Task Thumbnail_OfARealJpeg_IsASmallJpeg()
    {
        var agent = await Api.As("agent");
        var id = (await (await agent.UploadAsync(AttachmentFiles.Jpeg(1600, 1200), "photo.jpg", "image/jpeg")).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetInt64();

        var thumbnail = await agent.GetAsync($"/api/attachments/{id}/thumbnail");
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType!.MediaType);
        using var image = new MagickImage(await thumbnail.Content.ReadAsByteArrayAsync());
        Assert.Equal((uint)AttachmentRules.ThumbnailSize, image.Width);
        Assert.Equal(180u, image.Height);

        var pdf = (await (await agent.UploadAsync(AttachmentFiles.Pdf(), "说明.pdf", "application/pdf")).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await (await agent.GetAsync($"/api/attachments/{pdf}/thumbnail")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Reply_WithAFile_TheReplyCarriesIt()
    {
        var id = await Api.Dispatched();
        await Api.Ok("handler", id, "sign");
        var handler = await Api.As("handler");
        var file = (await (await handler.UploadAsync(AttachmentFiles.Pdf(), "整改报告.pdf", "application/pdf")).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetInt64();

        var replied = await Api.Ok("handler", id, "reply", new { result = "已修复电梯", citizenContacted = true, contactMethod = "phone", outcome = "resolved", attachmentIds = new[] { file } });
        var attachment = replied.GetProperty("attachments").EnumerateArray().Single();
        Assert.Equal("reply", attachment.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.String, attachment.GetProperty("replyAt").ValueKind);
        var timeline = await Api.Timeline("dispatcher", id);
        Assert.Contains(timeline.EnumerateArray(), e => e.GetProperty("action").GetString() == "reply" && e.GetProperty("details").GetProperty("attachments").GetString() == "1");
        Assert.Equal(HttpStatusCode.OK, (await (await Api.As("dispatcher")).GetAsync($"/api/attachments/{file}")).StatusCode);
    }

    [Fact]
    public async Task Refusals_NameTheField_AndLeaveNoRowAndNoFile()
    {
        var agent = await Api.As("agent");
        var before = await CountAsync();

        await (await agent.UploadAsync(new byte[AttachmentRules.MaxFileBytes + 1], "big.pdf", "application/pdf")).ShouldBeValidationError("file");
        var mismatch = await (await agent.UploadAsync(AttachmentFiles.Pdf(), "photo.png", "image/png")).ShouldBeValidationError("file");
        Assert.Equal("The file's content does not match its name or type.", mismatch.GetProperty("errors").GetProperty("file")[0].GetString());
        await (await agent.UploadAsync(AttachmentFiles.Png(), "photo.png", "application/pdf")).ShouldBeValidationError("file");
        var exe = await (await agent.UploadAsync(AttachmentFiles.Executable(), "photo.jpg", "image/jpeg")).ShouldBeValidationError("file");
        Assert.Equal("Executable files are not accepted.", exe.GetProperty("errors").GetProperty("file")[0].GetString());
        await (await agent.UploadAsync(AttachmentFiles.Executable(), "setup.exe", "application/octet-stream")).ShouldBeValidationError("file");
        await (await agent.UploadAsync([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A], "broken.jpg", "image/jpeg")).ShouldBeValidationError("file");
        await (await agent.UploadAsync([], "empty.pdf", "application/pdf")).ShouldBeValidationError("file");

        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Registration_RefusesForgedOthersAttachedAndTooManyUploads()
    {
        var agent = await Api.As("agent");
        var handler = await Api.As("handler");
        var others = (await (await handler.UploadAsync(AttachmentFiles.Pdf(), "a.pdf", "application/pdf")).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var mine = (await (await agent.UploadAsync(AttachmentFiles.Pdf(), "b.pdf", "application/pdf")).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetInt64();

        await (await agent.PostJsonAsync("/api/work-orders", WithFiles(WorkOrderApi.Order(), 987_654_321))).ShouldBeValidationError("attachmentIds[0]");
        await (await agent.PostJsonAsync("/api/work-orders", WithFiles(WorkOrderApi.Order(), mine, others))).ShouldBeValidationError("attachmentIds[1]");
        await (await agent.PostJsonAsync("/api/work-orders", WithFiles(WorkOrderApi.Order(), mine, mine))).ShouldBeValidationError("attachmentIds");
        await (await agent.PostJsonAsync("/api/work-orders", WithFiles(WorkOrderApi.Order(), Enumerable.Range(1, AttachmentRules.MaxPerOrder + 1).Select(i => (long)i).ToArray())))
            .ShouldBeValidationError("attachmentIds");

        await Api.Register(WithFiles(WorkOrderApi.Order(), mine));
        var again = await (await agent.PostJsonAsync("/api/work-orders", WithFiles(WorkOrderApi.Order(), mine))).ShouldBeValidationError("attachmentIds[0]");
        Assert.Equal("The file is attached already.", again.GetProperty("errors").GetProperty("attachmentIds[0]")[0].GetString());
    }

    [Fact]
    public async Task AnOrderHoldsAtMostTwentyFiles()
    {
        var agent = await Api.As("agent");
        var ids = new List<long>();
        for (var i = 0; i < AttachmentRules.MaxPerOrder; i++)
        {
            ids.Add((await (await agent.UploadAsync(AttachmentFiles.Pdf(), $"{i}.pdf", "application/pdf")).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetInt64());
        }

        var order = await Api.Register(WithFiles(WorkOrderApi.Order(), [.. ids]));
        Assert.Equal(AttachmentRules.MaxPerOrder, order.GetProperty("attachments").GetArrayLength());
        var one = (await (await agent.UploadAsync(AttachmentFiles.Pdf(), "21.pdf", "application/pdf")).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var id = order.GetProperty("id").GetInt64();
        var refused = await (await Api.Act("agent", id, "attachments", new { attachmentIds = new[] { one }, version = order.GetProperty("version").GetInt64() }))
            .ShouldBeValidationError("attachmentIds");
        Assert.Equal($"An order holds at most {AttachmentRules.MaxPerOrder} attachments.", refused.GetProperty("errors").GetProperty("attachmentIds")[0].GetString());

        await using var db = Db();
        Assert.Null((await db.Set<Upload>().SingleAsync(u => u.Id == one)).WorkOrderId);
    }

    [Fact]
    public async Task FilesAdded_ToAnOrderAwaitingDispatch_WithItsVersion()
    {
        var order = await Api.Register();
        var id = order.GetProperty("id").GetInt64();
        var version = order.GetProperty("version").GetInt64();
        var agent = await Api.As("agent");
        var file = (await (await agent.UploadAsync(AttachmentFiles.Png(), "补充.png", "image/png")).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetInt64();

        await (await Api.Act("agent", id, "attachments", new { attachmentIds = new[] { file }, version = version - 1 })).ShouldBe(HttpStatusCode.Conflict);
        var added = await Api.Ok("agent", id, "attachments", new { attachmentIds = new[] { file }, version });
        Assert.Equal("added", added.GetProperty("attachments")[0].GetProperty("source").GetString());
        await (await Api.Act("handler", id, "attachments", new { attachmentIds = new[] { file }, version })).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Download_InScope_OutOfScopeIs404_AndAnUnattachedUploadIsItsUploadersOnly()
    {
        var agent = await Api.As("agent");
        var file = (await (await agent.UploadAsync(AttachmentFiles.Png(), "p.png", "image/png")).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await (await (await Api.As("dispatcher")).GetAsync($"/api/attachments/{file}")).ShouldBe(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/api/attachments/{file}")).StatusCode);

        await Api.Dispatched(WithFiles(WorkOrderApi.Order(), file));
        Assert.Equal(HttpStatusCode.OK, (await (await Api.As("handler")).GetAsync($"/api/attachments/{file}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await Api.As("handler")).GetAsync($"/api/attachments/{file}/thumbnail")).StatusCode);
        await (await (await Api.As("handler2")).GetAsync($"/api/attachments/{file}")).ShouldBe(HttpStatusCode.NotFound);
        await (await (await Api.As("handler2")).GetAsync($"/api/attachments/{file}/thumbnail")).ShouldBe(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await (await Api.As("dcoffice")).GetAsync($"/api/attachments/{file}")).StatusCode);
    }

    [Fact]
    public async Task ConfidentialOrder_ItsFilesAreHiddenFromTheUnit_AndShownToTheCentre()
    {
        var agent = await Api.As("agent");
        var file = (await (await agent.UploadAsync(AttachmentFiles.Png(), "举报材料.png", "image/png")).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var id = await Api.Dispatched(WithFiles(WorkOrderApi.Order(confidential: true), file));

        var asUnit = await Api.Get("handler", id);
        Assert.Equal(0, asUnit.GetProperty("attachments").GetArrayLength());
        await (await (await Api.As("handler")).GetAsync($"/api/attachments/{file}")).ShouldBe(HttpStatusCode.NotFound);
        await (await (await Api.As("handler")).GetAsync($"/api/attachments/{file}/thumbnail")).ShouldBe(HttpStatusCode.NotFound);

        Assert.Equal(1, (await Api.Get("dispatcher", id)).GetProperty("attachments").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await (await Api.As("dispatcher")).GetAsync($"/api/attachments/{file}")).StatusCode);

        // The unit's own reply files stay visible to it.
        await Api.Ok("handler", id, "sign");
        var handler = await Api.As("handler");
        var reply = (await (await handler.UploadAsync(AttachmentFiles.Pdf(), "回复.pdf", "application/pdf")).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var replied = await Api.Ok("handler", id, "reply", new { result = "已核实处理", citizenContacted = false, outcome = "resolved", attachmentIds = new[] { reply } });
        Assert.Equal(reply, replied.GetProperty("attachments").EnumerateArray().Single().GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await handler.GetAsync($"/api/attachments/{reply}")).StatusCode);
    }

    [Fact]
    public async Task OrphanSweep_RemovesUnattachedUploads_AfterADay_AndKeepsAttachedOnes()
    {
        var agent = await Api.As("agent");
        var orphan = (await (await agent.UploadAsync(AttachmentFiles.Png(), "o.png", "image/png")).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var kept = (await (await agent.UploadAsync(AttachmentFiles.Pdf(), "k.pdf", "application/pdf")).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await Api.Register(WithFiles(WorkOrderApi.Order(), kept));
        string orphanKey;
        await using (var db = Db())
        {
            orphanKey = (await db.Set<Upload>().SingleAsync(u => u.Id == orphan)).StorageKey;
        }

        var sweep = App.Services.GetRequiredService<OrphanUploadSweep>();
        await sweep.RunOnceAsync(CancellationToken.None);
        Assert.True(File.Exists(StoredPath(orphanKey)));

        App.Time.Advance(TimeSpan.FromHours(25));
        await sweep.RunOnceAsync(CancellationToken.None);
        await using (var db = Db())
        {
            Assert.False(await db.Set<Upload>().AnyAsync(u => u.Id == orphan));
            Assert.True(await db.Set<Upload>().AnyAsync(u => u.Id == kept));
        }

        Assert.False(File.Exists(StoredPath(orphanKey)));
        Assert.False(File.Exists(StoredPath(Upload.ThumbnailKeyOf(orphanKey))));
    }

    private static System.Text.Json.Nodes.JsonNode WithFiles(object order, params long[] ids)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(order))!;
        node["attachmentIds"] = new System.Text.Json.Nodes.JsonArray([.. ids.Select(i => (System.Text.Json.Nodes.JsonNode)i)]);
        return node;
    }

    private HotlineDbContext Db() => App.Services.CreateScope().ServiceProvider.GetRequiredService<HotlineDbContext>();

    private string StoredPath(string key) => Path.Combine(App.Services.GetRequiredService<FileStoreOptions>().FullRoot, key);

    private async Task<(int Rows, int Files)> CountAsync()
    {
        await using var db = Db();
        var root = App.Services.GetRequiredService<FileStoreOptions>().FullRoot;
        var files = Directory.Exists(root) ? Directory.GetFiles(root, "*", SearchOption.AllDirectories).Length : 0;
        return (await db.Set<Upload>().CountAsync(), files);
    }
}

public sealed class AttachmentTests_Sqlite(SqliteApp app) : AttachmentTests(app), IClassFixture<SqliteApp>;

public sealed class AttachmentTests_Postgres(PostgresApp app) : AttachmentTests(app), IClassFixture<PostgresApp>;
