using System.Diagnostics;
using System.Text.RegularExpressions;

namespace LinerBulkUpdater.Tests.Cli;

/// <summary>
/// <c>liner-bulk --version</c>, run as a process: System.CommandLine prints the entry assembly's
/// informational version, which in-process would be the test host's.
/// </summary>
public sealed partial class VersionTests
{
    [Fact]
    public async Task Version_prints_the_version_and_the_commit_it_was_built_from()
    {
        var printed = (await RunAsync(Dotnet(), ["exec", Path.Combine(AppContext.BaseDirectory, "liner-bulk.dll"), "--version"], AppContext.BaseDirectory)).Trim();

        var version = typeof(LinerBulkUpdater.Cli.LinerCli).Assembly.GetName().Version!;
        var number = $"{version.Major}.{version.Minor}.{version.Build}";
        if (RepositoryRoot() is { } root && await GitHeadAsync(root) is { } head)
        {
            Assert.Equal($"{number}+{head}", printed);
        }
        else
        {
            // Built from a copy of the source without git: the commit is there only if the SDK found one.
            Assert.Matches(VersionAndMaybeCommit(), printed);
            Assert.StartsWith(number, printed);
        }
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+(\+[0-9a-f]{7,40})?$")]
    private static partial Regex VersionAndMaybeCommit();

    private static string Dotnet() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static string? RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "LinerBulkUpdater.sln")))
            {
                return folder.FullName;
            }
        }

        return null;
    }

    /// <returns>The short commit, as the build took it; null where git is not to be had.</returns>
    private static async Task<string?> GitHeadAsync(string root)
    {
        try
        {
            var head = (await RunAsync("git", ["rev-parse", "--short", "HEAD"], root)).Trim();
            return head.Length > 0 ? head : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static async Task<string> RunAsync(string program, string[] arguments, string folder)
    {
        var start = new ProcessStartInfo(program, arguments) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await error;
        return process.ExitCode == 0 ? await output : "";
    }
}
