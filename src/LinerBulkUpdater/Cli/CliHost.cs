namespace LinerBulkUpdater.Cli;

/// <summary>What the program gets from the process: its streams, its environment, where it lives. Tests supply their own.</summary>
internal sealed record CliHost(TextWriter Out, TextWriter Error, IReadOnlyDictionary<string, string?> Environment, string ProgramDirectory)
{
    public static CliHost FromProcess() => new(
        Console.Out,
        Console.Error,
        System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value),
        AppContext.BaseDirectory);
}
