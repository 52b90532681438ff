namespace Hotline.Text;

/// <summary>A stored model cannot be used: not a model, damaged, truncated, or written by a newer format version.</summary>
public sealed class ModelFormatException : Exception
{
    public ModelFormatException(string message)
        : base(message)
    {
    }

    public ModelFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ModelFormatException()
    {
    }
}
