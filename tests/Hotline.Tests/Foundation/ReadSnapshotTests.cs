using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Tests.Foundation;

/// <summary>
/// A follower's reads inside a <see cref="ReadSnapshot"/> see the database at one moment, however many rows other
/// connections commit meanwhile, and those writers are not held off while it is open.
/// </summary>
public abstract class ReadSnapshotTests(AppFixture app)
{
    [Fact]
    public async Task ReadsInsideTheSnapshot_SeeOneMoment_WhileAWriterCommits()
    {
        var marker = "snapshot-" + Guid.NewGuid().ToString("N");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();

        await using (await ReadSnapshot.BeginAsync(db, CancellationToken.None))
        {
            Assert.Equal(0, await CountAsync(db, marker));

            await using (var writerScope = app.Services.CreateAsyncScope())
            {
                var writer = writerScope.ServiceProvider.GetRequiredService<HotlineDbContext>();
                writer.DataProtectionKeys.Add(new DataProtectionKeyRow { FriendlyName = marker, Xml = "<key />" });
                var write = writer.SaveChangesAsync();
                Assert.Same(write, await Task.WhenAny(write, Task.Delay(TimeSpan.FromSeconds(5))));
                await write;
            }

            Assert.Equal(0, await CountAsync(db, marker));
        }

        Assert.Equal(1, await CountAsync(db, marker));
        Assert.Null(db.Database.CurrentTransaction);
    }

    private static Task<int> CountAsync(HotlineDbContext db, string marker) =>
        db.DataProtectionKeys.AsNoTracking().CountAsync(k => k.FriendlyName == marker);
}

public sealed class ReadSnapshotTests_Sqlite(SqliteApp app) : ReadSnapshotTests(app), IClassFixture<SqliteApp>;

public sealed class ReadSnapshotTests_Postgres(PostgresApp app) : ReadSnapshotTests(app), IClassFixture<PostgresApp>;
