using Depesche.Model;

namespace Depesche.Tests;

public class PartialDateTests
{
    [Theory]
    [InlineData("2022", "2022")]
    [InlineData("2022-02", "2022-02")]
    [InlineData("2022-02-25", "2022-02-25")]
    [InlineData(" 2024-02-29 ", "2024-02-29")]
    public void Parses_and_round_trips(string input, string expected)
    {
        Assert.True(PartialDate.TryParse(input, out var date));
        Assert.Equal(expected, date!.Value.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("22-02")]
    [InlineData("2022-13")]
    [InlineData("2023-02-29")]
    [InlineData("2022/02/25")]
    [InlineData("2022-02-25T10")]
    [InlineData("0000")]
    public void Rejects_malformed_or_impossible_dates(string input)
    {
        Assert.False(PartialDate.TryParse(input, out _));
    }

    [Fact]
    public void Precision_orders_year_month_day()
    {
        var month = new PartialDate(2022, 2);
        var day = new PartialDate(2022, 2, 25);
        Assert.True(day.IsAtLeastAsPreciseAs(month));
        Assert.False(month.IsAtLeastAsPreciseAs(day));
        Assert.Null(month.AsDate);
        Assert.Equal(new DateOnly(2022, 2, 25), day.AsDate);
    }
}
