namespace BlazorContact.Bench;

/// <summary>The server's memory while <see cref="Connections"/> idle connections are open.</summary>
/// <param name="ServerOpenFiles">The server's file descriptors: shows the connections are really held.</param>
/// <param name="OpenTime">How long opening the new connections of this step took.</param>
internal sealed record IdleMeasurement(int Connections, long RssKilobytes, int ServerOpenFiles, TimeSpan OpenTime);
