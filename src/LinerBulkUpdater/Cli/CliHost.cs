namespace LinerBulkUpdater.Cli;

/// <summary>What the program gets from the process: its streams, its environment, where it lives, its interrupts, its clock. Tests supply their own.</summary>
/// <param name="Time">Every wait, timeout and timestamp of a run: <see cref="TimeProvider.System"/>, or a test's fake clock.</param>
internal sealed record CliHost(TextWriter Out, TextWriter Error, IReadOnlyDictionary<string, string?> Environment, string ProgramDirectory, Interrupts Interrupts, bool Interactive = false, TimeProvider? Time = null)
{
    public static CliHost FromProcess(Interrupts interrupts)
    {
        UseUtf8Console();
        return new(
            Console.Out,
            Console.Error,
            System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value),
            AppContext.BaseDirectory,
            interrupts,
            Interactive: !Console.IsOutputRedirected);
    }

    public TimeProvider Clock => Time ?? TimeProvider.System;

    /// <summary>
    /// Windows consoles start in the OEM code page (866 on a Russian Windows), which has no room for much
    /// of what a run prints; Linux and macOS terminals are UTF-8 already. Set before anything is written,
    /// since setting it replaces Console.Out and Console.Error. With no console at all (a scheduled task
    /// writing to a file) there is no code page to set: the writers are made UTF-8 directly.
    /// </summary>
    private static void UseUtf8Console()
    {
        if (!OperatingSystem.IsWindows())
        {
            return;
        }

        var utf8 = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        try
        {
            Console.OutputEncoding = utf8;
        }
        catch (IOException)
        {
            Console.SetOut(new StreamWriter(Console.OpenStandardOutput(), utf8) { AutoFlush = true });
            Console.SetError(new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true });
        }
    }
}
