using System.CommandLine;
using System.Diagnostics;
using LinerBulkUpdater.Ui;

namespace LinerBulkUpdater.Cli;

/// <summary>
/// <c>liner-bulk ui [--port N] [--no-browser] [--sandbox]</c>: the tool's work as a page on 127.0.0.1 (<see cref="UiServer"/>),
/// done by the same machinery as <c>check</c> and <c>run</c> (<see cref="UiWork"/>), until Ctrl+C.
/// </summary>
internal static class UiCommand
{
    public static Command Create(CliHost host)
    {
        var port = new Option<int>("--port") { Description = "Loopback port to serve the page on (default: a free port)." };
        var noBrowser = new Option<bool>("--no-browser") { Description = "Print the page's address only; do not open a browser." };
        var sandbox = new Option<bool>("--sandbox") { Description = "Start the embedded Liner stand-in and let the page work against it." };
        var config = new Option<string?>("--config") { Description = "A settings file layered over appsettings.json." };
        var command = new Command("ui", "Serve the tool's work as a page on 127.0.0.1: pick a file, check, preview, send, download, undo.") { port, noBrowser, sandbox, config };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var configPath = parsed.GetValue(config);
            var settings = AppSettings.Load(host, configPath, new Dictionary<string, string?>());
            await using var stand = parsed.GetValue(sandbox) ? await SandboxCommand.StartAsync(settings.Sandbox, port: 0, host.Clock, cancellationToken) : null;
            AppSettings SettingsWith(IReadOnlyDictionary<string, string?> overrides)
            {
                var loaded = AppSettings.Load(host, configPath, overrides);
                return stand is null ? loaded : loaded.AgainstSandbox(stand.BaseUrl, loaded.Sandbox.ApiKey ?? RunCommand.SandboxApiKey);
            }

            var work = new UiWork(host, new RunsFolder(settings.Ui.Folder(), host.Clock), SettingsWith);
            await using var server = await UiServer.StartAsync(work, parsed.GetValue(port), cancellationToken);
            await host.Out.WriteLineAsync($"liner-bulk ui: the page is served at this address (it carries the page's key: keep it to yourself){(stand is null ? "" : ", against the sandbox")}; Ctrl+C stops it.");
            await host.Out.WriteLineAsync($"Runs from the page keep their files in {work.Runs.Root}");
            await host.Out.WriteLineAsync(server.Address);
            if (!parsed.GetValue(noBrowser) && !Open(server.Address))
            {
                await host.Out.WriteLineAsync("No browser could be opened: open the address above in one.");
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C is how the page is meant to end: a send that is going stops as a run does, every row reported.
                await work.StopAllAsync();
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static bool Open(string address)
    {
        try
        {
            using var browser = Process.Start(new ProcessStartInfo(address) { UseShellExecute = true });
            return true;
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            return false;
        }
    }
}
