using Hotline.Domain;
using Hotline.Domain.Dispatch;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Dispatch;

/// <summary>The category tree in memory (a few hundred rows, read on every intake); reloaded after an edit.</summary>
public sealed class CategoryDirectory(IServiceScopeFactory scopes)
{
    private volatile IReadOnlyDictionary<string, Category> _byCode = new Dictionary<string, Category>();

    public IReadOnlyCollection<Category> All => (IReadOnlyCollection<Category>)_byCode.Values;

    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        _byCode = await db.Set<Category>().AsNoTracking().ToDictionaryAsync(c => c.Code, cancellationToken);
    }

    public Category? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>"物业管理 / 物业服务" for a code, for display.</summary>
    public string PathName(string code)
    {
        var names = new List<string>();
        for (var c = Find(code); c is not null; c = c.ParentCode is null ? null : Find(c.ParentCode))
        {
            names.Insert(0, c.Name);
        }

        return string.Join(" / ", names);
    }

    public void EnsureActive(string code)
    {
        if (Find(code) is not { IsActive: true })
        {
            throw ValidationException.For("categoryCode", "Choose an active category from the category tree.");
        }
    }
}
