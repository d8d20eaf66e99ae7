using System.Data;
using Microsoft.Data.Sqlite;

namespace Instances.Storage.Sqlite;

/// <summary>
/// A <see cref="SqliteConnection"/> (the providers check the type) that holds one slot of its
/// data source's gate from open to close and applies the pragmas on every open.
/// </summary>
internal sealed class GatedSqliteConnection(GatedSqliteDataSource source, string connectionString) : SqliteConnection(connectionString)
{
    private bool _holdsSlot;

    public override void Open()
    {
        if (State == ConnectionState.Open)
        {
            return;
        }

        source.Enter();
        OpenHoldingSlot();
    }

    public override async Task OpenAsync(CancellationToken cancellationToken)
    {
        if (State == ConnectionState.Open)
        {
            return;
        }

        // Waiting for a slot is asynchronous; the open itself is synchronous (Microsoft.Data.Sqlite).
        await source.EnterAsync(cancellationToken).ConfigureAwait(false);
        OpenHoldingSlot();
    }

    public override void Close()
    {
        try
        {
            base.Close();
        }
        finally
        {
            if (_holdsSlot)
            {
                _holdsSlot = false;
                source.Leave();
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Close();
        }

        base.Dispose(disposing);
    }

    private void OpenHoldingSlot()
    {
        _holdsSlot = true;
        try
        {
            base.Open();
            source.Configure(this);
        }
        catch
        {
            Close();
            throw;
        }
    }
}
