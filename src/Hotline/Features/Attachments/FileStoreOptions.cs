namespace Hotline.Features.Attachments;

/// <summary>Where files are kept (issue 18): a local folder by default, an S3-compatible bucket when <see cref="S3"/> names one.</summary>
public sealed class FileStoreOptions
{
    public const string Section = "Files";

    /// <summary>The local store's folder (and the spool of uploads in flight, whichever store keeps them); relative to the current directory.</summary>
    public string Root { get; set; } = "data/files";

    public S3StoreOptions S3 { get; set; } = new();

    /// <summary>An upload never attached to an order is swept after this long.</summary>
    public TimeSpan OrphanAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the sweep looks.</summary>
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromMinutes(10);

    public string FullRoot => Path.GetFullPath(Root);
}

/// <summary>An S3-compatible store (MinIO, Ceph, a cloud's object storage); used when <see cref="Endpoint"/> and <see cref="Bucket"/> are set.</summary>
public sealed class S3StoreOptions
{
    /// <summary>host[:port], without a scheme.</summary>
    public string? Endpoint { get; set; }

    public string? Bucket { get; set; }

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    public bool UseSsl { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(Bucket);
}
