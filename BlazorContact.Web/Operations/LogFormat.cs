using Serilog;
using Serilog.Formatting.Compact;

namespace BlazorContact.Web.Operations;

/// <summary>
/// <c>Logging:Format</c>: <c>Text</c> (the default, for a person at a terminal) or <c>Json</c> (Serilog's compact JSON,
/// one event per line, every property included: ClientId, ConversationId, EventId; for journald, Loki, Elasticsearch).
/// Either goes to the console; more sinks come from the <c>Serilog:WriteTo</c> section.
/// </summary>
internal static class LogFormat
{
    public const string Key = "Logging:Format";

    private const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>Adds the console sink the configuration asks for; an unknown format stops the start with a sentence.</summary>
    public static LoggerConfiguration WriteToConsole(this LoggerConfiguration logger, IConfiguration configuration)
    {
        var format = configuration[Key];
        if (string.IsNullOrEmpty(format) || string.Equals(format, "Text", StringComparison.OrdinalIgnoreCase))
        {
            return logger.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        }

        if (string.Equals(format, "Json", StringComparison.OrdinalIgnoreCase))
        {
            return logger.WriteTo.Console(new RenderedCompactJsonFormatter());
        }

        throw new InvalidOperationException($"{Key} must be Text or Json (was '{format}').");
    }
}
