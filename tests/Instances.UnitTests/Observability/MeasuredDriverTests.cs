using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using Instances.Abstractions;
using Instances.Grains.Driver;
using Instances.Grains.Hosting;
using Instances.Grains.Observability;
using Microsoft.Extensions.DependencyInjection;

namespace Instances.UnitTests.Observability;

/// <summary>The driver decorator: every call of any driver is timed by call and outcome, and traced.</summary>
public sealed class MeasuredDriverTests : IDisposable
{
    private readonly RecordedMeasurements _recorded = new();
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _tracing;

    public MeasuredDriverTests()
    {
        _tracing = new ActivityListener
        {
            ShouldListenTo = source => source.Name == InstancesActivities.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_tracing);
    }

    [Fact]
    public async Task ASuccessfulCallIsTimedAsASuccessAndIsASpan()
    {
        var node = $"node-{Guid.NewGuid():N}";
        var driver = new MeasuredDriver(new FakeDriver(), _recorded.Metrics);

        Assert.Equal(PowerState.Off, await driver.SetPowerAsync(node, PowerAction.Off, Guid.NewGuid(), CancellationToken.None));

        var (value, tags) = Assert.Single(_recorded.Of("instances.driver.duration"));
        Assert.Equal("set_power", tags["call"]);
        Assert.Equal("success", tags["outcome"]);
        Assert.True(value >= 0);
        var span = Assert.Single(_spans, s => (string?)s.GetTagItem("instances.node_id") == node);
        Assert.Equal("driver set_power", span.DisplayName);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task AFailingCallIsTimedAsAFailureMarkedOnItsSpanAndStillThrows()
    {
        var node = $"node-{Guid.NewGuid():N}";
        var driver = new MeasuredDriver(new FakeDriver { Failure = new DriverException("BMC unreachable") }, _recorded.Metrics);

        await Assert.ThrowsAsync<DriverException>(() => driver.DeployAsync(node, Guid.NewGuid(), CancellationToken.None));

        var (_, tags) = Assert.Single(_recorded.Of("instances.driver.duration"));
        Assert.Equal(("deploy", "failure"), (tags["call"], tags["outcome"]));
        var span = Assert.Single(_spans, s => (string?)s.GetTagItem("instances.node_id") == node);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("BMC unreachable", span.StatusDescription);
    }

    [Fact]
    public async Task WhicheverDriverIsRegisteredLastIsTheOneWrapped()
    {
        var fake = new FakeDriver();
        var services = new ServiceCollection().AddSingleton(_recorded.Metrics);
        services.AddSingleton<IBareMetalDriver>(new FakeDriver { Failure = new InvalidOperationException("the replaced driver") });
        services.AddSingleton<IBareMetalDriver>(fake);
        await using var provider = services.MeasureBareMetalDriver().BuildServiceProvider();

        var driver = provider.GetRequiredService<IBareMetalDriver>();
        await driver.TeardownAsync("n1", CancellationToken.None);

        Assert.IsType<MeasuredDriver>(driver);
        Assert.Equal(1, fake.Calls);
        Assert.Equal("teardown", Assert.Single(_recorded.Of("instances.driver.duration")).Tags["call"]);
    }

    public void Dispose()
    {
        _tracing.Dispose();
        _recorded.Dispose();
    }

    private sealed class FakeDriver : IBareMetalDriver
    {
        public Exception? Failure { get; init; }

        public int Calls { get; private set; }

        public Task<string?> ClaimNodeAsync(string zone, Guid instanceId, IReadOnlyDictionary<string, string> extraSpecs, CancellationToken cancellationToken) => Answer<string?>("n1");

        public Task<string?> FindClaimedNodeAsync(string zone, Guid instanceId, CancellationToken cancellationToken) => Answer<string?>("n1");

        public Task ReleaseNodeAsync(string zone, Guid instanceId, CancellationToken cancellationToken) => Answer(true);

        public Task<ImmutableArray<NetworkPort>> CreatePortsAsync(string nodeId, Guid instanceId, ImmutableArray<NetworkRequest> networks, CancellationToken cancellationToken) =>
            Answer(ImmutableArray<NetworkPort>.Empty);

        public Task DeletePortsAsync(string nodeId, Guid instanceId, CancellationToken cancellationToken) => Answer(true);

        public Task DeployAsync(string nodeId, Guid imageId, CancellationToken cancellationToken) => Answer(true);

        public Task TeardownAsync(string nodeId, CancellationToken cancellationToken) => Answer(true);

        public Task<PowerState> SetPowerAsync(string nodeId, PowerAction action, Guid operationId, CancellationToken cancellationToken) =>
            Answer(action == PowerAction.Off ? PowerState.Off : PowerState.On);

        public Task<PowerState?> GetPowerAsync(string nodeId, CancellationToken cancellationToken) => Answer<PowerState?>(PowerState.On);

        private Task<T> Answer<T>(T value)
        {
            Calls++;
            return Failure is null ? Task.FromResult(value) : Task.FromException<T>(Failure);
        }
    }
}
