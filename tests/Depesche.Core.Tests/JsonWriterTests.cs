using System.Buffers;
using System.Text;
using System.Text.Json;
using Depesche.Model;
using Depesche.Output;
using Depesche.Processing;

namespace Depesche.Tests;

public class JsonWriterTests
{
    [Fact]
    public void Code_point_map_counts_surrogate_pairs_once()
    {
        string text = "a😀b𝄞c";
        var map = new CodePointMap(text);
        Assert.False(map.IsIdentity);
        Assert.Equal(0, map.ToCodePoint(0));
        Assert.Equal(1, map.ToCodePoint(1));
        Assert.Equal(2, map.ToCodePoint(3));
        Assert.Equal(3, map.ToCodePoint(4));
        Assert.Equal(4, map.ToCodePoint(6));
        Assert.Equal(5, map.ToCodePoint(7));
        Assert.True(new CodePointMap("Grüße").IsIdentity);
    }

    [Fact]
    public void Spans_are_written_in_code_points_and_match_the_text()
    {
        string text = "😀 Nato 😀😀 Ukraine";
        var doc = new Document(text, "id", "test");
        int nato = text.IndexOf("Nato", StringComparison.Ordinal);
        int ukraine = text.IndexOf("Ukraine", StringComparison.Ordinal);
        doc.Set(Layers.Times, [new TimeExpression(new TextRange(nato, nato + 4), TimeType.Date, "PRESENT_REF"), new TimeExpression(new TextRange(ukraine, ukraine + 7), TimeType.Date, "X")]);
        doc.Set(Layers.Quantities, [new Quantity(new TextRange(nato, nato + 4), 13700, Approximation.About, null, "Soldaten")]);

        using var json = Serialize(doc);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("schema").GetInt32());
        int[] codePoints = text.EnumerateRunes().Select(r => r.Value).ToArray();
        foreach (var t in root.GetProperty("times").EnumerateArray())
        {
            int start = t.GetProperty("start").GetInt32();
            int end = t.GetProperty("end").GetInt32();
            string slice = string.Concat(codePoints[start..end].Select(char.ConvertFromUtf32));
            Assert.Equal(t.GetProperty("text").GetString(), slice);
        }
        var q = root.GetProperty("quantities")[0];
        Assert.Equal("13700", q.GetProperty("value").GetRawText());
        Assert.Equal("about", q.GetProperty("approx").GetString());
    }

    [Fact]
    public void Empty_layers_are_written_as_empty_arrays()
    {
        using var json = Serialize(new Document("", "e", "t"));
        foreach (string layer in new[] { "paragraphs", "sentences", "entities", "quotes", "quantities", "times", "events", "relations" })
        {
            Assert.Equal(0, json.RootElement.GetProperty(layer).GetArrayLength());
        }
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("meta").GetProperty("dateline").ValueKind);
    }

    [Fact]
    public void Non_integer_values_keep_their_fraction()
    {
        var doc = new Document("1,5 Millionen", "id", "t");
        doc.Set(Layers.Quantities, [new Quantity(new TextRange(0, 13), 1.5e6 + 0.25, Approximation.Exact, null, null)]);
        using var json = Serialize(doc);
        Assert.Equal(1500000.25, json.RootElement.GetProperty("quantities")[0].GetProperty("value").GetDouble());
    }

    private static JsonDocument Serialize(Document doc)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, DocumentJsonWriter.WriterOptions(false)))
        {
            DocumentJsonWriter.Write(w, doc, new JsonWriteOptions());
        }
        return JsonDocument.Parse(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
