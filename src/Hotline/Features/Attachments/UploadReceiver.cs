using System.IO.Compression;
using System.Security.Cryptography;
using Hotline.Domain;
using Hotline.Domain.Attachments;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;

namespace Hotline.Features.Attachments;

/// <summary>
/// Takes one uploaded file: spools it (counting and hashing as it goes), sniffs its type from its bytes, makes an image's
/// thumbnail, stores it under a new key and records it, in that order. Whatever fails, nothing stays behind: no row, no
/// stored file, no spool file.
/// </summary>
public sealed class UploadReceiver(HotlineDbContext db, IFileStore store, FileStoreOptions options, CurrentUser user, TimeProvider time, ILogger<UploadReceiver> logger)
{
    /// <summary>
    /// Takes a file; with <paramref name="citizenPhoneKey"/> it is a verified citizen's (issue 18), who may send images only.
    /// </summary>
    public async Task<Upload> ReceiveAsync(Stream content, string? fileName, string? declaredType, CancellationToken ct, string? citizenPhoneKey = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var name = CleanName(fileName);
        var spoolFolder = Path.Combine(options.FullRoot, "spool");
        DataFiles.CreateFolder(spoolFolder);
        var spool = Path.Combine(spoolFolder, Guid.NewGuid().ToString("N"));
        var thumbSpool = spool + ".thumb";
        var stored = new List<string>();
        try
        {
            var (size, sha256) = await SpoolAsync(content, spool, ct);
            var type = FileTypes.Sniff(name, declaredType, Head(spool), () => ZipEntries(spool));
            if (citizenPhoneKey is not null && !type.IsImage)
            {
                throw ValidationException.For(FileTypes.Field, "请上传照片（JPEG、PNG 等图片）。");
            }

            var hasThumbnail = false;
            if (type.IsImage)
            {
                var thumbnail = Thumbnails.Make(spool);
                await using (var file = DataFiles.OpenNew(thumbSpool))
                {
                    await file.WriteAsync(thumbnail, ct);
                }

                hasThumbnail = true;
            }

            var now = time.GetUtcNow().UtcDateTime;
            var key = FileKeys.New(now);
            await store.PutAsync(key, spool, type.ContentType, ct);
            stored.Add(key);
            if (hasThumbnail)
            {
                await store.PutAsync(Upload.ThumbnailKeyOf(key), thumbSpool, "image/jpeg", ct);
                stored.Add(Upload.ThumbnailKeyOf(key));
            }

            var upload = citizenPhoneKey is not null
                ? Upload.ByCitizen(citizenPhoneKey, name, type.ContentType, size, sha256, key, hasThumbnail, now)
                : new Upload(user.Id, name, type.ContentType, size, sha256, key, hasThumbnail, now);
            db.Add(upload);
            await db.SaveChangesAsync(ct);
            stored.Clear();
            return upload;
        }
        finally
        {
            File.Delete(spool);
            File.Delete(thumbSpool);
            foreach (var key in stored)
            {
                await DeleteQuietlyAsync(key);
            }
        }
    }

    private async Task DeleteQuietlyAsync(string key)
    {
        try
        {
            await store.DeleteAsync(key, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The key only: a file's name is personal data.
            logger.LogWarning(e, "A stored file of a failed upload could not be removed: {Key}", key);
        }
    }

    private static string CleanName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? string.Empty).Replace('\\', '/')).Trim();
        if (name.Length == 0)
        {
            throw ValidationException.For(FileTypes.Field, "Choose a file.");
        }

        if (name.Any(char.IsControl))
        {
            throw ValidationException.For(FileTypes.Field, "The file name holds control characters.");
        }

        return name.Length <= Limits.ShortText ? name : throw ValidationException.For(FileTypes.Field, $"At most {Limits.ShortText} characters.");
    }

    /// <summary>Copies the upload to the spool, refusing it as soon as it passes the size limit; returns its size and SHA-256.</summary>
    public static async Task<(long Size, string Sha256)> SpoolAsync(Stream content, string spool, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        await using (var file = DataFiles.OpenNew(spool))
        {
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                size += read;
                if (size > AttachmentRules.MaxFileBytes)
                {
                    throw TooLarge();
                }

                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }

        if (size == 0)
        {
            throw ValidationException.For(FileTypes.Field, "The file is empty.");
        }

        return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    public static ValidationException TooLarge() =>
        ValidationException.For(FileTypes.Field, $"A file is at most {AttachmentRules.MaxFileBytes / 1024 / 1024} MB.");

    private static byte[] Head(string path)
    {
        using var file = File.OpenRead(path);
        var head = new byte[FileTypes.HeadBytes];
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return head[..read];
    }

    private static List<string> ZipEntries(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            return zip.Entries.Select(e => e.FullName).ToList();
        }
        catch (InvalidDataException)
        {
            return [];
        }
    }
}
