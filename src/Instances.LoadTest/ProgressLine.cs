using System.Globalization;

namespace Instances.LoadTest;

/// <summary>A status line on stderr, rewritten in place on a terminal and printed every 5 s otherwise.</summary>
public sealed class ProgressLine(TextWriter output) : IDisposable
{
    private readonly bool _inPlace = !Console.IsErrorRedirected;
    private DateTime _lastPrinted = DateTime.MinValue;
    private int _width;

    public void Show(string text)
    {
        if (_inPlace)
        {
            output.Write("\r" + text.PadRight(_width));
            _width = text.Length;
        }
        else if (DateTime.UtcNow - _lastPrinted > TimeSpan.FromSeconds(5))
        {
            output.WriteLine(text);
            _lastPrinted = DateTime.UtcNow;
        }
    }

    /// <summary>A text bar: <c>[#####.....] 50/100 label</c>.</summary>
    public static string Bar(long done, long total, string label)
    {
        var filled = total == 0 ? 30 : (int)(30 * Math.Min(done, total) / total);
        return string.Create(CultureInfo.InvariantCulture, $"[{new string('#', filled)}{new string('.', 30 - filled)}] {done}/{total} {label}");
    }

    public void Dispose()
    {
        if (_inPlace && _width > 0)
        {
            output.WriteLine();
        }
    }
}
