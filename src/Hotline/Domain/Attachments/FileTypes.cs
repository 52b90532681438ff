using System.Text;

namespace Hotline.Domain.Attachments;

/// <summary>The kinds of file the hotline takes: photos, PDFs, office documents and recorded audio (issue 18).</summary>
public enum FileKind
{
    Jpeg,
    Png,
    Gif,
    Webp,
    Pdf,
    Docx,
    Xlsx,
    Pptx,
    Doc,
    Xls,
    Ppt,
    Mp3,
    Wav,
    Amr,
    M4a,
}

/// <summary>One allowed type: the content type it is served with, the extensions a file of it may carry.</summary>
public sealed record FileType(FileKind Kind, string ContentType, IReadOnlyList<string> Extensions)
{
    public bool IsImage => Kind is FileKind.Jpeg or FileKind.Png or FileKind.Gif or FileKind.Webp;
}

/// <summary>
/// What a file is, from its first bytes (its magic number), never from what the client says. A file is taken when its
/// bytes, its extension and its declared content type all name the same allowed type; executables are refused whatever
/// they are called. The messages are the server's words that the workbench translates (serverMessages.ts).
/// </summary>
public static class FileTypes
{
    /// <summary>The field every refusal names.</summary>
    public const string Field = "file";

    /// <summary>How many leading bytes <see cref="Sniff"/> needs at most.</summary>
    public const int HeadBytes = 16;

    public static readonly IReadOnlyList<FileType> Allowed =
    [
        new(FileKind.Jpeg, "image/jpeg", [".jpg", ".jpeg"]),
        new(FileKind.Png, "image/png", [".png"]),
        new(FileKind.Gif, "image/gif", [".gif"]),
        new(FileKind.Webp, "image/webp", [".webp"]),
        new(FileKind.Pdf, "application/pdf", [".pdf"]),
        new(FileKind.Docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [".docx"]),
        new(FileKind.Xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [".xlsx"]),
        new(FileKind.Pptx, "application/vnd.openxmlformats-officedocument.presentationml.presentation", [".pptx"]),
        new(FileKind.Doc, "application/msword", [".doc"]),
        new(FileKind.Xls, "application/vnd.ms-excel", [".xls"]),
        new(FileKind.Ppt, "application/vnd.ms-powerpoint", [".ppt"]),
        new(FileKind.Mp3, "audio/mpeg", [".mp3"]),
        new(FileKind.Wav, "audio/wav", [".wav"]),
        new(FileKind.Amr, "audio/amr", [".amr"]),
        new(FileKind.M4a, "audio/mp4", [".m4a"]),
    ];

