using System.Runtime.InteropServices;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;

namespace LinerBulkUpdater.Input;

// Why by hand, over System.Xml's XmlReader, and not the Open XML SDK's OpenXmlReader: that reader builds an element
// object per tag, two thirds of an XLSX dry run's CPU and 790 MB allocated per pass over a 200,000-row sheet
// (bench/README.md, #18); this one allocates 145-195 MB and takes a quarter of the time.

/// <summary>
/// A part of the workbook read as plain XML, with the few moves its readers need: down to a child element of the
/// spreadsheet namespace, a leaf's text, a rich text's runs. Reads as the SDK's <c>OpenXmlReader</c> did, without an
/// object per element: the same reader settings, either spelling of the namespace (strict files use their own), and
/// the same text (a leaf's first text node, white space included: SDK 2.20 kept <c>&lt;t&gt; &lt;/t&gt;</c> as a space).
/// </summary>
internal sealed class XlsxXmlReader : IDisposable
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    // Atomized in the reader's name table, so comparing a name is comparing a reference.
    private readonly string _transitional;
    private readonly string _strict;
    private readonly string _xmlns;

    private XlsxXmlReader(XmlReader reader)
    {
        Reader = reader;
        var names = reader.NameTable!;
        _transitional = names.Add("http://schemas.openxmlformats.org/spreadsheetml/2006/main");
        _strict = names.Add("http://purl.oclc.org/ooxml/spreadsheetml/main");
        _xmlns = names.Add(XmlnsNamespace);
    }

    public XmlReader Reader { get; }

    /// <param name="maxCharacters">The most characters the part may unpack to: a part bigger than its zip entry claimed stops here.</param>
    public static XlsxXmlReader Open(OpenXmlPart part, long maxCharacters)
    {
        var settings = new XmlReaderSettings
        {
            MaxCharactersInDocument = maxCharacters,
            CloseInput = true,
            IgnoreWhitespace = false,
            DtdProcessing = DtdProcessing.Prohibit,
        };
        return new XlsxXmlReader(XmlReader.Create(part.GetStream(FileMode.Open, FileAccess.Read), settings));
    }

    /// <summary>
    /// To the root element; false when it has no content or is not <paramref name="localName"/> of the spreadsheet
    /// namespace (as the SDK read it: a sheet with another root is an empty sheet).
    /// </summary>
    public bool ReadToRoot(string localName)
    {
        Reader.MoveToContent();
        return IsMain(localName) && !Reader.IsEmptyElement;
    }

    /// <summary>From a start element, to its first child <paramref name="localName"/>; false when it has none (its end tag read).</summary>
    public bool ReadToChild(string localName)
    {
        var depth = Reader.Depth + 1;
        while (NextChild(depth))
        {
            if (IsMain(localName))
            {
                return true;
            }

            Reader.Skip();
        }

        return false;
    }

    /// <summary>
    /// To the next element at <paramref name="depth"/> inside the current one, from its (non-empty) start tag or from
    /// just after the previous child; false at the end tag of the parent, where the caller reads past it.
    /// </summary>
    public bool NextChild(int depth)
    {
        if (Reader.NodeType == XmlNodeType.Element && Reader.Depth == depth - 1)
        {
            Reader.Read();
        }

        while (Reader.Depth >= depth)
        {
            if (Reader.NodeType == XmlNodeType.Element)
            {
                return true;
            }

            // Text, comments and processing instructions between elements: not data.
            Reader.Read();
        }

        return false;
    }

    /// <summary>The current node is the start tag of <paramref name="localName"/> in the spreadsheet namespace.</summary>
    public bool IsMain(string localName)
    {
        var uri = Reader.NamespaceURI;
        return Reader.NodeType == XmlNodeType.Element && Reader.LocalName == localName && (ReferenceEquals(uri, _transitional) || ReferenceEquals(uri, _strict));
    }

    /// <summary>The text of the leaf element at the reader, read past its end: its first text node, "" when it has none.</summary>
    public string LeafText()
    {
        if (Reader.IsEmptyElement)
        {
            Reader.Read();
            return "";
        }

        var depth = Reader.Depth;
        string? text = null;
        Reader.Read();
        while (Reader.Depth > depth)
        {
            if (text is null && Reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                text = Reader.Value;
                Reader.Read();
            }
            else if (Reader.NodeType == XmlNodeType.Element)
            {
                Reader.Skip();
            }
            else
            {
                Reader.Read();
            }
        }

        Reader.Read();
        return text ?? "";
    }

    /// <summary>
    /// Adds to <paramref name="pieces"/> the <c>&lt;t&gt;</c> texts of the rich text element at the reader
    /// (<c>&lt;is&gt;</c>, <c>&lt;si&gt;</c>), plain or in runs, and reads past its end. A phonetic reading
    /// (<c>&lt;rPh&gt;</c>) is not part of the text.
    /// </summary>
    public void ReadRichText(List<string> pieces)
    {
        if (!Reader.IsEmptyElement)
        {
            var depth = Reader.Depth + 1;
            while (NextChild(depth))
            {
                if (IsMain("t"))
                {
                    pieces.Add(LeafText());
                }
                else if (IsMain("r") && !Reader.IsEmptyElement)
                {
                    while (NextChild(depth + 1))
                    {
                        if (IsMain("t"))
                        {
                            pieces.Add(LeafText());
                        }
                        else
                        {
                            Reader.Skip();
                        }
                    }

                    Reader.Read();
                }
                else
                {
                    Reader.Skip();
                }
            }
        }

        Reader.Read();
    }

    /// <summary>The rich text's pieces as one string; the one piece itself when there is just one.</summary>
    public static string Join(List<string> pieces) => pieces.Count == 1 ? pieces[0] : string.Concat(CollectionsMarshal.AsSpan(pieces));

    /// <summary>The value of the current element's attribute <paramref name="localName"/>, whatever its namespace; null when absent.</summary>
    public string? Attribute(string localName)
    {
        string? value = null;
        while (Reader.MoveToNextAttribute())
        {
            if (Reader.LocalName == localName && !ReferenceEquals(Reader.NamespaceURI, _xmlns))
            {
                value = Reader.Value;
            }
        }

        Reader.MoveToElement();
        return value;
    }

    /// <summary>A cell's <c>r</c>, <c>t</c> and <c>s</c> attributes in one pass over them (namespace declarations are not attributes).</summary>
    public void Attributes(ref string? r, ref string? t, ref string? s)
    {
        while (Reader.MoveToNextAttribute())
        {
            if (ReferenceEquals(Reader.NamespaceURI, _xmlns))
            {
                continue;
            }

            switch (Reader.LocalName)
            {
                case "r":
                    r = Reader.Value;
                    break;
                case "t":
                    t = Reader.Value;
                    break;
                case "s":
                    s = Reader.Value;
                    break;
            }
        }

        Reader.MoveToElement();
    }

    public void Dispose() => Reader.Dispose();
}
