using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;

namespace LinerBulkUpdater.Input;

/// <summary>An .xlsx file opened for reading: its bytes checked, then the SDK's package over them; closed together.</summary>
internal sealed class XlsxPackage : IDisposable
{
    private readonly Stream _file;
    private readonly SpreadsheetDocument _document;

    private XlsxPackage(Stream file, SpreadsheetDocument document, WorkbookPart workbook, XlsxFileStamp stamp)
    {
        _file = file;
        _document = document;
        Workbook = workbook;
        Stamp = stamp;
    }

    public WorkbookPart Workbook { get; }

    /// <summary>Size and time of the file as opened: a later reading compares it, so rows never mix two saves of the file.</summary>
    public XlsxFileStamp Stamp { get; }

    /// <exception cref="UsageException">Missing, not an .xlsx, encrypted, too big when unpacked, or damaged.</exception>
    public static XlsxPackage Open(string path, long maxUncompressedBytes)
    {
        var handle = InputFile.OpenRead(path);
        // InputFile's stream is unbuffered (CSV readers bring their own buffer); a zip's directory is read in small pieces.
        var file = new BufferedStream(handle, InputFile.BufferSize);
        try
        {
            var stamp = new XlsxFileStamp(handle.Length, File.GetLastWriteTimeUtc(handle.SafeFileHandle));
            XlsxFileCheck.Check(path, file, maxUncompressedBytes);
            SpreadsheetDocument document;
            try
            {
                // Opened over our own stream rather than by path: the SDK opens a path with FileShare.Read, which
                // fails while Excel has the file open.
                document = SpreadsheetDocument.Open(file, isEditable: false, new OpenSettings
                {
                    AutoSave = false,
                    // Entry sizes were checked, and .NET inflates no more than an entry declares; this is the second lock.
                    MaxCharactersInPart = maxUncompressedBytes,
                });
            }
            catch (Exception e) when (e is OpenXmlPackageException or System.IO.FileFormatException)
            {
                throw XlsxFileCheck.NotXlsx(path, "the zip holds no Excel workbook");
            }

            if (document.WorkbookPart is not { } workbook)
            {
                document.Dispose();
                throw XlsxFileCheck.NotXlsx(path, "the zip holds no Excel workbook");
            }

            return new XlsxPackage(file, document, workbook, stamp);
        }
        catch (Exception e) when (XlsxXml.IsDamage(e))
        {
            file.Dispose();
            throw XlsxXml.Damaged(path, e, maxUncompressedBytes);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _document.Dispose();
        _file.Dispose();
    }
}
