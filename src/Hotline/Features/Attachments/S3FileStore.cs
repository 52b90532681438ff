using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;

namespace Hotline.Features.Attachments;

/// <summary>
/// An S3-compatible bucket (MinIO client), used when <c>Files:S3:Endpoint</c> and <c>Files:S3:Bucket</c> are set. The
/// bucket must exist: the start-up check refuses to start without it rather than fail at the first citizen's photo.
/// </summary>
public sealed class S3FileStore(FileStoreOptions options) : IFileStore, IDisposable
{
    private readonly string _bucket = options.S3.Bucket!;
    private readonly string _spool = Path.Combine(options.FullRoot, "spool");
    private readonly IMinioClient _client = new MinioClient()
        .WithEndpoint(options.S3.Endpoint)
        .WithCredentials(options.S3.AccessKey, options.S3.SecretKey)
        .WithSSL(options.S3.UseSsl)
        .Build();

    public async Task PutAsync(string key, string localPath, string contentType, CancellationToken ct)
    {
        Valid(key);
        await _client.PutObjectAsync(new PutObjectArgs().WithBucket(_bucket).WithObject(key).WithFileName(localPath).WithContentType(contentType), ct);
        File.Delete(localPath);
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken ct)
    {
        Valid(key);
        // The object is copied to a spool file that deletes itself when the response is done with it.
        Infrastructure.Data.DataFiles.CreateFolder(_spool);
        var copy = new FileStream(Path.Combine(_spool, Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await _client.GetObjectAsync(new GetObjectArgs().WithBucket(_bucket).WithObject(key).WithCallbackStream((s, token) => s.CopyToAsync(copy, token)), ct);
            copy.Position = 0;
            return copy;
        }
        catch (Exception e) when (e is ObjectNotFoundException or BucketNotFoundException)
        {
            await copy.DisposeAsync();
            return null;
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        Valid(key);
        return _client.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(_bucket).WithObject(key), ct);
    }

    public async Task CheckAsync(CancellationToken ct)
    {
        if (!await _client.BucketExistsAsync(new BucketExistsArgs().WithBucket(_bucket), ct))
        {
            throw new InvalidOperationException($"The file store's bucket {_bucket} does not exist at {options.S3.Endpoint} (Files:S3).");
        }
    }

    public void Dispose() => _client.Dispose();

    private static void Valid(string key)
    {
        if (!FileKeys.IsValid(key))
        {
            throw new ArgumentException("Not a key of the file store.", nameof(key));
        }
    }
}
