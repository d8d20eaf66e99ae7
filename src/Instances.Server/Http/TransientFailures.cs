using System.Data.Common;
using System.Net.Sockets;
using Orleans.Runtime.Messaging;
using Orleans.Serialization;
using Orleans.Storage;

namespace Instances.Server.Http;

/// <summary>
/// Failures that say "the database (or a node) is away for now", not "this request is wrong":
/// they become 503 with Retry-After, never 500. Orleans may hand a storage exception over as a
/// fallback exception that only keeps the original type name, so names are checked too.
/// </summary>
internal static class TransientFailures
{
    private static readonly string[] StorageTypeNames = ["Npgsql", "Sqlite", "DbException", "SocketException", "InconsistentStateException"];

    public static bool IsTransient(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case SiloUnavailableException or OrleansMessageRejectionException or TimeoutException:
                // A gateway-only node between silos: no gateway connected, or the one it has sheds load.
                case ClientNotAvailableException or GatewayTooBusyException or ConnectionFailedException:
                case DbException or SocketException:
                // A concurrent write elsewhere (a duplicate activation while a node fails): retrying reads fresh state.
                case InconsistentStateException:
                    return true;
                case UnavailableExceptionFallbackException fallback when StorageTypeNames.Any(name => fallback.ExceptionType?.Contains(name, StringComparison.Ordinal) == true):
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsTransient):
                    return true;
            }
        }

        return false;
    }
}
