using System.Text.RegularExpressions;
using Hotline.Infrastructure.Data;

namespace Hotline.Features.Attachments;

/// <summary>Where the bytes of uploads live. Keys are made by the server (<see cref="FileKeys"/>), never taken from a client.</summary>
public interface IFileStore
{
    /// <summary>Stores the spooled file at <paramref name="localPath"/> under <paramref name="key"/>; the spool file is consumed.</summary>
    Task PutAsync(string key, string localPath, string contentType, CancellationToken ct);

    /// <summary>The stored bytes, or null when nothing is stored under the key.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken ct);

    /// <summary>Removes the key; a missing key is no error.</summary>
    Task DeleteAsync(string key, CancellationToken ct);

    /// <summary>At start-up: the store is reachable and writable (the folder exists, the bucket exists).</summary>
    Task CheckAsync(CancellationToken ct);
}

/// <summary>The keys of stored files: "yyyy/MM/" and 32 random hex digits, a thumbnail the same with ".thumb.jpg".</summary>
public static partial class FileKeys
{
    public static string New(DateTime utc) =>
        utc.ToString("yyyy'/'MM'/'", System.Globalization.CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N");

    /// <summary>Only keys of that shape are ever resolved to a path or an object: no traversal, no name from outside.</summary>
    public static bool IsValid(string key) => KeyPattern().IsMatch(key);

    [GeneratedRegex(@"^[0-9]{4}/[0-9]{2}/[0-9a-f]{32}(\.thumb\.jpg)?$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}

/// <summary>
/// The default store: files under <see cref="FileStoreOptions.Root"/>, folders 0700 and files 0600 (as the database's),
/// written to the spool first and moved into place, so a half-written file never has a key.
/// </summary>
public sealed class LocalFileStore(FileStoreOptions options) : IFileStore
{
    private readonly string _root = options.FullRoot;

    public Task PutAsync(string key, string localPath, string contentType, CancellationToken ct)
    {
        var path = PathOf(key);
        DataFiles.CreateFolder(Path.GetDirectoryName(path)!);
        File.Move(localPath, path, overwrite: false);
        return Task.CompletedTask;
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        Stream? stream = File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true) : null;
        return Task.FromResult(stream);
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    public Task CheckAsync(CancellationToken ct)
    {
        DataFiles.CreateFolder(_root);
        return Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        if (!FileKeys.IsValid(key))
        {
            throw new ArgumentException("Not a key of the file store.", nameof(key));
        }

        var path = Path.GetFullPath(Path.Combine(_root, key));
        return path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? path : throw new ArgumentException("Not a key of the file store.", nameof(key));
    }
}
