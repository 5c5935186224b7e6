using System.Text.Json;

namespace BlazorContact.Bench;

/// <summary>The few fields of a server frame the bench needs, read without building a document.</summary>
internal readonly record struct BenchFrame(string Type, long MessageId, long ReplyTo)
{
    public static BenchFrame Parse(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        string type = "";
        long messageId = 0;
        long replyTo = 0;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidDataException("a server frame that is not a JSON object");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.GetString() ?? "";
            }
            else if (reader.ValueTextEquals("message_id"u8))
            {
                reader.Read();
                messageId = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("reply_to"u8))
            {
                reader.Read();
                replyTo = reader.GetInt64();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new BenchFrame(type, messageId, replyTo);
    }
}
