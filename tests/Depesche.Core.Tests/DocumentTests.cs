using System.Collections.Immutable;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.Tests;

public class DocumentTests
{
    [Fact]
    public void A_layer_is_set_once()
    {
        var doc = new Document("Text", "id", "test");
        doc.Set(Layers.Quotes, ImmutableArray<Quote>.Empty);
        Assert.Throws<InvalidOperationException>(() => doc.Set(Layers.Quotes, ImmutableArray<Quote>.Empty));
    }

    [Fact]
    public void Missing_array_layers_read_as_empty_and_missing_values_throw()
    {
        var doc = new Document("Text", "id", "test");
        Assert.Empty(doc.GetOrEmpty(Layers.Events));
        Assert.False(doc.Has(Layers.Header));
        Assert.Throws<InvalidOperationException>(() => doc.Get(Layers.Header));
    }

    [Fact]
    public void Reference_date_prefers_the_override_then_the_most_precise_date()
    {
        var header = new HeaderInfo(new TextRange(0, 4), new PartialDate(2022, 2), null, null, 0);

        var plain = new Document("x", "a", "t");
        plain.Set(Layers.Header, header);
        Assert.Equal("2022-02", plain.ReferenceDate.ToString());

        var withRecord = new Document("x", "a", "t", recordDate: new PartialDate(2022, 2, 25));
        withRecord.Set(Layers.Header, header);
        Assert.Equal("2022-02-25", withRecord.ReferenceDate.ToString());
        Assert.Equal("2022-02-25", withRecord.Date.ToString());

        var overridden = new Document("x", "a", "t", recordDate: new PartialDate(2022, 2, 25), referenceDateOverride: new DateOnly(2023, 1, 2));
        Assert.Equal("2023-01-02", overridden.ReferenceDate.ToString());
    }

    [Fact]
    public void Custom_layer_keys_work_beyond_the_built_in_ones()
    {
        var key = new LayerKey<string>("custom");
        var doc = new Document("x", "a", "t");
        doc.Set(key, "value");
        Assert.Equal("value", doc.Get(key));
    }
}
