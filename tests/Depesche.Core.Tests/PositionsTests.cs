using System.Collections.Immutable;
using Depesche.Model;

namespace Depesche.Tests;

public class PositionsTests
{
    [Theory]
    [InlineData(new[] { 1, 3, 5, 7 }, 4, 2)]
    [InlineData(new[] { 1, 3, 5, 7 }, 0, 0)]
    [InlineData(new[] { 1, 3, 5, 7 }, 9, 4)]
    [InlineData(new int[0], 3, 0)]
    public void Partition_finds_the_first_index_past_the_prefix(int[] values, int limit, int expected)
    {
        Assert.Equal(expected, Positions.Partition(values.Length, i => values[i] < limit));
    }

    [Fact]
    public void A_position_finds_the_token_that_covers_or_follows_it()
    {
        // "Die Nato tagt." → Die [0,3) Nato [4,8) tagt [9,13) . [13,14)
        var tokens = ImmutableArray.Create(
            new TokenInfo(0, 3, TokenKind.Word, TokenFlags.SpaceAfter),
            new TokenInfo(4, 8, TokenKind.Word, TokenFlags.SpaceAfter),
            new TokenInfo(9, 13, TokenKind.Word, TokenFlags.None),
            new TokenInfo(13, 14, TokenKind.Punctuation, TokenFlags.None));
        Assert.Equal(0, Positions.TokenFrom(tokens, 0));
        Assert.Equal(1, Positions.TokenFrom(tokens, 3)); // the space before "Nato": the next token
        Assert.Equal(1, Positions.TokenFrom(tokens, 7));
        Assert.Equal(3, Positions.TokenFrom(tokens, 13));
        Assert.Equal(4, Positions.TokenFrom(tokens, 14));
    }
}
