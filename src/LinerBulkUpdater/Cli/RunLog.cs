using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace LinerBulkUpdater.Cli;

/// <summary>
/// The run's Serilog logger: readable lines on the console (Information and up), everything down to
/// Debug in a rolling file. Nothing logged anywhere carries the API key: it is never a property of
/// an event, and the HTTP stack's own logging is not wired in.
/// </summary>
internal static class RunLog
{
    private const string ConsoleTemplate = "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}";
    private const string FileTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj}{NewLine}{Exception}";

    /// <param name="live">On a terminal: the status line that log lines are written above.</param>
    public static Logger Create(CliHost host, LogOptions options, LiveLine? live = null)
    {
        return new LoggerConfiguration()
            .MinimumLevel.Debug()
            .WriteTo.Sink(new TextWriterSink(host.Out, new MessageTemplateTextFormatter(ConsoleTemplate), live), LogEventLevel.Information)
            .WriteTo.File(
                Path.Combine(Directory(options), "liner-bulk-.log"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: options.RetainedDays,
                outputTemplate: FileTemplate,
                shared: true)
            .CreateLogger();
    }

    public static string Directory(LogOptions options)
    {
        if (options.Directory.Length > 0)
        {
            return Path.GetFullPath(options.Directory);
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return Path.Combine(home.Length > 0 ? home : Path.GetTempPath(), "liner-bulk", "logs");
    }

    /// <summary>Serilog's console sink writes to the process's console only; this writes to the host's, so tests see it too.</summary>
    private sealed class TextWriterSink(TextWriter writer, ITextFormatter formatter, LiveLine? live) : ILogEventSink
    {
        private readonly Lock _gate = new();

        public void Emit(LogEvent logEvent)
        {
            if (live is not null)
            {
                live.Above(() => formatter.Format(logEvent, writer));
                return;
            }

            lock (_gate)
            {
                formatter.Format(logEvent, writer);
                writer.Flush();
            }
        }
    }
}
