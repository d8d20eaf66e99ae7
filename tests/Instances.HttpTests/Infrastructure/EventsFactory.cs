namespace Instances.HttpTests.Infrastructure;

/// <summary>
/// The host with quick heartbeats and renewals, so the event-stream tests see both happen within
/// their deadlines (the defaults are 10 s and 30 s).
/// </summary>
public sealed class EventsFactory : ApiFactory
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromMilliseconds(300);

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Events:Heartbeat"] = Heartbeat.ToString(),
        ["Events:Renewal"] = "00:00:00.500",
    };
}

[CollectionDefinition(Name)]
public sealed class EventsCollection : ICollectionFixture<EventsFactory>
{
    public const string Name = "events";
}
