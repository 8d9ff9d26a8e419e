using System.Text;
using CsvHelper;
using LinerBulkUpdater.Input;

namespace LinerBulkUpdater.Tests.Input;

/// <summary>
/// The check pass is only a guard if it sees the file exactly as CsvHelper will read it, so <see cref="CsvRowSource.Open"/>
/// is checked against CsvHelper's own records on inputs made of the characters that matter.
/// </summary>
[LongRunning]
public sealed class CsvStructureCheckTests : IDisposable
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Check_agrees_with_csvhelper_on_random_quote_heavy_input(int seed)
    {
        var random = new Random(seed);
        var path = System.IO.Path.Combine(_folder.Path, "random.csv");
        var verdicts = new HashSet<string>();
        for (var n = 0; n < 2_000; n++)
        {
            var text = RandomCsv(random);
            File.WriteAllText(path, text, Utf8);
            var expected = Expect(text);

            string actual;
            try
            {
                using var source = CsvRowSource.Open(path, new CsvInputOptions());
                Assert.Equal(source.DataRowCount, source.ReadRows().Count());
                actual = $"header [{string.Join("|", source.Header)}], {source.DataRowCount} rows";
            }
            catch (UsageException e)
            {
                actual = Verdict(e.Message);
            }

            Assert.True(expected == actual, $"input {Escape(text)}: expected {expected}, got {actual}");
            verdicts.Add(expected.StartsWith("header", StringComparison.Ordinal) ? "read" : expected);
        }

        // Each outcome comes up, so none of them is compared only vacuously.
        Assert.Equal(["empty", "folded", "never closed", "read"], verdicts.Order());
    }

    [Theory]
    [InlineData("a;b\n\"x\ny\";1\n2;\"open", 4)]
    [InlineData("a\r\n\"\"\"\r\n", 2)]
    [InlineData("a\r\"\r\r\r", 2)]
    public void Unclosed_quote_is_reported_on_the_line_where_it_opened(string text, long line)
    {
        var path = _folder.Write("open.csv", text, Utf8);

        var error = Assert.Throws<UsageException>(() => CsvRowSource.Open(path, new CsvInputOptions()));

        Assert.Equal($"{path}: line {line}: a quote opened here is never closed (the rest of the file would be folded into one cell)", error.Message);
    }

    private static string RandomCsv(Random random)
    {
        const string alphabet = "ab ;;\"\"\"\r\n\n";
        var length = random.Next(0, 24);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>What Open should make of the file, worked out from the records CsvHelper returns.</summary>
    private static string Expect(string text)
    {
        char separator;
        using (var detecting = CsvReader.Create(Encoding.UTF8.GetBytes(text), CsvReaderOptions.Default with { HasHeader = false }))
        {
            separator = detecting.Separator;
        }

        if (FoldsRows(text, separator))
        {
            return "folded";
        }

        // CsvHelper reports only the first quoting problem of a record, so "never closed" is told apart by
        // what it does: text after a line break lands in a record of its own unless a quote is still open.
        if (Records(text + "\nZ", separator)[^1] is not ["Z"])
        {
            return "never closed";
        }

        var nonBlank = Records(text, separator).Where(record => !record.All(string.IsNullOrWhiteSpace)).ToList();
        return nonBlank.Count == 0
            ? "empty"
            : $"header [{string.Join("|", nonBlank[0].Select(cell => cell.Trim()))}], {nonBlank.Count - 1} rows";
    }

    /// <summary>
    /// Whether a quoted cell over several lines has text after its closing quote, by RFC 4180 as CsvHelper reads it
    /// untrimmed: a quote opens a cell only as its first character, <c>""</c> inside is a quote, a lone <c>"</c> closes it.
    /// </summary>
    private static bool FoldsRows(string text, char separator)
    {
        var state = 'S';
        var overLines = false;
        foreach (var c in text)
        {
            var ends = c == separator || c is '\r' or '\n';
            switch (state)
            {
                case 'S' when c == '"':
                    (state, overLines) = ('Q', false);
                    break;
                case 'S' or 'U':
                    state = ends ? 'S' : 'U';
                    break;
                case 'Q':
                    state = c == '"' ? 'C' : 'Q';
                    overLines |= c is '\r' or '\n';
                    break;
                case 'C' when c == '"':
                    state = 'Q';
                    break;
                case 'C' when !ends && overLines:
                    return true;
                case 'C':
                    state = ends ? 'S' : 'U';
                    break;
            }
        }

        return false;
    }

    private static List<string[]> Records(string text, char separator)
    {
        var options = CsvReaderOptions.Default with { Separator = separator, HasHeader = false, SkipEmptyLines = false, TrimWhitespace = false };
        using var reader = CsvReader.Create(Encoding.UTF8.GetBytes(text), options);
        var records = new List<string[]>();
        while (reader.Read())
        {
            records.Add(reader.Current.ToArray());
        }

        return records;
    }

    private static string Verdict(string message) =>
        message.Contains("folded rows into one cell") ? "folded"
        : message.Contains("is never closed") ? "never closed"
        : message.Contains("the file is empty") ? "empty"
        : message;

    private static string Escape(string text) => "\"" + text.Replace("\r", "\\r").Replace("\n", "\\n") + "\"";
}
