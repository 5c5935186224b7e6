using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BlazorContact.Core.Protocol;

/// <summary>
/// Writes timestamps as UTC with milliseconds and an explicit "+00:00" offset: both JS <c>Date.parse</c>
/// and Python's <c>datetime.fromisoformat</c> accept it on every version (Python before 3.11 rejects "Z").
/// </summary>
public sealed class IsoTimestampConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'+00:00'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<char> buffer = stackalloc char[32];
        value.UtcDateTime.TryFormat(buffer, out var written, Format, CultureInfo.InvariantCulture);
        writer.WriteStringValue(buffer[..written]);
    }
}
