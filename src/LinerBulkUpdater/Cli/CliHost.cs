namespace LinerBulkUpdater.Cli;

/// <summary>What the program gets from the process: its streams, its environment, where it lives, its interrupts, its clock. Tests supply their own.</summary>
/// <param name="Time">Every wait, timeout and timestamp of a run: <see cref="TimeProvider.System"/>, or a test's fake clock.</param>
internal sealed record CliHost(TextWriter Out, TextWriter Error, IReadOnlyDictionary<string, string?> Environment, string ProgramDirectory, Interrupts Interrupts, bool Interactive = false, TimeProvider? Time = null)
{
    public static CliHost FromProcess(Interrupts interrupts) => new(
        Console.Out,
        Console.Error,
        System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value),
        AppContext.BaseDirectory,
        interrupts,
        Interactive: !Console.IsOutputRedirected);

    public TimeProvider Clock => Time ?? TimeProvider.System;
}
