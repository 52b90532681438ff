namespace Hotline;

/// <summary>
/// The server will not start as configured (outside Development: an account still has the seeded default password, or
/// no usable key-ring certificate is configured; anywhere: a malformed security setting).
/// <see cref="HotlineApp.RunAsync"/> prints the message as one line on standard error and exits with
/// <see cref="HotlineApp.RefusedExitCode"/>, not with a stack trace.
/// </summary>
public sealed class StartupRefusedException(string message) : InvalidOperationException(message);
