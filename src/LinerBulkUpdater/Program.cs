using System.Runtime.InteropServices;
using LinerBulkUpdater.Cli;

using var interrupts = new Interrupts();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupts.Press();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    interrupts.Press();
});

return await LinerCli.RunAsync(args, CliHost.FromProcess(interrupts));
