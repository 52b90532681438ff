using System.Diagnostics;
using System.Globalization;
using Hotline.Domain.Attachments;
using Hotline.Features.Attachments;
using Hotline.Infrastructure.Data;
using ImageMagick;

namespace Hotline.Bench.Attachments;

/// <summary>
/// Issue 18: what storing an uploaded 2 MB photo costs on this machine, step by step, beside a raw write of the same
/// bytes in the same run: the spool with SHA-256, the sniff, the move into the local store (0600 files, 0700 folders),
/// and the thumbnail (Magick.NET Q8). No HTTP and no database row (one insert, measured elsewhere for registrations).
/// </summary>
public sealed class AttachmentsBenchmark : IBenchmark
{
    public string Name => "attachments";

    public string Description => "Upload+store rate and thumbnail time for a 2 MB photo, beside a raw file write of the same bytes (--count 40)";

    public async Task<int> RunAsync(BenchContext context)
    {
        var count = context.GetInt("count", 40);
        var root = Path.Combine(Path.GetTempPath(), $"hotline-bench-files-{Guid.NewGuid():N}");
        var options = new FileStoreOptions { Root = root };
        var store = new LocalFileStore(options);
        await store.CheckAsync(default);
        var photo = Photo();
        try
        {
            var raw = new List<double>();
            var stored = new List<double>();
            var thumbnails = new List<double>();
            for (var i = -3; i < count; i++)
            {
                // A raw write of the same bytes: the floor of any store.
                var rawPath = Path.Combine(root, $"raw-{i + 3}");
                var watch = Stopwatch.StartNew();
                await File.WriteAllBytesAsync(rawPath, photo);
                var rawMs = watch.Elapsed.TotalMilliseconds;

                watch.Restart();
                var spool = Path.Combine(root, "spool", Guid.NewGuid().ToString("N"));
                DataFiles.CreateFolder(Path.GetDirectoryName(spool)!);
                await using (var content = new MemoryStream(photo, writable: false))
                {
                    await UploadReceiver.SpoolAsync(content, spool, default);
                }

                var head = new byte[FileTypes.HeadBytes];
                await using (var file = File.OpenRead(spool))
                {
                    await file.ReadExactlyAsync(head);
                }

                var type = FileTypes.Sniff("photo.jpg", "image/jpeg", head, () => []);
                var storedMs = watch.Elapsed.TotalMilliseconds;
                watch.Restart();
                var thumbnail = Thumbnails.Make(spool);
                var thumbMs = watch.Elapsed.TotalMilliseconds;
                watch.Restart();
                await store.PutAsync(FileKeys.New(DateTime.UtcNow), spool, type.ContentType, default);
                storedMs += watch.Elapsed.TotalMilliseconds;
                if (i >= 0)
                {
                    raw.Add(rawMs);
                    stored.Add(storedMs);
                    thumbnails.Add(thumbMs);
                }

                GC.KeepAlive(thumbnail);
            }

            Console.WriteLine(Measure.Header("Issue 18 — attachments"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"A {photo.Length / 1024.0 / 1024:0.00} MB JPEG (2400×1800), {count} uploads after 3 warm-ups, one at a time; local store on the same disk.\n"));
            Console.WriteLine("| step | median | p95 | rate (one thread) |");
            Console.WriteLine("|---|---:|---:|---:|");
            Row("raw file write of the same bytes (baseline)", raw);
            Row("spool + SHA-256 + sniff + move into the store", stored);
            Row("thumbnail (Magick.NET Q8, 240 px JPEG)", thumbnails);
            Row("upload as a whole (store + thumbnail)", stored.Zip(thumbnails, (a, b) => a + b).ToList());
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void Row(string what, List<double> ms)
    {
        var sorted = ms.Order().ToList();
        var median = Measure.Percentile(sorted, 50);
        Console.WriteLine($"| {what} | {Measure.Ms(median)} | {Measure.Ms(Measure.Percentile(sorted, 95))} | {Measure.Rate(1000 / median)} |");
    }

    /// <summary>A photo-like JPEG of about 2 MB (noise barely compresses, as a phone's photo of a street); the same every run.</summary>
    private static byte[] Photo()
    {
        MagickNET.SetRandomSeed(18);
        using var image = new MagickImage("plasma:", 2400, 1800);
        image.AddNoise(NoiseType.Gaussian);
        byte[]? best = null;
        for (var quality = 98u; quality >= 40; quality -= 2)
        {
            image.Quality = quality;
            var bytes = image.ToByteArray(MagickFormat.Jpeg);
            if (best is null || Math.Abs(bytes.Length - (2 << 20)) < Math.Abs(best.Length - (2 << 20)))
            {
                best = bytes;
            }
        }

        return best!;
    }
}
