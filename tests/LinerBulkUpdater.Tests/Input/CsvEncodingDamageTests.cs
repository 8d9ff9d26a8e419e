using System.Text;
using LinerBulkUpdater.Input;

namespace LinerBulkUpdater.Tests.Input;

/// <summary>Text is never sent decoded other than the user typed it: a file that no one encoding reads whole is refused, naming the line.</summary>
public sealed class CsvEncodingDamageTests : IDisposable
{
    private static readonly Encoding Cp1251 = CodePagesEncoding(1251);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Encoding CodePagesEncoding(int codePage)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(codePage);
    }

    private string Write(params byte[][] parts) => _folder.Write("leads.csv", parts.SelectMany(part => part).ToArray());

    private static string Refusal(string path) =>
        Assert.Throws<UsageException>(() => CsvRowSource.Open(path, new CsvInputOptions { FallbackEncoding = Cp1251 })).Message;

    [Fact]
    public void A_utf8_byte_order_mark_before_windows_1251_text_is_refused_naming_the_line()
    {
        var path = Write(Encoding.UTF8.GetPreamble(), "lead_id,client_name\n1,"u8.ToArray(), Cp1251.GetBytes("Иван\n"));

        Assert.Equal($"{path}: line 2 is not UTF-8, although the file starts with UTF-8's byte order mark; save the whole file again as UTF-8", Refusal(path));
    }

    [Fact]
    public void A_utf8_file_with_one_windows_1251_line_is_refused_naming_both_lines()
    {
        var path = Write(
            Encoding.UTF8.GetBytes("lead_id,client_name\n1,Пётр Иванов\n2,Анна\n"),
            Cp1251.GetBytes("3,Иван Петров\n"),
            Encoding.UTF8.GetBytes("4,Ольга\n"));

        Assert.Equal($"{path}: line 4 is not UTF-8, but line 2 is: the file mixes two encodings (two exports pasted together?); save it again in one encoding", Refusal(path));
    }

    [Fact]
    public void A_whole_windows_1251_file_is_still_read_in_the_fallback_code_page()
    {
        // «ТСЖ» puts a valid UTF-8 pair (Ж then ») into plain windows-1251 text: not enough to call it UTF-8.
        var path = Write(Cp1251.GetBytes("lead_id,client_name\n1,Иван Петров\n2,ТСЖ «ТСЖ»\n"));

        using var source = CsvRowSource.Open(path, new CsvInputOptions { FallbackEncoding = Cp1251 });

        Assert.Equal(["Иван Петров", "ТСЖ «ТСЖ»"], source.ReadRows().Select(row => row.Cells[1]));
    }

    [Theory]
    [InlineData("utf-16le", "UTF-16LE")]
    [InlineData("utf-16be", "UTF-16BE")]
    public void Utf16_without_its_byte_order_mark_is_refused_saying_what_it_is(string encoding, string name)
    {
        var path = Write(Encoding.GetEncoding(encoding).GetBytes("lead_id,status\n1,3\n"));

        Assert.Equal($"{path}: the file looks like {name} text without a byte order mark (every other byte is 0); save it as \"CSV UTF-8\"", Refusal(path));
    }
}
