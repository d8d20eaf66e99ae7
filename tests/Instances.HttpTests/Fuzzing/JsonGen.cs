using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsCheck;

namespace Instances.HttpTests.Fuzzing;

/// <summary>
/// JSON as text: interesting strings and numbers, random (possibly deep) values, and bodies that start valid and are
/// then mutated (members dropped, retyped, duplicated, renamed, added; the text truncated or corrupted).
/// </summary>
public static class JsonGen
{
    private static readonly JsonSerializerOptions Raw = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Strings a validator tends to get wrong: empty, blank, at and over 255, astral characters, controls.</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (6, Gen.OneOf(
            "", " ", "a", "web-1", "fuzz", "null", "true", "0", "-1", "on", "off", "reboot", "rebuild", "zone-a", "admin",
            new string('x', 255), new string('x', 256), new string('é', 255), new string('é', 256),
            string.Concat(Enumerable.Repeat("😀", 255)), string.Concat(Enumerable.Repeat("😀", 256)),
            new string('a', 63) + "😀", new string('a', 63) + "😀" + new string('b', 10), new string('a', 64) + "😀",
            "\0", "a\0b", "\t\r\n", "\u202Eevil", "\uFEFF", "Ω≈ç√∫", "日本語", "../../etc/passwd", "%2e%2e%2f", "<script>",
            "' OR 1=1 --", "${jndi:x}", "{T0}", "bad/key", "bad*key", "~0~1", "/", "a b", "k:v.x_y-z",
            new string('k', 300), new string('y', 5000))),
        (3, RandomText(0, 40)),
        (1, RandomText(200, 300)));

    /// <summary>JSON string literals that cannot come from a .NET string through a serializer: lone surrogates and raw escapes.</summary>
    public static readonly Gen<string> OddStringLiteral = Gen.OneOf(
        "\"\\ud800\"", "\"\\udc00\"", "\"a\\ud83d\"", "\"" + new string('a', 63) + "\\ud83d\\ude00\"", "\"\\u0000\"",
        "\"\\uFFFF\"", "\"\\/\"", "\"\\x41\"", "\"\\u12\"", "\"\\q\"", "'single'", "\"unterminated", "\"tab\there\"");

    public static readonly Gen<string> Number = Gen.Frequency(
        (4, Gen.OneOf(
            "0", "-0", "1", "-1", "5", "1.5", "3600", "3601", "2147483647", "2147483648", "-2147483649",
            "9223372036854775807", "9223372036854775808", "123456789012345678901234567890123456789", "1e400", "-1e400",
            "1E2", "1e-400", "0.0000001", "00", "01", "+1", ".5", "1.", "NaN", "Infinity", "-Infinity", "0x10")),
        (1, Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "1e308")));

    public static readonly Gen<string> Scalar = Gen.Frequency(
        (3, Gen.OneOf("null", "true", "false", "{}", "[]", "[null]", "{\"\": null}")),
        (3, Number),
        (5, Text.Select(Quote)),
        (1, OddStringLiteral));

    public static readonly Gen<string> Key = Gen.Frequency(
        (3, Gen.OneOf("name", "description", "uuid", "target", "timeout", "op", "path", "value", "extra", "networks", "is_public",
            "extra_specs", "instance_type_uuid", "image_uuid", "availability_zone", "net_id", "port_type", "instances", "filter")),
        (2, Text));

    /// <summary>Any JSON value, nested a few levels.</summary>
    public static readonly Gen<string> Value = Gen.Recursive<string>((depth, value) => depth >= 3
        ? Scalar
        : Gen.Frequency(
            (8, Scalar),
            (1, value.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
            (1, Gen.Select(Key, value).Array[0, 4].Select(ObjectText))));

    /// <summary>Garbage bodies: deep nesting, many members, duplicates, truncation, not JSON at all.</summary>
    public static readonly Gen<string> Garbage = Gen.OneOf(
        Value,
        Gen.Int[65, 3000].Select(n => new string('[', n) + new string(']', n)),
        Gen.Int[65, 3000].Select(n => string.Concat(Enumerable.Repeat("{\"a\":", n)) + "1" + new string('}', n)),
        Gen.Int[1, 5000].Select(n => "{" + string.Join(",", Enumerable.Range(0, n).Select(i => $"\"k{i}\":\"v\"")) + "}"),
        Gen.Int[1, 5000].Select(n => "[" + string.Join(",", Enumerable.Repeat("{\"op\":\"add\",\"path\":\"/extra/k\",\"value\":\"v\"}", n)) + "]"),
        Gen.Const("{\"name\":\"a\",\"name\":\"b\"}"),
        Gen.Const("{\"target\":\"on\",\"target\":\"off\"}"),
        Gen.OneOf("", " ", "{", "}", "[", "{\"", "{\"name\"", "{\"name\":", "{\"name\":\"x\"", "nul", "tru", "1 2", "{} {}", "{}garbage",
            "\u00EF\u00BB\u00BF{}", "/* c */ {}", "{\"a\":1,}", "[1,]", "{'a':1}", "{a:1}", "\"just a string\"", "42", "null"),
        Text);

    public static string Quote(string text) => JsonSerializer.Serialize(text, Raw);

    public static string ObjectText(IEnumerable<(string Key, string Value)> members) =>
        "{" + string.Join(",", members.Select(m => Quote(m.Key) + ":" + m.Value)) + "}";

    /// <summary>
    /// A valid body (members in order) put through 0–3 member mutations, then sometimes a text mutation. About a
    /// third come out unchanged, so the handlers' success paths are exercised too.
    /// </summary>
    public static Gen<byte[]> Mutated(Gen<(string Key, string Value)[]> valid) =>
        from members in valid
        from mutations in Gen.Int[0, 7].Array[0, 3]
        from picks in Gen.Int[0, 1_000_000].Array[4]
        from replacement in Value
        from key in Key
        from textMutation in Gen.Frequency((12, Gen.Const(-1)), (1, Gen.Int[0, 6]))
        select Finish(Mutate(members.ToList(), mutations, picks, replacement, key), textMutation, picks);

    private static string Mutate(List<(string Key, string Value)> members, int[] mutations, int[] picks, string replacement, string key)
    {
        foreach (var (mutation, i) in mutations.Select((m, i) => (m, i)))
        {
            var at = members.Count == 0 ? 0 : picks[i] % members.Count;
            switch (mutation)
            {
                case 0 when members.Count > 0:
                    members.RemoveAt(at);
                    break;
                case 1 or 2 when members.Count > 0:
                    members[at] = (members[at].Key, replacement);
                    break;
                case 3:
                    members.Add((key, replacement));
                    break;
                case 4 when members.Count > 0:
                    members.Add((members[at].Key, replacement)); // a duplicate member
                    break;
                case 5 when members.Count > 0:
                    members[at] = (members[at].Key.ToUpperInvariant(), members[at].Value);
                    break;
                case 6 when members.Count > 0:
                    members[at] = (members[at].Key, "null");
                    break;
                case 7:
                    return "[" + ObjectText(members) + "]";
            }
        }

        return ObjectText(members);
    }

    private static byte[] Finish(string json, int textMutation, int[] picks)
    {
        var at = json.Length == 0 ? 0 : picks[3] % json.Length;
        var bytes = textMutation switch
        {
            0 => Encoding.UTF8.GetBytes(json[..at]),                                  // truncated
            1 => Encoding.UTF8.GetBytes(json.Remove(at, Math.Min(1, json.Length - at))), // a character lost
            2 => Encoding.UTF8.GetBytes(json.Insert(at, "\"")),
            3 => [.. Encoding.UTF8.GetBytes(json[..at]), 0xED, 0xA0, 0x80, .. Encoding.UTF8.GetBytes(json[at..])], // invalid UTF-8
            4 => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(json)],                 // a byte-order mark
            5 => Encoding.Unicode.GetBytes(json),                                     // UTF-16
            6 => Encoding.UTF8.GetBytes(json + json),
            _ => Encoding.UTF8.GetBytes(json),
        };
        return bytes;
    }

    private static Gen<string> RandomText(int min, int max) =>
        Gen.Frequency(
            (6, Gen.Int[0x20, 0x7E]),
            (2, Gen.Int[0xA0, 0x2FF]),
            (1, Gen.Int[0x0, 0x1F]),
            (1, Gen.Int[0x4E00, 0x4FFF]),
            (1, Gen.Int[0x1F600, 0x1F64F]),
            (1, Gen.Int[0xE000, 0xFFFD]))
        .Array[min, max]
        .Select(codePoints => string.Concat(codePoints.Select(char.ConvertFromUtf32)));
}
