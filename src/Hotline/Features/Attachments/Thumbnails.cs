using Hotline.Domain.Attachments;
using ImageMagick;

namespace Hotline.Features.Attachments;

/// <summary>
/// A small JPEG of an image (Magick.NET, ImageMagick 7, Q8): the longest side <see cref="AttachmentRules.ThumbnailSize"/>
/// pixels, oriented as the camera meant, metadata (GPS included) stripped, transparency on white. An image ImageMagick
/// cannot decode is refused at upload, so what is stored as an image is one.
/// </summary>
public static class Thumbnails
{
    /// <summary>A decoded image larger than this many pixels is refused (a "decompression bomb" of a few KB).</summary>
    private const long MaxPixels = 64L * 1024 * 1024;

    static Thumbnails()
    {
        ResourceLimits.Width = 20_000;
        ResourceLimits.Height = 20_000;
        ResourceLimits.Area = (ulong)MaxPixels;
    }

    /// <summary>The thumbnail of the image at <paramref name="source"/> as JPEG bytes; a 400 on "file" when it is no readable image.</summary>
    public static byte[] Make(string source)
    {
        try
        {
            using var image = new MagickImage();
            image.Settings.SetDefine(MagickFormat.Jpeg, "size", $"{AttachmentRules.ThumbnailSize * 2}x{AttachmentRules.ThumbnailSize * 2}");
            image.Read(source);
            image.AutoOrient();
            image.Thumbnail(new MagickGeometry(AttachmentRules.ThumbnailSize, AttachmentRules.ThumbnailSize));
            image.BackgroundColor = MagickColors.White;
            image.Alpha(AlphaAction.Remove);
            image.Strip();
            image.Quality = 80;
            return image.ToByteArray(MagickFormat.Jpeg);
        }
        catch (MagickException)
        {
            throw Domain.ValidationException.For(FileTypes.Field, "The image cannot be read.");
        }
    }
}
