namespace Instances.Grains.Driver;

/// <summary>A driver failure whose message is meant for the user (it becomes <c>last_error</c> or <c>fault</c>).</summary>
public sealed class DriverException : Exception
{
    public DriverException()
    {
    }

    public DriverException(string message)
        : base(message)
    {
    }

    public DriverException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