    /// <summary>Content types a browser may declare for a type besides its own (or "application/octet-stream" when it does not know).</summary>
    private static readonly Dictionary<string, FileKind> DeclaredAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/jpg"] = FileKind.Jpeg,
        ["image/pjpeg"] = FileKind.Jpeg,
        ["audio/mp3"] = FileKind.Mp3,
        ["audio/x-wav"] = FileKind.Wav,
        ["audio/wave"] = FileKind.Wav,
        ["audio/x-m4a"] = FileKind.M4a,
        ["audio/m4a"] = FileKind.M4a,
    };

    public static FileType Of(FileKind kind) => Allowed.Single(t => t.Kind == kind);

    public static bool IsImage(string contentType) => Allowed.Any(t => t.IsImage && t.ContentType == contentType);

    /// <summary>
    /// The allowed type of a file, or a 400 on <see cref="Field"/>: an executable, a type not taken, or bytes that do not
    /// match the name's extension or the declared type. <paramref name="zipEntries"/> lists an archive's entries when the
    /// bytes are a ZIP (an OOXML document is a ZIP whose parts say which document it is).
    /// </summary>
    public static FileType Sniff(string fileName, string? declaredType, ReadOnlySpan<byte> head, Func<IReadOnlyList<string>> zipEntries)
    {
        ArgumentNullException.ThrowIfNull(zipEntries);
        if (IsExecutable(head))
        {
            throw ValidationException.For(Field, "Executable files are not accepted.");
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var byName = Allowed.FirstOrDefault(t => t.Extensions.Contains(extension));
        if (byName is null)
        {
            throw ValidationException.For(Field, "Only photos (jpg, png, gif, webp), PDF, office documents and audio (mp3, wav, amr, m4a) are accepted.");
        }

        var byBytes = FromBytes(head, zipEntries, byName.Kind);
        if (byBytes != byName.Kind || !DeclaredMatches(declaredType, byName))
        {
            throw ValidationException.For(Field, "The file's content does not match its name or type.");
        }

        return byName;
    }

    private static bool DeclaredMatches(string? declared, FileType type)
    {
        if (string.IsNullOrWhiteSpace(declared) || declared.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var bare = declared.Split(';')[0].Trim();
        return bare.Equals(type.ContentType, StringComparison.OrdinalIgnoreCase) || (DeclaredAliases.TryGetValue(bare, out var kind) && kind == type.Kind);
    }

    /// <summary>Windows PE ("MZ"), ELF, Mach-O (both byte orders, fat binaries), Java classes and scripts with a "#!" line (AMR's "#!AMR" aside).</summary>
    private static bool IsExecutable(ReadOnlySpan<byte> head) =>
        Starts(head, "MZ"u8)
        || Starts(head, [0x7F, (byte)'E', (byte)'L', (byte)'F'])
        || Starts(head, [0xFE, 0xED, 0xFA, 0xCE]) || Starts(head, [0xFE, 0xED, 0xFA, 0xCF])
        || Starts(head, [0xCE, 0xFA, 0xED, 0xFE]) || Starts(head, [0xCF, 0xFA, 0xED, 0xFE])
        || Starts(head, [0xCA, 0xFE, 0xBA, 0xBE])
        || (Starts(head, "#!"u8) && !Starts(head, "#!AMR"u8));

    private static FileKind? FromBytes(ReadOnlySpan<byte> head, Func<IReadOnlyList<string>> zipEntries, FileKind named)
    {
        if (Starts(head, [0xFF, 0xD8, 0xFF]))
        {
            return FileKind.Jpeg;
        }

        if (Starts(head, [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return FileKind.Png;
        }

        if (Starts(head, "GIF87a"u8) || Starts(head, "GIF89a"u8))
        {
            return FileKind.Gif;
        }

        if (Starts(head, "RIFF"u8) && head.Length >= 12)
        {
            return head[8..12].SequenceEqual("WEBP"u8) ? FileKind.Webp : head[8..12].SequenceEqual("WAVE"u8) ? FileKind.Wav : null;
        }

        if (Starts(head, "%PDF-"u8))
        {
            return FileKind.Pdf;
        }

        if (Starts(head, "#!AMR"u8))
        {
            return FileKind.Amr;
        }

        if (Starts(head, "ID3"u8) || (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0))
        {
            return FileKind.Mp3;
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = Encoding.ASCII.GetString(head[8..12]);
            return brand is "M4A " or "M4B " or "mp42" or "isom" ? FileKind.M4a : null;
        }

        if (Starts(head, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            // An OLE compound file is .doc, .xls or .ppt alike; the name decides among the three (all three are allowed).
            return named is FileKind.Doc or FileKind.Xls or FileKind.Ppt ? named : null;
        }

        if (Starts(head, [(byte)'P', (byte)'K', 0x03, 0x04]))
        {
            return FromOfficeParts(zipEntries());
        }

        return null;
    }

    private static FileKind? FromOfficeParts(IReadOnlyList<string> entries)
    {
        if (!entries.Contains("[Content_Types].xml"))
        {
            return null;
        }

        return entries.Any(e => e.StartsWith("word/", StringComparison.Ordinal)) ? FileKind.Docx
            : entries.Any(e => e.StartsWith("xl/", StringComparison.Ordinal)) ? FileKind.Xlsx
            : entries.Any(e => e.StartsWith("ppt/", StringComparison.Ordinal)) ? FileKind.Pptx
            : null;
    }

    private static bool Starts(ReadOnlySpan<byte> head, ReadOnlySpan<byte> magic) => head.StartsWith(magic);
}
