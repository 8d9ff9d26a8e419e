namespace LinerBulkUpdater.Cli;

/// <summary>
/// A status line kept at the bottom of an interactive terminal and redrawn in place; log lines are
/// written above it. Only used when the console is a terminal: redirected output gets plain log
/// lines and no control characters.
/// </summary>
internal sealed class LiveLine(TextWriter terminal)
{
    // Carriage return, then ANSI "erase the whole line": the cursor stays on the status line.
    private const string Erase = "\r\u001b[2K";

    private readonly Lock _gate = new();
    private string _text = "";

    public void Show(string text)
    {
        lock (_gate)
        {
            _text = text;
            terminal.Write(Erase + text);
            terminal.Flush();
        }
    }

    /// <summary>Writes something (a log line) above the status line, then puts the status line back.</summary>
    public void Above(Action write)
    {
        lock (_gate)
        {
            if (_text.Length > 0)
            {
                terminal.Write(Erase);
            }

            write();
            if (_text.Length > 0)
            {
                terminal.Write(_text);
            }

            terminal.Flush();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            if (_text.Length > 0)
            {
                terminal.Write(Erase);
                terminal.Flush();
                _text = "";
            }
        }
    }
}
