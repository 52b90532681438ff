using Hotline.Domain;
using Hotline.Domain.Dispatch;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Dispatch;

public sealed record CategoryDto(string Code, string Name, string? ParentCode, int Level, bool IsActive, IReadOnlyList<string> Synonyms, long Version, bool IsEmergency);

/// <summary>A category as the administrator writes it; <c>synonyms</c> left out (null) keeps them as they are on an update.</summary>
public sealed record CategoryRequest(
    [property: MaxLength(Limits.Code)] string? Code,
    [property: MaxLength(Limits.Name)] string? Name,
    [property: MaxLength(Limits.Code)] string? ParentCode,
    bool? IsActive,
    [property: MaxLength(Category.MaxSynonyms)] IReadOnlyList<string>? Synonyms,
    long? Version,
    bool? IsEmergency = null);

public sealed record CatalogueEntryDto(long Id, string CategoryCode, string CategoryName, string? RegionCode, long UnitId, string UnitName, string? Note, long Version);

public sealed record CatalogueEntryRequest([property: MaxLength(Limits.Code)] string? CategoryCode, [property: MaxLength(Limits.Code)] string? RegionCode, long? UnitId, [property: MaxLength(Limits.ShortText)] string? Note, long? Version);

/// <summary>The proposed lead unit for an order and why: the catalogue line that matched, or the territory rule.</summary>
public sealed record DispatchProposal(long UnitId, string UnitName, string Basis, long? CatalogueEntryId);

/// <summary>A deadline rule; the dispatch window is <paramref name="DispatchWorkingDays"/> or "at once" within <paramref name="DispatchMinutes"/> (issue 15), neither = the default.</summary>
public sealed record DeadlineRuleDto(
    long Id, RequestType? RequestType, string? CategoryCode, Urgency? Urgency, int HandlingWorkingDays, int CallbackWorkingDays, long Version,
    int? DispatchWorkingDays, int? DispatchMinutes);

public sealed record DeadlineRuleRequest(
    RequestType? RequestType, [property: MaxLength(Limits.Code)] string? CategoryCode, Urgency? Urgency, int? HandlingWorkingDays, int? CallbackWorkingDays, long? Version,
    int? DispatchWorkingDays = null, int? DispatchMinutes = null);

