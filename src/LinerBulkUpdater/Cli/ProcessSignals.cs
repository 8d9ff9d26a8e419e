using System.Runtime.InteropServices;

namespace LinerBulkUpdater.Cli;

/// <summary>
/// The process's stop requests, pressed into <see cref="Interrupts"/>: Ctrl+C and Ctrl+Break
/// (<see cref="Console.CancelKeyPress"/>), SIGTERM, and on Windows closing the console window.
/// Why the Windows part is by hand: .NET maps CTRL_CLOSE_EVENT to <see cref="PosixSignal.SIGHUP"/> and
/// CTRL_SHUTDOWN_EVENT to <see cref="PosixSignal.SIGTERM"/> (dotnet/runtime, PosixSignalRegistration.Windows.cs),
/// and Windows ends the process as soon as the handler returns (or after about 5 s), whatever it says.
/// So on Windows the handler waits there for the run to wind down: a graceful stop first, then a stop at once.
/// </summary>
internal sealed class ProcessSignals : IDisposable
{
    /// <summary>Of the ~5 s Windows grants: in-flight requests may finish; then they are cut and the report closed.</summary>
    private static readonly TimeSpan GracefulPart = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan CutPart = TimeSpan.FromSeconds(1.5);

    private readonly Interrupts _interrupts;
    private readonly ManualResetEventSlim _finished = new();
    private readonly List<PosixSignalRegistration> _registrations = [];

    private ProcessSignals(Interrupts interrupts)
    {
        _interrupts = interrupts;
        Console.CancelKeyPress += OnCancelKeyPress;
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnStopSignal));
        if (OperatingSystem.IsWindows())
        {
            _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnStopSignal));
        }
    }

    public static ProcessSignals Watch(Interrupts interrupts) => new(interrupts);

    /// <summary>The run is over and its report closed: a Windows close handler waiting on it may return.</summary>
    public void Finished() => _finished.Set();

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _registrations.ForEach(registration => registration.Dispose());
        _finished.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        _interrupts.Press();
    }

    private void OnStopSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        _interrupts.Press();
        if (OperatingSystem.IsWindows() && !_finished.Wait(GracefulPart))
        {
            _interrupts.Press();
            _finished.Wait(CutPart);
        }
    }
}
