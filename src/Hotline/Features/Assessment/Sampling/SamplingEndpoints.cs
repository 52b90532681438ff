using System.Text;
using Hotline.Domain.Assessment;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Assessment.Sampling;

/// <summary>
/// Third-party sampling (第三方抽样回访, issue 17): the template, the import (multipart, field <c>file</c>), the batches with
/// their reject files, and the sampled satisfaction rates per unit beside the platform's own.
/// </summary>
public static class SamplingEndpoints
{
    public static IServiceCollection AddSampling(this IServiceCollection services) => services.AddScoped<SamplingImport>();

    public static IEndpointRouteBuilder MapSampling(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assessment/sampling").WithTags("Assessment");
        group.MapGet("/template", Template).RequireAuthorization(Policies.ReadSampling)
            .Produces(StatusCodes.Status200OK, contentType: XlsxExport.ContentType)
            .WithSummary("The import template (format=xlsx, the default, or csv): the header row and one example row.");
        group.MapPost("/batches", Import).RequireAuthorization(Policies.ImportSampling)
            .WithSummary($"Imports a sampling file (multipart/form-data, field `file`: .xlsx or .csv, at most {ThirdPartySampling.MaxFileBytes / 1024 / 1024} MiB and {ThirdPartySampling.MaxRows} rows); bad rows are skipped into the batch's reject file; all or nothing.");
        group.MapGet("/batches", Batches).RequireAuthorization(Policies.ReadSamplingBatches).WithSummary("The import batches, newest first: who, when, counts.");
        group.MapGet("/batches/{id:long}/rejects", Rejects).RequireAuthorization(Policies.ReadSamplingBatches)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("The batch's refused rows as CSV (UTF-8 with a byte-order mark): line, work-order number, reason.");
        group.MapGet("/rates", SamplingRates.Get).RequireAuthorization(Policies.ReadSampling)
            .WithSummary("Per unit (in scope) and period (from, to: registration dates): sampled process and result satisfaction beside the platform's own callbacks.");
        return app;
    }

    private static async Task<FileContentHttpResult> Template(string? format)
    {
        var csv = format is not null && format.Equals("csv", StringComparison.OrdinalIgnoreCase);
        if (format is not null && !csv && !format.Equals("xlsx", StringComparison.OrdinalIgnoreCase))
        {
            throw Domain.ValidationException.For("format", "Use xlsx or csv.");
        }

        string[] example = ["AL202603020001", "2026-03-10 14:30", "满意", "基本满意", "办理及时", "某某调查公司"];
        if (csv)
        {
            var text = string.Join(",", ThirdPartySampling.Columns) + "\r\n" + string.Join(",", example) + "\r\n";
            return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray(), "text/csv; charset=utf-8", "sampling-template.csv");
        }

        var row = new Dictionary<string, object?>();
        for (var i = 0; i < example.Length; i++)
        {
            row[ThirdPartySampling.Columns[i]] = example[i];
        }

        using var stream = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(stream, new[] { row }, sheetName: "抽样回访");
        return TypedResults.File(stream.ToArray(), XlsxExport.ContentType, "sampling-template.xlsx");
    }

    private static async Task<Created<SamplingImportResult>> Import(HttpRequest request, SamplingImport import, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            throw Domain.ValidationException.For("file", "Send the file as multipart/form-data in the field 'file'.");
        }

        if (request.ContentLength > ThirdPartySampling.MaxFileBytes + 64 * 1024)
        {
            throw Domain.ValidationException.For("file", $"A file is at most {ThirdPartySampling.MaxFileBytes / 1024 / 1024} MiB.");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            throw Domain.ValidationException.For("file", "The upload cannot be read as multipart/form-data.");
        }

        var file = form.Files.GetFile("file") ?? throw Domain.ValidationException.For("file", "Choose a file.");
        if (file.Length == 0 || file.Length > ThirdPartySampling.MaxFileBytes)
        {
            throw Domain.ValidationException.For("file", $"A file holds 1 byte to {ThirdPartySampling.MaxFileBytes / 1024 / 1024} MiB.");
        }

        using var content = new MemoryStream((int)file.Length);
        await file.CopyToAsync(content, ct);
        content.Position = 0;
        var result = await import.ImportAsync(file.FileName, content, ct);
        return TypedResults.Created($"/api/assessment/sampling/batches/{result.Batch.Id}", result);
    }

    private static async Task<Ok<List<SamplingBatchView>>> Batches(HotlineDbContext db, CancellationToken ct)
    {
        var batches = await db.Set<SamplingBatch>().AsNoTracking().OrderByDescending(b => b.ImportedAtUtc).ThenByDescending(b => b.Id).Take(200).ToListAsync(ct);
        return TypedResults.Ok(batches.Select(SamplingBatchView.From).ToList());
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> Rejects(long id, HotlineDbContext db, CancellationToken ct)
    {
        var batch = await db.Set<SamplingBatch>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (batch is null)
        {
            return TypedResults.NotFound();
        }

        var text = new StringBuilder("行号,工单编号,原因\r\n");
        foreach (var r in batch.Rejects)
        {
            text.Append(r.Line).Append(',').Append(Csv(r.Number)).Append(',').Append(Csv(r.Reason)).Append("\r\n");
        }

        return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray(), "text/csv; charset=utf-8", $"sampling-rejects-{id}.csv");
    }

    /// <summary>A CSV field, quoted when it holds a comma, quote or line break; a leading formula character is neutralised.</summary>
    private static string Csv(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
