using LinerBulkUpdater.Cli;

using var interrupts = new Interrupts();
using var signals = ProcessSignals.Watch(interrupts);
var exitCode = await LinerCli.RunAsync(args, CliHost.FromProcess(interrupts));
signals.Finished();
return exitCode;
