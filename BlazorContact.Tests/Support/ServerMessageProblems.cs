using System.Text.Json;
using BlazorContact.Core.Protocol;

namespace BlazorContact.Tests.Support;

/// <summary>The server's own validator, applied to what a test client received.</summary>
public static class ServerMessageProblems
{
    public static IReadOnlyList<string> Of(JsonElement message) => ServerMessageValidator.Validate(message);
}
