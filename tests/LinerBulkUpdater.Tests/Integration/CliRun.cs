using System.Text;
using CsvHelper;
using LinerBulkUpdater.Cli;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary>What one run of the real CLI path left behind.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error, string LogDirectory)
{
    public string Everything => Out + Error;

    /// <summary>Every line the run wrote to its rolling log files.</summary>
    public string LogText => Directory.Exists(LogDirectory)
        ? string.Concat(Directory.GetFiles(LogDirectory).Select(path => ReadShared(path)))
        : "";

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>Runs <c>liner-bulk</c> in-process, exactly as Program.cs does, with its own streams, environment and program folder.</summary>
internal static class CliRun
{
    public const string ApiKey = "test-key-5f2c9a71d3e84b06";

    public static Task<CliResult> RunAsync(TempFolder folder, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunAsync(folder, environment, new Interrupts(), args);

    /// <param name="interrupts">Press it to do what Ctrl+C does.</param>
    public static Task<CliResult> RunAsync(TempFolder folder, IReadOnlyDictionary<string, string?> environment, Interrupts interrupts, params string[] args) =>
        RunAsync(folder, environment, interrupts, interactive: false, args);

    /// <param name="interactive">Whether the console is a terminal (a live status line) or redirected (plain lines).</param>
    public static Task<CliResult> RunAsync(TempFolder folder, IReadOnlyDictionary<string, string?> environment, Interrupts interrupts, bool interactive, params string[] args) =>
        RunAsync(folder, environment, interrupts, interactive, time: null, args);

    /// <param name="time">The run's clock (<see cref="CliHost.Time"/>), e.g. <see cref="SteppedClock.Run"/>.</param>
    public static Task<CliResult> RunAsync(TempFolder folder, IReadOnlyDictionary<string, string?> environment, TimeProvider time, params string[] args) =>
        RunAsync(folder, environment, new Interrupts(), interactive: false, time, args);

    /// <param name="time">The run's clock (<see cref="CliHost.Time"/>), e.g. <see cref="SteppedClock.Run"/>.</param>
    public static Task<CliResult> RunAsync(TempFolder folder, IReadOnlyDictionary<string, string?> environment, Interrupts interrupts, TimeProvider time, params string[] args) =>
        RunAsync(folder, environment, interrupts, interactive: false, time, args);

    /// <param name="time">The run's clock (<see cref="CliHost.Time"/>); null for the system's.</param>
    public static async Task<CliResult> RunAsync(TempFolder folder, IReadOnlyDictionary<string, string?> environment, Interrupts interrupts, bool interactive, TimeProvider? time, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var logs = Path.Combine(folder.Path, "logs");
        var variables = new Dictionary<string, string?>(environment) { ["Log__Directory"] = logs };
        var host = new CliHost(TextWriter.Synchronized(output), TextWriter.Synchronized(error), variables, folder.Path, interrupts, interactive, time);
        // As in a real process: no synchronization context. xunit's would funnel every continuation
        // of the run (and of the in-process sandbox) through its few test threads.
        var exitCode = await Task.Run(() => LinerCli.RunAsync(args, host));
        return new CliResult(exitCode, output.ToString(), error.ToString(), logs);
    }

    /// <summary>The environment of a run against <paramref name="baseUrl"/> with the test key.</summary>
    public static Dictionary<string, string?> Against(Uri baseUrl) => new()
    {
        ["LINER_API_KEY"] = ApiKey,
        ["Liner__BaseUrl"] = baseUrl.ToString(),
    };

    /// <summary>The report as rows of header → cell, read with CsvHelper as any other consumer would.</summary>
    public static List<Dictionary<string, string>> ReadReport(string path, char separator = ',')
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()), "the report starts with a UTF-8 BOM, so Excel reads Cyrillic right");
        using var reader = CsvReader.Create(new MemoryStream(bytes), CsvReaderOptions.Default with { Separator = separator, HasHeader = false }, leaveOpen: false);
        Assert.True(reader.Read());
        var header = reader.Current.ToArray();
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            var cells = reader.Current.ToArray();
            Assert.Equal(header.Length, cells.Length);
            rows.Add(header.Zip(cells).ToDictionary(pair => pair.First.TrimStart('\uFEFF'), pair => pair.Second));
        }

        return rows;
    }
}
