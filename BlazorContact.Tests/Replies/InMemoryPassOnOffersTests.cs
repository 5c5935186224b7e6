using BlazorContact.Core.Replies;
using Microsoft.Extensions.Time.Testing;

namespace BlazorContact.Tests.Replies;

public sealed class InMemoryPassOnOffersTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-02T10:00:00+00:00", System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("是的！")]
    [InlineData("OK.")]
    [InlineData("yes please")]
    public void A_yes_within_the_offers_lifetime_takes_the_question(string reply)
    {
        var offers = new InMemoryPassOnOffers(_time);
        offers.Offer("c1", "Do you do consulting?");

        _time.Advance(TimeSpan.FromMinutes(9));

        Assert.Equal("Do you do consulting?", offers.TakeAccepted("c1", reply));
        Assert.Null(offers.TakeAccepted("c1", reply));
    }

    [Fact]
    public void A_yes_after_the_offer_expired_takes_nothing()
    {
        var offers = new InMemoryPassOnOffers(_time);
        offers.Offer("c1", "Do you do consulting?");

        _time.Advance(UnansweredQuestion.OfferLifetime + TimeSpan.FromSeconds(1));

        Assert.Null(offers.TakeAccepted("c1", "yes"));
    }

    [Fact]
    public void Any_other_message_withdraws_the_offer()
    {
        var offers = new InMemoryPassOnOffers(_time);
        offers.Offer("c1", "Do you do consulting?");

        Assert.Null(offers.TakeAccepted("c1", "what port does it use?"));
        Assert.Null(offers.TakeAccepted("c1", "yes"));
    }

    [Fact]
    public void Offers_belong_to_their_conversation()
    {
        var offers = new InMemoryPassOnOffers(_time);
        offers.Offer("c1", "question one");

        Assert.Null(offers.TakeAccepted("c2", "yes"));
        Assert.Equal("question one", offers.TakeAccepted("c1", "yes"));
    }
}
