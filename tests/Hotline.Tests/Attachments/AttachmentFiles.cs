using System.Net.Http.Headers;
using ImageMagick;

namespace Hotline.Tests.Attachments;

/// <summary>Real small files for the attachment tests, and the multipart upload the workbench sends.</summary>
internal static class AttachmentFiles
{
    public static byte[] Png(int width = 64, int height = 48)
    {
        using var image = new MagickImage(MagickColors.SteelBlue, (uint)width, (uint)height);
        return image.ToByteArray(MagickFormat.Png);
    }

    public static byte[] Jpeg(int width = 640, int height = 480)
    {
        using var image = new MagickImage("gradient:orange-navy", (uint)width, (uint)height);
        image.Quality = 85;
        return image.ToByteArray(MagickFormat.Jpeg);
    }

    public static byte[] Pdf() => "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    /// <summary>The first bytes of a Windows program.</summary>
    public static byte[] Executable() => [.. "MZ"u8, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00];

    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, byte[] bytes, string name, string contentType)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", name);
        return await client.PostAsync("/api/attachments", form);
    }
}
