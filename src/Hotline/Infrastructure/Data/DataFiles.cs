namespace Hotline.Infrastructure.Data;

/// <summary>
/// Files that hold callers' data or secrets (the SQLite database, the development key-ring certificate, backups) are
/// created readable by the server's account only: folders 0700, files 0600 on Unix (issue 13, item 12). An existing file
/// or folder keeps the mode it has: the README tells an operator how to tighten an older installation.
/// </summary>
public static class DataFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder (and missing parents) owner-only; an existing folder is left as it is.</summary>
    public static void CreateFolder(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, FolderMode);
        }
    }

    /// <summary>Creates a new, empty owner-only file (and its folder); false when the file exists already.</summary>
    public static bool TryCreateFile(string path)
    {
        CreateFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
        try
        {
            using var stream = OpenNew(path);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    /// <summary>
    /// A line for the start-up log when an existing data file or its folder is open to other accounts (an installation
    /// older than these modes); null when it is not, on Windows, or when the file does not exist.
    /// </summary>
    public static string? LooseModeWarning(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return null;
        }

        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var open = new List<string>();
        foreach (var candidate in new[] { path, folder })
        {
            if ((File.GetUnixFileMode(candidate) & others) != 0)
            {
                open.Add(candidate);
            }
        }

        return open.Count == 0
            ? null
            : $"{string.Join(" and ", open)} can be read by other accounts; tighten with: chmod 700 {folder} && chmod 600 {path}* (README, \"Keys at rest\")";
    }

    /// <summary>Opens a file that must not exist yet for writing, owner-only from its first byte.</summary>
    public static FileStream OpenNew(string path)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return new FileStream(path, options);
    }
}
