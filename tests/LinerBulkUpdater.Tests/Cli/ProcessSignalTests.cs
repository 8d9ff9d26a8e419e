using System.Diagnostics;

namespace LinerBulkUpdater.Tests.Cli;

/// <summary>
/// Program.cs's wiring of the process's signals (ProcessSignals), run as a real process: the in-process
/// tests press <see cref="LinerBulkUpdater.Cli.Interrupts"/> directly and never see it.
/// </summary>
public sealed class ProcessSignalTests
{
    [Fact]
    public async Task Sigterm_stops_a_real_process_gracefully_with_every_row_in_the_report()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // No SIGTERM to send; Windows' console events are wired by construction (ProcessSignals).
        }

        using var folder = new TempFolder();
        var input = folder.WriteLeads(40);
        var report = Path.Combine(folder.Path, "report.csv");
        var start = new ProcessStartInfo(
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet",
            ["exec", Path.Combine(AppContext.BaseDirectory, "liner-bulk.dll"), "run", input, "--sandbox", "--rps", "4", "--report", report])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["Log__Directory"] = Path.Combine(folder.Path, "logs") },
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync()) is not null && !line.Contains("Sending to", StringComparison.Ordinal))
        {
        }

        Assert.NotNull(line);
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var rest = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(process.ExitCode == 3, await rest + await error);
        Assert.Contains("liner-bulk: stopped part-way: stopped by Ctrl+C or SIGTERM; the report lists every row", await error);
        var rows = File.ReadAllLines(report).Skip(1).ToList();
        Assert.Equal(40, rows.Count);
        Assert.Contains(rows, row => row.Contains(",not_sent,", StringComparison.Ordinal));
    }
}
