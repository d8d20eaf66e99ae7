using Instances.Abstractions;
using Instances.Grains.Hosting;

namespace Instances.Grains.Simulated;

/// <inheritdoc cref="ISimulatedNodeGrain"/>
public sealed class SimulatedNodeGrain(
    [PersistentState(StorageNames.SimulatedNode, StorageNames.Provider)] IPersistentState<SimulatedNodeReport> state)
    : Grain, ISimulatedNodeGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A node nobody has touched is powered off, like a machine fresh in the rack.
        state.State ??= new SimulatedNodeReport(PowerState.Off, null, 0, 0);
        return Task.CompletedTask;
    }

    public Task DeployAsync(Guid imageId) =>
        SaveAsync(state.State with { Power = PowerState.On, DeployedImage = imageId, Deployments = state.State.Deployments + 1 });

    public Task TeardownAsync() => SaveAsync(state.State with { Power = PowerState.Off, DeployedImage = null });

    public async Task<PowerState> ApplyPowerAsync(PowerAction action)
    {
        var power = action is PowerAction.Off or PowerAction.SoftOff ? PowerState.Off : PowerState.On;
        await SaveAsync(state.State with { Power = power, PowerActions = state.State.PowerActions + 1 });
        return power;
    }

    public Task<SimulatedNodeReport> GetAsync() => Task.FromResult(state.State);

    private Task SaveAsync(SimulatedNodeReport report)
    {
        state.State = report;
        return state.WriteStateAsync();
    }
}