/// <summary>Categories, the dispatch catalogue (category × region → unit) and the configurable deadline rules.</summary>
public static class CatalogueEndpoints
{
    public static IEndpointRouteBuilder MapCatalogue(this IEndpointRouteBuilder app)
    {
        var categories = app.MapGroup("/api/categories").WithTags("Dispatch");
        categories.MapGet("/", (CategoryDirectory directory) =>
            TypedResults.Ok(directory.All.OrderBy(c => c.Code, StringComparer.Ordinal).Select(ToDto).ToList())).RequireAuthorization(Policies.Staff);
        categories.MapPost("/", CreateCategory).RequireAuthorization(Policies.AdministerOrganisation);
        categories.MapPut("/{code}", UpdateCategory).RequireAuthorization(Policies.AdministerOrganisation);

        var catalogue = app.MapGroup("/api/dispatch-catalogue").WithTags("Dispatch");
        catalogue.MapGet("/", ListCatalogue).RequireAuthorization(Policies.ReadCatalogue);
        catalogue.MapGet("/proposal", Proposal).RequireAuthorization(Policies.ReadCatalogue);
        catalogue.MapPost("/", CreateEntry).RequireAuthorization(Policies.AdministerOrganisation);
        catalogue.MapPut("/{id:long}", UpdateEntry).RequireAuthorization(Policies.AdministerOrganisation);
        catalogue.MapDelete("/{id:long}", DeleteEntry).RequireAuthorization(Policies.AdministerOrganisation);

        var rules = app.MapGroup("/api/deadline-rules").WithTags("Dispatch");
        rules.MapGet("/", async (HotlineDbContext db, CancellationToken ct) =>
            TypedResults.Ok((await db.Set<DeadlineRule>().AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct)).Select(ToDto).ToList())).RequireAuthorization(Policies.Staff);
        rules.MapPost("/", CreateRule).RequireAuthorization(Policies.AdministerOrganisation);
        rules.MapPut("/{id:long}", UpdateRule).RequireAuthorization(Policies.AdministerOrganisation);
        rules.MapDelete("/{id:long}", DeleteRule).RequireAuthorization(Policies.AdministerOrganisation);
        return app;
    }

    private static async Task<Ok<DispatchProposal?>> Proposal(string? categoryCode, string? regionCode, HotlineDbContext db, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(categoryCode))
        {
            throw ValidationException.For("categoryCode", "Give the category.");
        }

        var region = string.IsNullOrWhiteSpace(regionCode) ? null : regionCode.Trim();
        var proposal = await DispatchCatalogue.ProposeAsync(db, categoryCode.Trim(), region, ct);
        return TypedResults.Ok<DispatchProposal?>(await Routing.LocalCounterpart.PreferLocalAsync(db, proposal, region, ct));
    }

    private static async Task<Created<CategoryDto>> CreateCategory(CategoryRequest request, HotlineDbContext db, CategoryDirectory directory, CancellationToken ct)
    {
        Category? parent = null;
        if (!string.IsNullOrWhiteSpace(request.ParentCode))
        {
            parent = await db.Set<Category>().SingleOrDefaultAsync(c => c.Code == request.ParentCode, ct) ?? throw ValidationException.For("parentCode", "No such category.");
        }

        var category = Category.Create(request.Code ?? string.Empty, request.Name ?? string.Empty, parent, request.Synonyms);
        category.MarkEmergency(request.IsEmergency ?? false);
        if (await db.Set<Category>().AnyAsync(c => c.Code == category.Code, ct))
        {
            throw new DomainException("category.code_taken", $"Category {category.Code} exists already.");
        }

        db.Add(category);
        await db.SaveChangesAsync(ct);
        await directory.ReloadAsync(ct);
        return TypedResults.Created($"/api/categories/{category.Code}", ToDto(category));
    }

    private static async Task<Ok<CategoryDto>> UpdateCategory(string code, CategoryRequest request, HotlineDbContext db, CategoryDirectory directory, CancellationToken ct)
    {
        var category = await db.Set<Category>().SingleOrDefaultAsync(c => c.Code == code, ct) ?? throw new NotFoundException("category.not_found", "No such category.");
        db.ExpectVersion(category, request.Version ?? throw ValidationException.For("version", "Give the version you edited."));
        category.Rename(request.Name ?? string.Empty, request.IsActive ?? category.IsActive, request.Synonyms);
        category.MarkEmergency(request.IsEmergency ?? category.IsEmergency);
        await db.SaveChangesAsync(ct);
        await directory.ReloadAsync(ct);
        return TypedResults.Ok(ToDto(category));
    }

    private static async Task<Ok<List<CatalogueEntryDto>>> ListCatalogue(HotlineDbContext db, CategoryDirectory categories, CancellationToken ct)
    {
        var entries = await db.Set<DispatchCatalogueEntry>().AsNoTracking().OrderBy(e => e.CategoryCode).ThenBy(e => e.RegionCode).ToListAsync(ct);
        var unitIds = entries.Select(e => e.UnitId).Distinct().ToList();
        var names = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return TypedResults.Ok(entries.Select(e => ToDto(e, categories, names.GetValueOrDefault(e.UnitId, "?"))).ToList());
    }

    private static async Task<Created<CatalogueEntryDto>> CreateEntry(CatalogueEntryRequest request, HotlineDbContext db, CategoryDirectory categories, CancellationToken ct)
    {
        var unit = await ValidateEntry(request, db, categories, ct);
        var entry = DispatchCatalogueEntry.Create(request.CategoryCode!.Trim(), request.RegionCode, unit.Id, request.Note);
        await EnsureUnique(db, entry.CategoryCode, entry.RegionCode, null, ct);
        db.Add(entry);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/dispatch-catalogue/{entry.Id}", ToDto(entry, categories, unit.Name));
    }

    private static async Task<Ok<CatalogueEntryDto>> UpdateEntry(long id, CatalogueEntryRequest request, HotlineDbContext db, CategoryDirectory categories, CancellationToken ct)
    {
        var entry = await db.Set<DispatchCatalogueEntry>().SingleOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException("catalogue.not_found", "No such catalogue entry.");
        db.ExpectVersion(entry, request.Version ?? throw ValidationException.For("version", "Give the version you edited."));
        var unit = await ValidateEntry(request, db, categories, ct);
        entry.Update(request.CategoryCode!.Trim(), request.RegionCode, unit.Id, request.Note);
        await EnsureUnique(db, entry.CategoryCode, entry.RegionCode, entry.Id, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(entry, categories, unit.Name));
    }

    private static async Task<NoContent> DeleteEntry(long id, HotlineDbContext db, CancellationToken ct)
    {
        if (await db.Set<DispatchCatalogueEntry>().Where(e => e.Id == id).ExecuteDeleteAsync(ct) == 0)
        {
            throw new NotFoundException("catalogue.not_found", "No such catalogue entry.");
        }

        return TypedResults.NoContent();
    }

    private static async Task<Unit> ValidateEntry(CatalogueEntryRequest request, HotlineDbContext db, CategoryDirectory categories, CancellationToken ct)
    {
        var v = new Validation().Text(request.CategoryCode, "categoryCode", 12)
            .Require(request.RegionCode is null || System.Text.RegularExpressions.Regex.IsMatch(request.RegionCode, "^([0-9]{6}|[0-9]{9}|[0-9]{12})$"), "regionCode", "A region code is 6, 9 or 12 digits.")
            .Require(request.UnitId is not null, "unitId", "Choose the unit.")
            .Text(request.Note, "note", 200, required: false);
        v.ThrowIfInvalid();
        if (categories.Find(request.CategoryCode!.Trim()) is null)
        {
            throw ValidationException.For("categoryCode", "No such category.");
        }

        var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == request.UnitId, ct) ?? throw ValidationException.For("unitId", "No such unit.");
        return unit.Kind is UnitKind.HotlineCentre or UnitKind.City ? throw ValidationException.For("unitId", "Route to a handling unit.") : unit;
    }

    private static async Task EnsureUnique(HotlineDbContext db, string categoryCode, string? regionCode, long? exceptId, CancellationToken ct)
    {
        if (await db.Set<DispatchCatalogueEntry>().AnyAsync(e => e.CategoryCode == categoryCode && e.RegionCode == regionCode && e.Id != exceptId, ct))
        {
            throw new DomainException("catalogue.duplicate", "The catalogue already routes this category and region.");
        }
    }

    private static async Task<Created<DeadlineRuleDto>> CreateRule(DeadlineRuleRequest request, HotlineDbContext db, WorkOrderClocks clocks, CategoryDirectory categories, CancellationToken ct)
    {
        ValidateRule(request, categories);
        var rule = DeadlineRule.Create(request.RequestType, request.CategoryCode, request.Urgency, request.HandlingWorkingDays!.Value, request.CallbackWorkingDays!.Value, request.DispatchWorkingDays, request.DispatchMinutes);
        db.Add(rule);
        await db.SaveChangesAsync(ct);
        await clocks.ReloadAsync(ct);
        return TypedResults.Created($"/api/deadline-rules/{rule.Id}", ToDto(rule));
    }

    private static async Task<Ok<DeadlineRuleDto>> UpdateRule(long id, DeadlineRuleRequest request, HotlineDbContext db, WorkOrderClocks clocks, CategoryDirectory categories, CancellationToken ct)
    {
        var rule = await db.Set<DeadlineRule>().SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("deadline_rule.not_found", "No such rule.");
        db.ExpectVersion(rule, request.Version ?? throw ValidationException.For("version", "Give the version you edited."));
        ValidateRule(request, categories);
        rule.Update(request.RequestType, request.CategoryCode, request.Urgency, request.HandlingWorkingDays!.Value, request.CallbackWorkingDays!.Value, request.DispatchWorkingDays, request.DispatchMinutes);
        await db.SaveChangesAsync(ct);
        await clocks.ReloadAsync(ct);
        return TypedResults.Ok(ToDto(rule));
    }

    private static async Task<NoContent> DeleteRule(long id, HotlineDbContext db, WorkOrderClocks clocks, CancellationToken ct)
    {
        if (await db.Set<DeadlineRule>().Where(r => r.Id == id).ExecuteDeleteAsync(ct) == 0)
        {
            throw new NotFoundException("deadline_rule.not_found", "No such rule.");
        }

        await clocks.ReloadAsync(ct);
        return TypedResults.NoContent();
    }

    private static void ValidateRule(DeadlineRuleRequest request, CategoryDirectory categories) =>
        new Validation()
            .Require(request.HandlingWorkingDays is not null, "handlingWorkingDays", "Give the handling time in working days.")
            .Require(request.CallbackWorkingDays is not null, "callbackWorkingDays", "Give the callback time in working days.")
            .Require(string.IsNullOrWhiteSpace(request.CategoryCode) || categories.Find(request.CategoryCode.Trim()) is not null, "categoryCode", "No such category.")
            .ThrowIfInvalid();

    private static CategoryDto ToDto(Category c) => new(c.Code, c.Name, c.ParentCode, c.Level, c.IsActive, c.Synonyms, c.Version, c.IsEmergency);

    private static CatalogueEntryDto ToDto(DispatchCatalogueEntry e, CategoryDirectory categories, string unitName) =>
        new(e.Id, e.CategoryCode, categories.PathName(e.CategoryCode), e.RegionCode, e.UnitId, unitName, e.Note, e.Version);

    private static DeadlineRuleDto ToDto(DeadlineRule r) => new(r.Id, r.RequestType, r.CategoryCode, r.Urgency, r.HandlingWorkingDays, r.CallbackWorkingDays, r.Version, r.DispatchWorkingDays, r.DispatchMinutes);
}
