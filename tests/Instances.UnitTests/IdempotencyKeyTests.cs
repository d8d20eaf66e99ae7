using Instances.Abstractions;

namespace Instances.UnitTests;

/// <summary>The pure rules of an <c>Idempotency-Key</c>: its 24-hour lifetime and its grain key.</summary>
public sealed class IdempotencyKeyTests
{
    private static readonly DateTimeOffset First = new(2026, 11, 26, 18, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, true)]
    [InlineData(60, true)]
    [InlineData(24 * 3600 - 1, true)]
    [InlineData(24 * 3600, false)]
    [InlineData(48 * 3600, false)]
    public void AKeyHoldsForTwentyFourHoursAfterItsFirstUse(int secondsLater, bool live) =>
        Assert.Equal(live, IdempotencyKeys.IsLive(First, First.AddSeconds(secondsLater)));

    [Fact]
    public void NoProjectAndKeyShareAGrainKeyWithAnotherPair()
    {
        Assert.NotEqual(IdempotencyKeys.GrainKey("a:b", "c"), IdempotencyKeys.GrainKey("a", "b:c"));
        Assert.Equal(IdempotencyKeys.GrainKey("p", "k"), IdempotencyKeys.GrainKey("p", "k"));
    }
}
